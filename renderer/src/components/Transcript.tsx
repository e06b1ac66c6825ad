// A logged conversation as a readable thread: each message with its role, its
// text (folded when long), the tools it called with their arguments, the tool
// results (failures marked), and the scorers' verdicts with their
// explanations. Every string is untrusted model or tool output and is rendered
// as text only; a message can be collapsed to its header, and so can all tool
// results at once.
import { useState } from 'react';
import { threadSummary } from '../../../shared/transcript/thread.ts';
import type { Transcript as Thread, TranscriptMessage, TranscriptPart } from '../../../shared/transcript/types.ts';
import { fmtCount } from '../lib/format.ts';
import { LongText } from './LongText.tsx';
import '../styles/transcript.css';

const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'tool']);
/** A scorer's extracted answer is shown beside its verdict only when it is short (the answer itself is above). */
const ANSWER_INLINE = 200;

function plural(n: number, word: string): string {
  return `${fmtCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

function Omitted({ chars }: { chars: number | undefined }) {
  return chars ? <p className="muted small turn-omitted">… {plural(chars, 'more character')} not kept</p> : null;
}

function Part({ part, testId }: { part: TranscriptPart; testId: string }) {
  if (part.type === 'media') {
    return (
      <p className="media-part muted small" data-testid={testId}>
        [{part.kind}: not kept]
      </p>
    );
  }
  if (part.type === 'reasoning') {
    return (
      <details className="reasoning-part" data-testid={testId}>
        <summary className="muted small">{part.redacted ? 'reasoning (redacted by the provider)' : `reasoning (${plural(part.text.length + (part.omittedChars ?? 0), 'character')})`}</summary>
        {part.redacted ? null : <LongText text={part.text} testId={`${testId}-text`} />}
        <Omitted chars={part.omittedChars} />
      </details>
    );
  }
  return (
    <>
      <LongText text={part.text} testId={testId} />
      <Omitted chars={part.omittedChars} />
    </>
  );
}

function Turn({ message, index, collapsed, onToggle }: { message: TranscriptMessage; index: number; collapsed: boolean; onToggle: () => void }) {
  const role = KNOWN_ROLES.has(message.role) ? message.role : 'other';
  const isResult = message.toolCallId !== undefined || message.role === 'tool';
  const testId = `turn-${index}`;
  return (
    <li className={`turn role-${role}${message.error ? ' failed' : ''}`} data-testid={testId}>
      <div className="turn-head">
        <button type="button" className="turn-toggle" aria-expanded={!collapsed} onClick={onToggle} title={collapsed ? 'Show this message' : 'Collapse this message'}>
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          <span className="role-name" data-testid={`${testId}-role`}>
            {message.role}
          </span>
        </button>
        {isResult && message.toolName ? (
          <span className="tool-name" data-testid={`${testId}-tool`}>
            {message.toolName}
          </span>
        ) : null}
        {message.error ? (
          <span className="tool-error" data-testid={`${testId}-error`}>
            ⚠ {message.error}
          </span>
        ) : null}
        <span className="spacer" />
        {message.model ? <span className="muted small">{message.model}</span> : null}
        {collapsed && message.toolCalls ? <span className="muted small">{plural(message.toolCalls.length, 'tool call')}</span> : null}
      </div>
      {collapsed ? null : (
        <div className="turn-body">
          {message.parts.map((part, j) => (
            <Part key={j} part={part} testId={`${testId}-part-${j}`} />
          ))}
          {message.parts.length === 0 && !message.toolCalls ? <p className="muted small">(no content)</p> : null}
          {(message.toolCalls ?? []).map((call, j) => (
            <div key={j} className="tool-call" data-testid={`${testId}-call-${j}`}>
              <div className="tool-call-head">
                <span aria-hidden="true">→</span> calls <span className="tool-name">{call.name}</span>
                {call.id ? <span className="muted small mono">{call.id}</span> : null}
              </div>
              {call.arguments ? (
                <pre className="tool-args" data-testid={`${testId}-call-${j}-args`}>
                  {call.arguments}
                </pre>
              ) : null}
              <Omitted chars={call.omittedChars} />
              {call.parseError ? <p className="tool-error small">arguments could not be parsed: {call.parseError}</p> : null}
            </div>
          ))}
        </div>
      )}
    </li>
  );
}

export function TranscriptThread({ transcript }: { transcript: Thread }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const summary = threadSummary(transcript);
  const resultIndexes = transcript.messages.flatMap((message, i) => (message.role === 'tool' || message.toolCallId !== undefined ? [i] : []));
  const resultsCollapsed = resultIndexes.length > 0 && resultIndexes.every((i) => collapsed.has(i));
  const toggle = (i: number) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  const setResults = (collapse: boolean) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      for (const i of resultIndexes) {
        if (collapse) next.add(i);
        else next.delete(i);
      }
      return next;
    });

  const turns: React.JSX.Element[] = transcript.messages.map((message, i) => (
    <Turn key={i} message={message} index={i} collapsed={collapsed.has(i)} onToggle={() => toggle(i)} />
  ));
  if (transcript.omittedMessages && transcript.omittedAt !== undefined) {
    turns.splice(
      transcript.omittedAt,
      0,
      <li key="omitted" className="turn omitted muted small" data-testid="transcript-omitted">
        … {plural(transcript.omittedMessages, 'message')} not kept (Candor keeps the start of a long conversation and its last message)
      </li>,
    );
  }

  return (
    <section className="text-block transcript" data-testid="transcript">
      <div className="transcript-head">
        <h3>Transcript</h3>
        <span className="muted small" data-testid="transcript-summary">
          {plural(summary.messages, 'message')}
          {summary.toolCalls ? ` · ${plural(summary.toolCalls, 'tool call')}` : ''}
          {summary.toolErrors ? ` · ${plural(summary.toolErrors, 'failed tool result')}` : ''}
        </span>
        <span className="spacer" />
        {resultIndexes.length > 0 ? (
          <button type="button" className="link-button" data-testid="transcript-results-toggle" aria-pressed={resultsCollapsed} onClick={() => setResults(!resultsCollapsed)}>
            {resultsCollapsed ? 'Show tool results' : 'Collapse tool results'}
          </button>
        ) : null}
      </div>
      {transcript.messages.length > 0 ? <ol className="thread">{turns}</ol> : null}
      {transcript.scores.length > 0 ? (
        <div className="transcript-scores">
          {transcript.scores.map((score) => (
            <div key={score.scorer} className="transcript-score" data-testid={`transcript-score-${score.scorer}`}>
              <div className="turn-head">
                <span className="role-name">scorer</span>
                <span className="tool-name">{score.scorer}</span>
                <span className="score-value" data-testid={`transcript-score-${score.scorer}-value`}>
                  {score.value}
                </span>
                {score.answer !== undefined && score.answer !== score.explanation && score.answer.length <= ANSWER_INLINE ? (
                  <span className="muted small score-answer">answer: {score.answer}</span>
                ) : null}
              </div>
              {score.explanation ? <LongText text={score.explanation} testId={`transcript-score-${score.scorer}-explanation`} /> : null}
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
