// The thread the item panel shows, derived from what an item stores: the kept
// conversation (extra.transcript, see keep.ts) and the scorers' verdicts with
// their explanations (extra.scores, as Inspect writes them). The stored JSON is
// read defensively: anything not in the expected shape is left out, never
// trusted, so a hand-edited or foreign extra cannot break the view.
import type { StoredTranscript, Transcript, TranscriptMessage, TranscriptPart, TranscriptScore, TranscriptToolCall } from './types.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);

/** The extra keys a transcript is drawn from (the item panel leaves them out of "Other fields"). */
export const TRANSCRIPT_KEYS = ['transcript', 'scores'] as const;

function readPart(value: unknown): TranscriptPart | null {
  if (!isObject(value)) return null;
  if ((value.type === 'text' || value.type === 'reasoning') && typeof value.text === 'string') {
    const omittedChars = count(value.omittedChars);
    return {
      type: value.type,
      text: value.text,
      ...(omittedChars ? { omittedChars } : {}),
      ...(value.type === 'reasoning' && value.redacted === true ? { redacted: true } : {}),
    };
  }
  if (value.type === 'media') return { type: 'media', kind: str(value.kind) ?? 'unknown' };
  return null;
}

function readToolCall(value: unknown): TranscriptToolCall | null {
  if (!isObject(value) || typeof value.name !== 'string') return null;
  const omittedChars = count(value.omittedChars);
  const parseError = str(value.parseError);
  return {
    id: str(value.id) ?? null,
    name: value.name,
    arguments: str(value.arguments) ?? '',
    ...(omittedChars ? { omittedChars } : {}),
    ...(parseError ? { parseError } : {}),
  };
}

function readMessage(value: unknown): TranscriptMessage | null {
  if (!isObject(value) || typeof value.role !== 'string') return null;
  const message: TranscriptMessage = {
    role: value.role,
    parts: Array.isArray(value.parts) ? value.parts.map(readPart).filter((part) => part !== null) : [],
  };
  if (Array.isArray(value.toolCalls)) {
    const calls = value.toolCalls.map(readToolCall).filter((call) => call !== null);
    if (calls.length > 0) message.toolCalls = calls;
  }
  for (const key of ['toolCallId', 'toolName', 'error', 'model'] as const) {
    const text = str(value[key]);
    if (text) message[key] = text;
  }
  return message;
}

function readStored(value: unknown): StoredTranscript | null {
  if (!isObject(value) || !Array.isArray(value.messages)) return null;
  const messages = value.messages.map(readMessage).filter((message) => message !== null);
  if (messages.length === 0) return null;
  const omittedMessages = count(value.omittedMessages);
  const omittedAt = typeof value.omittedAt === 'number' && Number.isInteger(value.omittedAt) ? value.omittedAt : undefined;
  return omittedMessages && omittedAt !== undefined && omittedAt >= 0 && omittedAt <= messages.length
    ? { messages, omittedMessages, omittedAt }
    : { messages };
}

/** A score value as a person reads it: Inspect's letters and numbers as they are, anything else as JSON. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function readScores(value: unknown): TranscriptScore[] {
  if (!isObject(value)) return [];
  const scores: TranscriptScore[] = [];
  for (const [scorer, score] of Object.entries(value)) {
    if (!isObject(score) || !('value' in score)) continue;
    const answer = str(score.answer);
    const explanation = str(score.explanation);
    scores.push({ scorer, value: valueText(score.value), ...(answer ? { answer } : {}), ...(explanation ? { explanation } : {}) });
  }
  return scores;
}

/**
 * The thread for an item, or null when it holds no conversation and no scorer
 * explanation (a plain CSV row, a log without messages).
 */
export function transcriptOf(extra: Record<string, unknown> | null | undefined): Transcript | null {
  if (!extra) return null;
  const stored = readStored(extra.transcript);
  const scores = readScores(extra.scores);
  if (!stored && !scores.some((score) => score.explanation)) return null;
  return { ...(stored ?? { messages: [] }), scores };
}

/**
 * What a blind annotator may see of an item's extra: the conversation itself
 * (it is the prompt and the answer at length) without the model's name, and
 * nothing a scorer or the file said about it.
 */
export function blindExtra(extra: Record<string, unknown>): Record<string, unknown> {
  const stored = readStored(extra.transcript);
  if (!stored) return {};
  return { transcript: { ...stored, messages: stored.messages.map(({ model: _model, ...message }) => message) } };
}

/** Counts for the thread's heading. */
export function threadSummary(transcript: Transcript): { messages: number; toolCalls: number; toolErrors: number } {
  let toolCalls = 0;
  let toolErrors = 0;
  for (const message of transcript.messages) {
    toolCalls += message.toolCalls?.length ?? 0;
    if (message.error) toolErrors += 1;
  }
  return { messages: transcript.messages.length + (transcript.omittedMessages ?? 0), toolCalls, toolErrors };
}
