// A conversation as Candor keeps it beside an item (extra.transcript): roles,
// content parts, tool calls and tool results, already bounded in size. Media
// is never kept, only named; every string is untrusted model or tool text.

export type TranscriptPart =
  | { type: 'text'; text: string; /** characters cut from the end when kept */ omittedChars?: number }
  | { type: 'reasoning'; text: string; omittedChars?: number; redacted?: boolean }
  /** an image, audio, video, document or other non-text part: named, not kept */
  | { type: 'media'; kind: string };

export interface TranscriptToolCall {
  id: string | null;
  name: string;
  /** the arguments as indented JSON text */
  arguments: string;
  omittedChars?: number;
  /** why the model's arguments could not be parsed, when the log says so */
  parseError?: string;
}

export interface TranscriptMessage {
  role: string;
  parts: TranscriptPart[];
  toolCalls?: TranscriptToolCall[];
  /** a tool result: the call it answers and the tool's name */
  toolCallId?: string;
  toolName?: string;
  /** a tool result that failed: "type: message" */
  error?: string;
  model?: string;
}

export interface StoredTranscript {
  messages: TranscriptMessage[];
  /** messages left out to bound the size (between the kept head and the last message) */
  omittedMessages?: number;
  /** index in `messages` before which the omitted ones stood */
  omittedAt?: number;
}

/** A scorer's verdict on the sample, with its explanation when it gave one. */
export interface TranscriptScore {
  scorer: string;
  value: string;
  answer?: string;
  explanation?: string;
}

export interface Transcript extends StoredTranscript {
  scores: TranscriptScore[];
}
