// A formatted number whose textContent is only the number (tests read it); a null
// renders as an em dash whose title says why there is no value.
import { EM_DASH, fmt3, fmtCount } from '../lib/format.ts';

interface NumProps {
  value: number | null | undefined;
  kind?: 'rate' | 'count';
  why?: string;
  testId?: string;
  title?: string;
}

export function Num({ value, kind = 'rate', why, testId, title }: NumProps) {
  const text = kind === 'count' ? fmtCount(value) : fmt3(value);
  const missing = text === EM_DASH;
  return (
    <span className={missing ? 'num num-missing' : 'num'} data-testid={testId} title={missing ? why : title}>
      {text}
    </span>
  );
}
