// Seeded generators for the fuzz cases that exposed issue 13's silent changes
// and unbounded costs. Every case is reproducible from its seed: a failing
// case names the seed, and the same seed writes the same bytes on any machine.

/** Mulberry32: small, fast, good enough to pick fuzz inputs; not for statistics. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, options: readonly T[]): T {
  return options[Math.floor(random() * options.length)]!;
}

export function int(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** Markup and text that plotly, HTML or a terminal could take for something other than text. */
export const HOSTILE_LABELS = [
  '<a href="https://evil.example/">click</a>',
  '<b>bold</b> model',
  '<br>broken<br>',
  '<img src=x onerror=alert(1)>',
  '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
  '<span style="font-size:80px">big</span>',
  '<sup>1</sup><sub>2</sub><i>it</i><em>em</em>',
  '&lt;b&gt;escaped&lt;/b&gt; &amp; &#60;a&#62;',
  '"quoted" \'single\' `tick`',
  '%{x} %{customdata[0]} %{y:.3f}',
  'tab\there\nnewline\r\u0000nul\u202eRTL',
  'model<',
];

/** A hostile label: one of the fixed ones, or a random splice of markup pieces. */
export function hostileLabel(random: () => number): string {
  if (random() < 0.5) return pick(random, HOSTILE_LABELS);
  const pieces = ['<', '>', '&', '"', "'", 'a', ' href=', 'b', '/', 'br', '#60;', 'javascript:', '%{x}', 'é', '\u200b'];
  let out = '';
  for (let i = int(random, 1, 12); i > 0; i--) out += pick(random, pieces);
  return out;
}
