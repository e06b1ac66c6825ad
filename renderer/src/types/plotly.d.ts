// The slice of plotly.js's API the renderer uses; the dist bundle ships no types.
declare module 'plotly.js-basic-dist-min' {
  interface PlotlyStatic {
    react(root: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<HTMLElement>;
    purge(root: HTMLElement): void;
    Plots: { resize(root: HTMLElement): unknown };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
