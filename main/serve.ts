// Browser mode: the same renderer and the same handlers over HTTP on
// 127.0.0.1, guarded by a random per-launch token. Only the transport differs
// from IPC. Used by the e2e tests and by people whose run files live on a
// remote machine (reach it through an SSH tunnel).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_UPLOAD_CHARS } from '../shared/api/contract.ts';
import { dispatch } from './handlers/dispatch.ts';
import { computeClient } from './compute/client.ts';
import { createHandlers } from './handlers/index.ts';
import { JobRegistry } from './handlers/jobs.ts';
import { candorVersion, defaultDbPath, DEMO_RUN_PATH, RENDERER_DIR } from './paths.ts';
import { Store } from './store/store.ts';

export const TOKEN_HEADER = 'x-candor-token';
const MAX_BODY_BYTES = MAX_UPLOAD_CHARS * 2;

/** The same policy the Electron window enforces: nothing from any other origin. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface ServeOptions {
  dbPath: string;
  port?: number;
  token?: string;
  staticDir?: string;
  demoPath?: string;
  /** Largest request body accepted, in bytes (tests lower it). */
  maxBodyBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  store: Store;
  close(): Promise<void>;
}

/** The Host header names this machine's loopback (127.0.0.1, localhost or [::1]), with any port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

class BodyTooLarge extends Error {}

/**
 * The request body, refused as soon as it is known to pass the limit: by its
 * declared length before a byte is read, else while it streams in, so a
 * 600 MB POST never sits in memory.
 */
async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers 413 and closes the connection, so the rest of an oversized body is never read. */
function refuseBody(request: IncomingMessage, response: ServerResponse, limit: number): void {
  const body = JSON.stringify({ ok: false, error: { code: 'too-large', message: `the request is larger than ${Math.round(limit / (1024 * 1024))} MiB` } });
  const socket = request.socket as typeof request.socket | null;
  response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  response.end(body, () => socket?.destroy());
}

function requestUrl(target: string | undefined): URL | null {
  if (target === undefined || !target.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}

/** The request's path with its %-escapes decoded; null when they are malformed (or decode to a NUL). */
export function decodedPath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

function serveStatic(staticDir: string, urlPath: string, response: ServerResponse): void {
  const root = resolve(staticDir);
  const relative = normalize(urlPath).replace(/^([/\\])+/, '');
  let file = resolve(join(root, relative));
  // Unknown paths fall back to the app shell; nothing outside the build folder is served.
  if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('The renderer is not built: run `npm run build:renderer` (npm run serve does it for you).');
    return;
  }
  response.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(response);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const store = Store.open(options.dbPath);
  const token = options.token ?? randomBytes(24).toString('hex');
  const jobs = new JobRegistry();
  const handlers = createHandlers({
    store,
    jobs,
    runtime: 'browser',
    version: candorVersion(),
    demoPath: options.demoPath ?? DEMO_RUN_PATH,
  });
  const staticDir = options.staticDir ?? RENDERER_DIR;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let port = 0;

  const server: Server = createServer((request, response) => {
    void (async () => {
      // DNS rebinding guard: only answer requests addressed to a loopback name.
      // Any port: an SSH tunnel forwards another local port to this one.
      if (!isLoopbackHost(request.headers.host)) {
        sendJson(response, 403, { ok: false, error: { code: 'forbidden', message: 'bad host' } });
        return;
      }
      // The request target is a path; "//x" must not be read as another host, nor %zz reach a decoder that throws.
      const url = requestUrl(request.url);
      const path = url === null ? null : decodedPath(url.pathname);
      if (url === null || path === null) {
        sendJson(response, 400, { ok: false, error: { code: 'bad-request', message: 'malformed URL (a bad %-escape?)' } });
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        if (request.method !== 'POST') {
          sendJson(response, 405, { ok: false, error: { code: 'method', message: 'POST only' } });
          return;
        }
        if (!sameToken(request.headers[TOKEN_HEADER] as string | undefined, token)) {
          sendJson(response, 401, { ok: false, error: { code: 'unauthorized', message: 'missing or wrong token' } });
          return;
        }
        let payload: unknown;
        try {
          const body = await readBody(request, maxBodyBytes);
          payload = body === '' ? {} : JSON.parse(body);
        } catch (error) {
          if (error instanceof BodyTooLarge) refuseBody(request, response, maxBodyBytes);
          else sendJson(response, 400, { ok: false, error: { code: 'bad-request', message: error instanceof SyntaxError ? `malformed JSON: ${error.message}` : 'the request body could not be read' } });
          return;
        }
        sendJson(response, 200, await dispatch(handlers, url.pathname.slice('/api/'.length), payload));
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405).end();
        return;
      }
      serveStatic(staticDir, path, response);
    })().catch((error: unknown) => {
      console.error('[candor] request failed:', error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  // A compute worker's start-up (a thread, and here the engine's source through tsx: about
  // 0.3 s) is paid now, while the page loads, not by the first heavy view's first paint.
  computeClient().warm();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    store,
    close: async () => {
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      server.closeAllConnections();
      store.close();
    },
  };
}

function parseArgs(argv: string[]): { dbPath: string; port: number } {
  let dbPath = defaultDbPath();
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--db') dbPath = argv[++i] ?? dbPath;
    else if (arg?.startsWith('--db=')) dbPath = arg.slice(5);
    else if (arg === '--port') port = Number(argv[++i]);
    else if (arg?.startsWith('--port=')) port = Number(arg.slice(7));
    else throw new Error(`unknown option ${arg}; usage: npm run serve -- [--db FILE] [--port N]`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port takes a number from 0 to 65535');
  return { dbPath: resolve(dbPath), port };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { dbPath, port } = parseArgs(process.argv.slice(2));
    const running = await startServer({ dbPath, port });
    console.log(`Candor (browser mode) is serving ${dbPath}`);
    console.log(`Open: ${running.url}`);
    console.log('Only this machine can reach it; from elsewhere use an SSH tunnel. Ctrl+C stops it.');
    const stop = () => void running.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(`candor serve: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
