// What an importer keeps of a logged conversation: Inspect's ChatMessage list
// (system / user / assistant / tool, content as a string or a list of parts,
// assistant tool_calls, tool results with tool_call_id, function and error)
// mapped to the small stored shape in types.ts, with attachment:// references
// resolved and sizes bounded so one agent transcript cannot swell the store:
// each text at most PART_CHARS, each message at most MESSAGE_CHARS, each
// sample at most SAMPLE_CHARS (the head of the conversation and its last
// message are kept, the middle is counted).
import type { StoredTranscript, TranscriptMessage, TranscriptPart, TranscriptToolCall } from './types.ts';

export const PART_CHARS = 8_000;
export const MESSAGE_CHARS = 32_000;
export const SAMPLE_CHARS = 100_000;
const NAME_CHARS = 200;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

export interface KeepOptions {
  /** the sample's attachments (hash -> content), for attachment:// references */
  attachments?: Record<string, unknown>;
  partChars?: number;
  sampleChars?: number;
}

function bounded(text: string, cap: number): { text: string; omittedChars?: number } {
  if (text.length <= cap) return { text };
  // Never end on half of a surrogate pair.
  const end = cap > 0 && /[\uD800-\uDBFF]/.test(text[cap - 1]!) ? cap - 1 : cap;
  return { text: text.slice(0, end), omittedChars: text.length - end };
}

function resolve(text: string, attachments: Record<string, unknown>): string {
  if (!text.startsWith('attachment://')) return text;
  const resolved = attachments[text.slice('attachment://'.length)];
  return typeof resolved === 'string' ? resolved : text;
}

function shortName(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value.slice(0, NAME_CHARS) : fallback;
}

/** A message's own allowance, shared by its parts and tool calls. */
class Allowance {
  constructor(
    private readonly partCap: number,
    private left: number,
  ) {}

  take(text: string): { text: string; omittedChars?: number } {
    const kept = bounded(text, Math.min(this.partCap, this.left));
    this.left -= kept.text.length;
    return kept;
  }
}

function keepParts(content: unknown, attachments: Record<string, unknown>, allowance: Allowance): TranscriptPart[] {
  if (typeof content === 'string') {
    const text = resolve(content, attachments);
    return text === '' ? [] : [{ type: 'text', ...allowance.take(text) }];
  }
  if (!Array.isArray(content)) return [];
  const parts: TranscriptPart[] = [];
  for (const part of content) {
    if (!isObject(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') {
      parts.push({ type: 'text', ...allowance.take(resolve(part.text, attachments)) });
    } else if (part.type === 'reasoning') {
      const redacted = part.redacted === true;
      const text = typeof part.reasoning === 'string' && !redacted ? resolve(part.reasoning, attachments) : '';
      parts.push({ type: 'reasoning', ...allowance.take(text), ...(redacted ? { redacted } : {}) });
    } else {
      parts.push({ type: 'media', kind: shortName(part.type, 'unknown') });
    }
  }
  return parts;
}

function keepToolCall(call: unknown, allowance: Allowance): TranscriptToolCall | null {
  if (!isObject(call)) return null;
  let args: string;
  try {
    args = call.arguments === undefined ? '' : typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments, null, 2);
  } catch {
    args = String(call.arguments);
  }
  const kept = allowance.take(args);
  return {
    id: typeof call.id === 'string' ? call.id.slice(0, NAME_CHARS) : null,
    name: shortName(call.function, '(unnamed tool)'),
    arguments: kept.text,
    ...(kept.omittedChars ? { omittedChars: kept.omittedChars } : {}),
    ...(typeof call.parse_error === 'string' && call.parse_error !== '' ? { parseError: allowance.take(call.parse_error).text } : {}),
  };
}

function keepMessage(message: Json, attachments: Record<string, unknown>, cap: number): TranscriptMessage {
  const allowance = new Allowance(cap, MESSAGE_CHARS);
  const kept: TranscriptMessage = {
    role: shortName(message.role, 'unknown'),
    parts: keepParts(message.content, attachments, allowance),
  };
  if (Array.isArray(message.tool_calls)) {
    const calls = message.tool_calls.map((call) => keepToolCall(call, allowance)).filter((call) => call !== null);
    if (calls.length > 0) kept.toolCalls = calls;
  }
  if (typeof message.tool_call_id === 'string') kept.toolCallId = message.tool_call_id.slice(0, NAME_CHARS);
  if (typeof message.function === 'string') kept.toolName = shortName(message.function, '');
  if (isObject(message.error)) {
    const type = typeof message.error.type === 'string' ? message.error.type : 'error';
    const text = typeof message.error.message === 'string' ? message.error.message : '';
    kept.error = allowance.take(text ? `${type}: ${text}` : type).text;
  }
  if (typeof message.model === 'string') kept.model = shortName(message.model, '');
  return kept;
}

/** Roughly the characters a kept message costs in the stored JSON. */
function size(message: TranscriptMessage): number {
  let total = 40 + message.role.length;
  for (const part of message.parts) total += part.type === 'media' ? 20 : part.text.length + 20;
  for (const call of message.toolCalls ?? []) total += call.arguments.length + call.name.length + 40;
  return total + (message.error?.length ?? 0);
}

/**
 * The conversation to keep for one sample, or null when the log holds none.
 * Inspect's `messages` (the full conversation, tool calls included) is read;
 * anything that is not a message object is skipped.
 */
export function keepInspectMessages(messages: unknown, options: KeepOptions = {}): StoredTranscript | null {
  if (!Array.isArray(messages) || messages.length === 0) return null;
  const attachments = options.attachments ?? {};
  const cap = options.partChars ?? PART_CHARS;
  const budget = options.sampleChars ?? SAMPLE_CHARS;
  const objects = messages.filter(isObject);
  if (objects.length === 0) return null;
  const last = keepMessage(objects[objects.length - 1]!, attachments, cap);
  let spent = size(last);
  const head: TranscriptMessage[] = [];
  for (let i = 0; i < objects.length - 1; i++) {
    const message = keepMessage(objects[i]!, attachments, cap);
    spent += size(message);
    if (spent > budget) break;
    head.push(message);
  }
  const omitted = objects.length - 1 - head.length;
  return omitted > 0
    ? { messages: [...head, last], omittedMessages: omitted, omittedAt: head.length }
    : { messages: [...head, last] };
}
