// An item's prompt, answer and gold: untrusted model text, shown as text.
import { LongText } from './LongText.tsx';

export function ItemTexts({ prompt, answer, gold }: { prompt: string; answer: string; gold: string | null }) {
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
    </div>
  );
}
