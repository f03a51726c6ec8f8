import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where reliability tests leave their figures for `npm run reliability` to print. */
export const FIGURES_FILE = path.join(import.meta.dirname, '..', '..', '.reliability', 'figures.json');

export interface Figure {
  /** e.g. "duplicate writes" */
  name: string;
  value: number;
  /** The value that means "all good" (usually 0), shown beside the measured one. */
  goal?: number;
  /** What was measured, e.g. "over 312 write-tool × fault cells". */
  detail?: string;
}

/**
 * Records a measured figure. Tests still assert on their own; this only keeps the numbers so the
 * report can quote them. Files from parallel test workers are merged by name.
 */
export function recordFigure(figure: Figure): void {
  mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  let all: Record<string, Figure> = {};
  try {
    all = JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, Figure>;
  } catch {
    // first figure of the run
  }
  all[figure.name] = figure;
  writeFileSync(FIGURES_FILE, JSON.stringify(all, null, 2));
}
