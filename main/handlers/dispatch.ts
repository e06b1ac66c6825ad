import { requestSchemas, type Envelope, type Verb } from '../../shared/api/contract.ts';
import { toApiError } from './errors.ts';
import type { Handlers } from './index.ts';

export function isVerb(name: string): name is Verb {
  return Object.hasOwn(requestSchemas, name);
}

/**
 * The main-process edge: every payload arrives as `unknown` and is checked
 * against its verb's schema before a handler sees it. Errors come back as data.
 */
export async function dispatch(handlers: Handlers, verb: string, payload: unknown): Promise<Envelope<unknown>> {
  if (!isVerb(verb)) return { ok: false, error: { code: 'unknown-verb', message: `unknown API verb "${verb}"` } };
  const parsed = requestSchemas[verb].safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
    const message = `invalid request for ${verb}: ${field ? `${field}: ` : ''}${issue?.message ?? 'malformed'}`;
    return { ok: false, error: field ? { code: 'invalid-request', message, field } : { code: 'invalid-request', message } };
  }
  try {
    const handler = handlers[verb] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}
