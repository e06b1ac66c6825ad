// Issue 13, item 11: browser mode's generic request handling. A malformed
// %-escape answered 500 (with a stack trace in the log); an authenticated
// 600 MB POST was buffered before it was refused; the token stayed in the
// address bar and the history.
import { connect } from 'node:net';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../../main/serve.ts';
import { takeToken } from '../../../renderer/src/api/token.ts';
import { rng, int, pick } from '../../support/fuzz.ts';
import { tempDir } from '../../support/temp.ts';

let server: RunningServer;
let tmp: ReturnType<typeof tempDir>;
const LIMIT = 1024 * 1024;

beforeEach(async () => {
  tmp = tempDir();
  tmp.file('index.html', '<!doctype html><title>shell</title>');
  server = await startServer({ dbPath: `${tmp.dir}/candor.db`, staticDir: tmp.dir, maxBodyBytes: LIMIT });
});
afterEach(async () => {
  await server.close();
  tmp.cleanup();
});

/** A raw HTTP/1.1 exchange, for request lines a client library would clean up first. */
function raw(text: string, body?: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<{ response: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let response = '';
    let sent = 0;
    socket.on('data', (chunk) => (response += chunk.toString('utf8')));
    socket.on('close', () => resolve({ response, sent }));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve({ response, sent }) : reject(error)));
    socket.write(text, async () => {
      if (!body) return;
      try {
        for await (const chunk of body) {
          if (socket.destroyed) break;
          sent += chunk.length;
          if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r).once('close', r));
        }
      } catch {
        // the server closed the connection: that is the point
      }
    });
  });
}

const status = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

describe('browser mode request handling', () => {
  it('answers a malformed %-escape with 400 and no internals', async () => {
    for (const path of ['/%zz', '/%', '/a%E0%A4%A', '/%00', '/api/%zz']) {
      const { response } = await raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(status(response), path).toBe(400);
      expect(response).not.toMatch(/at .*\.ts:\d+|URIError|stack/);
    }
  });

  // Fuzzed request paths: every one gets an answer below 500.
  it('answers every fuzzed path without a server error', async () => {
    const random = rng(11);
    for (let k = 0; k < 60; k++) {
      let path = '/';
      for (let n = int(random, 0, 8); n > 0; n--) path += pick(random, ['%', '%2', '%zz', '%2f', '..', '/', 'a', '%C3%A9', '%FF', '%00', '?x=%zz', '#', 'index.html']);
      const { response } = await raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(status(response), path).toBeLessThan(500);
    }
  });

  it('refuses a body declared larger than the limit before reading it', async () => {
    const headers = `POST /api/runs/list HTTP/1.1\r\nHost: 127.0.0.1\r\n${TOKEN_HEADER}: ${server.token}\r\nContent-Type: application/json\r\nContent-Length: ${600 * 1024 * 1024}\r\n\r\n`;
    const { response, sent } = await raw(headers, (function* () {
      for (let i = 0; i < 600; i++) yield Buffer.alloc(1024 * 1024, 0x20);
    })());
    expect(status(response)).toBe(413);
    expect(response).toContain('"code":"too-large"');
    expect(sent).toBeLessThan(100 * 1024 * 1024);
  });

  it('stops reading a chunked body at the limit and closes the connection', async () => {
    const headers = `POST /api/runs/list HTTP/1.1\r\nHost: 127.0.0.1\r\n${TOKEN_HEADER}: ${server.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const { response, sent } = await raw(headers, (function* () {
      for (let i = 0; i < 4000; i++) yield framed;
    })());
    expect(status(response)).toBe(413);
    expect(sent).toBeLessThan(4000 * framed.length);
  });

  it('still answers bodies under the limit, and reports malformed JSON without internals', async () => {
    const send = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: '/api/runs/list', method: 'POST', headers: { [TOKEN_HEADER]: server.token } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await send(`{"pad": "${' '.repeat(LIMIT - 100)}"}`)).toBe(200);
    expect(await send('{oops')).toBe(400);
  });
});

describe('the token leaves the address bar', () => {
  function fakeWindow(href: string) {
    const replaced: string[] = [];
    const stored = new Map<string, string>();
    return {
      location: { href },
      history: { state: { keep: 1 }, replaceState: (_state: unknown, _title: string, url: string) => void replaced.push(url) },
      storage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
      replaced,
    };
  }

  it('is taken from the query, kept for the tab, and replaced out of the URL with the route intact', () => {
    const w = fakeWindow('http://127.0.0.1:5000/?token=abc123&x=1#/run/3/items');
    expect(takeToken(w.location, w.history, w.storage)).toBe('abc123');
    expect(w.replaced).toEqual(['/?x=1#/run/3/items']);
    // A reload (no token in the URL) finds it in the tab's storage.
    const reload = { ...w, location: { href: 'http://127.0.0.1:5000/?x=1#/run/3/items' } };
    expect(takeToken(reload.location, reload.history, reload.storage)).toBe('abc123');
    expect(w.replaced).toHaveLength(1);
  });
});
