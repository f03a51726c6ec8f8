import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where reliability tests leave their figures for `npm run reliability` to print: one file each. */
export const FIGURES_DIR = path.join(import.meta.dirname, '..', '..', '.reliability');

export interface Figure {
  /** e.g. "duplicate writes" */
  name: string;
  value: number;
  /** The value that means "all good" (usually 0), shown beside the measured one. */
  goal?: number;
  /** How value must relate to goal: equal it (the default), or stay at most / at least at it (a limit such as memory growth). */
  bound?: 'exactly' | 'at most' | 'at least';
  /** What was measured, e.g. "over 312 write-tool × fault cells". */
  detail?: string;
}

/**
 * Records a measured figure. Tests still assert on their own; this only keeps the numbers so the
 * report can quote them. One file per figure, so parallel test workers never race on a file.
 */
export function recordFigure(figure: Figure): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const slug = figure.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  writeFileSync(path.join(FIGURES_DIR, `${slug}.json`), JSON.stringify({ ...figure, at: new Date().toISOString() }, null, 2));
}
