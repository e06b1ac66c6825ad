// Writes simpleqa-gpt5-thinking-mini.csv and simpleqa-o4-mini.csv: 1000 synthetic
// items each whose outcome counts match the published SimpleQA rates exactly
// (GPT-5 system card, as quoted by OpenAI). Deterministic: a fixed-seed
// mulberry32 shuffle decides which item gets which outcome.
// Run: node assets/examples/make-simpleqa-examples.mjs [output directory, default this one]
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const N = 1000;
const MODELS = [
  { file: 'simpleqa-gpt5-thinking-mini.csv', model: 'gpt-5-thinking-mini', seed: 1, abstained: 520, correct: 220, incorrect: 260 },
  { file: 'simpleqa-o4-mini.csv', model: 'o4-mini', seed: 2, abstained: 10, correct: 240, incorrect: 750 },
];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const outDir = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));
for (const m of MODELS) {
  if (m.abstained + m.correct + m.incorrect !== N) throw new Error(`${m.model}: counts do not sum to ${N}`);
  const grades = [...Array(m.abstained).fill('abstained'), ...Array(m.correct).fill('correct'), ...Array(m.incorrect).fill('incorrect')];
  const rand = mulberry32(m.seed);
  for (let i = N - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [grades[i], grades[j]] = [grades[j], grades[i]];
  }
  const lines = ['id,question,answer,grade,model,task'];
  grades.forEach((grade, i) => {
    const n = String(i + 1).padStart(4, '0');
    const answer = grade === 'abstained' ? "I don't know" : grade === 'correct' ? `right answer ${n}` : `wrong answer ${n}`;
    lines.push(`simpleqa-synth-${n},Synthetic SimpleQA-style question ${n},${answer},${grade},${m.model},simpleqa-synthetic`);
  });
  writeFileSync(join(outDir, m.file), lines.join('\n') + '\n');
}
