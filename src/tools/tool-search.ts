import type { CatalogEntry } from './catalog.js';
import { metaFor } from './hints.js';
import { SYNONYMS } from './search-synonyms.js';

/** Words that match nearly every tool and only dilute the ranking. */
const STOP = new Set(['a', 'an', 'the', 'to', 'of', 'for', 'in', 'on', 'my', 'me', 'i', 'and', 'or', 'is', 'by', 'with', 'from', 'at', 'it', 'this', 'that', 'as', 'be', 'all']);
const CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/**
 * Latin words (lower-cased, a plural or -ing ending dropped so "roles" meets "role") and, for
 * Chinese, every character and every pair of adjacent characters: queries such as 发帖子 then
 * meet the 发帖 a platform lists without a word segmenter.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().replace(CJK, ' ').split(/[^a-z0-9]+/)) {
    if (w && !STOP.has(w)) out.push(stem(w));
  }
  for (const run of text.match(CJK) ?? []) {
    for (let i = 0; i < run.length; i++) {
      out.push(run[i] as string);
      if (i + 1 < run.length) out.push(run.slice(i, i + 2));
    }
  }
  return out;
}

/** The query's terms plus the English words of the Chinese words it contains. */
function expand(query: string): string[] {
  const extra = Object.entries(SYNONYMS).filter(([zh]) => query.includes(zh)).map(([, en]) => en);
  return terms([query, ...extra].join(' '));
}

function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

interface Doc {
  entry: CatalogEntry;
  tf: Map<string, number>;
  length: number;
}

/** The name and title say what a tool does; a description also names the tools it is not. */
const NAME_WEIGHT = 3;
const TITLE_WEIGHT = 2;
const K1 = 1.2;
const B = 0.75;

/** BM25 over one exposure's tools, built once per distinct exposure (see indexFor). */
export class ToolIndex {
  private readonly docs: Doc[];
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(entries: readonly CatalogEntry[]) {
    this.docs = entries.map((entry) => {
      const meta = metaFor(entry.platform, entry.op)['anthropic/searchHint'] as string;
      const words = [
        ...Array.from({ length: NAME_WEIGHT }, () => terms(entry.name.replace(/_/g, ' '))).flat(),
        ...Array.from({ length: TITLE_WEIGHT }, () => terms(entry.op.title)).flat(),
        ...terms(`${entry.op.description} ${meta} ${entry.op.toolset.replace(/_/g, ' ')}`),
      ];
      const tf = new Map<string, number>();
      for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const w of tf.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      return { entry, tf, length: words.length };
    });
    this.avgLength = this.docs.reduce((s, d) => s + d.length, 0) / Math.max(1, this.docs.length);
  }

  /** Best first; ties keep catalog order. An exact tool name always ranks first. */
  search(query: string, filter: (e: CatalogEntry) => boolean = () => true): CatalogEntry[] {
    const q = [...new Set(expand(query))];
    const exact = query.trim().toLowerCase();
    const n = this.docs.length;
    const scored: Array<{ entry: CatalogEntry; score: number }> = [];
    for (const d of this.docs) {
      if (!filter(d.entry)) continue;
      let score = d.entry.name === exact ? 1e6 : 0;
      for (const w of q) {
        const f = d.tf.get(w);
        if (!f) continue;
        const df = this.df.get(w) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / this.avgLength));
      }
      if (score > 0) scored.push({ entry: d.entry, score });
    }
    return scored.sort((a, b) => b.score - a.score).map((s) => s.entry);
  }
}

const indexes = new WeakMap<readonly CatalogEntry[], ToolIndex>();

/** HTTP builds a server per request; the index of one exposure is built once. */
export function indexFor(entries: readonly CatalogEntry[]): ToolIndex {
  let index = indexes.get(entries);
  if (!index) indexes.set(entries, (index = new ToolIndex(entries)));
  return index;
}
