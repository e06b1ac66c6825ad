import type { ApiError } from '../../shared/domain.ts';
import { ImportError } from '../import/types.ts';
import { NewerDatabaseError } from '../store/migrations/index.ts';

/** An error meant for the user: its message is shown as it is. */
export class HandlerError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'HandlerError';
    this.code = code;
  }
}

export function notFound(what: string, id: number | string): HandlerError {
  return new HandlerError('not-found', `${what} ${id} does not exist (it may have been deleted)`);
}

/**
 * Maps anything thrown to what crosses the transport. Known errors keep their
 * message and location; anything else is logged with its stack and reported
 * without internals, since users should never see a stack trace.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ImportError) {
    const located: ApiError = { code: error.code, message: error.message, file: error.file };
    if (error.line !== undefined) located.line = error.line;
    if (error.field !== undefined) located.field = error.field;
    return located;
  }
  if (error instanceof HandlerError) return { code: error.code, message: error.message };
  if (error instanceof NewerDatabaseError) return { code: 'newer-database', message: error.message };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'cancelled', message: 'cancelled' };
  console.error('[candor] internal error:', error);
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Candor: ${detail}. The log has the details.` };
}
