// An item's prompt, answer and gold: untrusted model text, shown as text. When
// the file logged the conversation behind them (an Inspect sample's messages,
// tool calls, scorer explanations), its thread follows.
import { useMemo } from 'react';
import { transcriptOf } from '../../../shared/transcript/thread.ts';
import { LongText } from './LongText.tsx';
import { TranscriptThread } from './Transcript.tsx';

interface Props {
  prompt: string;
  answer: string;
  gold: string | null;
  /** the item's stored extra fields, where a logged conversation is kept */
  extra?: Record<string, unknown>;
}

export function ItemTexts({ prompt, answer, gold, extra }: Props) {
  const transcript = useMemo(() => transcriptOf(extra), [extra]);
  return (
    <div className="item-texts">
      <section className="text-block">
        <h3>Prompt</h3>
        <LongText text={prompt} testId="item-prompt" />
      </section>
      <section className="text-block">
        <h3>Answer</h3>
        <LongText text={answer} testId="item-answer" />
      </section>
      <section className="text-block">
        <h3>Gold</h3>
        <LongText text={gold} testId="item-gold" />
      </section>
      {transcript ? <TranscriptThread transcript={transcript} /> : null}
    </div>
  );
}
