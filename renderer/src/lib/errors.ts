// Turns anything thrown by an API call into the one line a user sees: what
// happened and where (file:line, field). Stacks stay out of the UI.
import { ApiCallError } from '../api/client.ts';

export function describeError(error: unknown): string {
  if (error instanceof ApiCallError) {
    const { message, file, line, field } = error.detail;
    const where = [file, line].filter((part) => part !== undefined && part !== '').join(':');
    const parts: string[] = [];
    if (where && !message.includes(where)) parts.push(where);
    if (field && !message.includes(field)) parts.push(`field ${field}`);
    return parts.length ? `${parts.join(', ')}: ${message}` : message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export function describeApiError(detail: { message: string; file?: string; line?: number; field?: string }): string {
  return describeError(new ApiCallError(detail.message, { code: 'job', ...detail }));
}
