// The renderer's one door to the backend. In Electron the preload bridge is on
// window.candor; in browser mode the same verbs go over HTTP with the
// per-launch token the page URL brought (token.ts). Only the transport differs.
import type { CandorApi, CandorBridge, Envelope } from '../../../shared/api/contract.ts';
import { VERBS, type Verb } from '../../../shared/api/verbs.ts';
import { takeToken } from './token.ts';

declare global {
  interface Window {
    candor?: CandorBridge;
  }
}

const TOKEN_HEADER = 'x-candor-token';

/** One verb over HTTP. An aborted request rejects with the AbortError (it is no transport failure). */
async function post(token: string, verb: Verb, request: unknown, signal?: AbortSignal): Promise<Envelope<unknown>> {
  try {
    const response = await fetch(`/api/${verb}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(request ?? {}),
      ...(signal ? { signal } : {}),
    });
    return (await response.json()) as Envelope<unknown>;
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, error: { code: 'transport', message: `Could not reach Candor: ${String(error)}` } };
  }
}

function httpApi(token: string): CandorApi {
  const api: Partial<Record<Verb, (request: unknown) => Promise<Envelope<unknown>>>> = {};
  for (const verb of VERBS) api[verb] = (request: unknown) => post(token, verb, request);
  return api as CandorApi;
}

export const bridge: CandorBridge | null = window.candor ?? null;
const token = bridge ? '' : takeToken(window.location, window.history, sessionStorage);
export const api: CandorApi = bridge ? bridge.api : httpApi(token);
export const runtime: 'electron' | 'browser' = bridge ? 'electron' : 'browser';

export interface CallOptions {
  /**
   * Abandons the request: over HTTP the fetch is aborted (and the call
   * rejects with its AbortError); over IPC the answer is simply not awaited
   * by anyone, as IPC cannot withdraw a request.
   */
  signal?: AbortSignal | undefined;
}

/** Unwraps an envelope, throwing an Error whose message is the API's message. */
export async function call<V extends Verb>(
  verb: V,
  request: Parameters<CandorApi[V]>[0],
  options: CallOptions = {},
): Promise<Awaited<ReturnType<CandorApi[V]>> extends Envelope<infer T> ? T : never> {
  const fn = api[verb] as (r: unknown) => Promise<Envelope<unknown>>;
  const envelope = bridge || !options.signal ? await fn(request) : await post(token, verb, request, options.signal);
  if (!envelope.ok) throw new ApiCallError(envelope.error.message, envelope.error);
  return envelope.value as never;
}

export class ApiCallError extends Error {
  readonly detail: Extract<Envelope<unknown>, { ok: false }>['error'];
  constructor(message: string, detail: Extract<Envelope<unknown>, { ok: false }>['error']) {
    super(message);
    this.detail = detail;
  }
}
