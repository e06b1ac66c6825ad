import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../../main/serve.ts';
import { tempDir } from '../../support/temp.ts';

let server: RunningServer;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  tmp.file('index.html', '<!doctype html><title>shell</title>');
  server = await startServer({ dbPath: `${tmp.dir}/candor.db`, staticDir: tmp.dir });
});
afterEach(async () => {
  await server.close();
  tmp.cleanup();
});

function send(path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('browser mode server', () => {
  it('listens on 127.0.0.1 and prints a URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('answers API verbs with the token, and refuses without it', async () => {
    const ok = await send('/api/runs/list', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: server.token } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: [] });
    const denied = await send('/api/runs/list', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: 'guess' } });
    expect(denied.status).toBe(401);
    const none = await send('/api/runs/list', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
  });

  it('validates payloads at the edge and reports malformed JSON', async () => {
    const headers = { [TOKEN_HEADER]: server.token };
    const invalid = await send('/api/runs/get', { method: 'POST', body: '{"runId":"x"}', headers });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', field: 'runId' } });
    const garbled = await send('/api/runs/get', { method: 'POST', body: '{runId', headers });
    expect(garbled.status).toBe(400);
  });

  it('answers loopback names on any port (an SSH tunnel forwards another port)', async () => {
    for (const host of ['127.0.0.1:9000', 'localhost:8765', '[::1]:9000', `localhost:${server.port}`]) {
      const res = await send('/api/runs/list', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: server.token, host } });
      expect(res.status, host).toBe(200);
    }
    for (const host of ['127.0.0.1.evil.example:80', 'localhost.evil.example', 'evil.example', '[::2]:80']) {
      const res = await send('/api/runs/list', { method: 'POST', body: '{}', headers: { [TOKEN_HEADER]: server.token, host } });
      expect(res.status, host).toBe(403);
    }
  });

  it('refuses other Host headers (DNS rebinding)', async () => {
    const res = await send('/api/runs/list', {
      method: 'POST',
      body: '{}',
      headers: { [TOKEN_HEADER]: server.token, host: `evil.example:${server.port}` },
    });
    expect(res.status).toBe(403);
  });

  it('serves the renderer with a strict CSP and never a file outside its folder', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('shell');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toMatch(/https?:/);
    const escape = await send('/..%2f..%2f..%2fetc%2fpasswd');
    expect(escape.body).not.toContain('root:');
    expect(escape.body).toContain('shell');
  });
});
