import type { Operation, Platform } from '../platforms/types.js';

/**
 * `_meta` for clients that defer tools and search them (Claude Code's tool search): keywords
 * derived from the row's toolset plus the platform's few terms for that toolset (its users' own
 * Chinese words where they have them), and alwaysLoad on the rows that mark themselves as the core. Words of the tool's name are left out: clients search
 * the name anyway, so repeating them in every hint costs tokens and finds nothing new.
 */
export function metaFor(platform: Pick<Platform, 'id' | 'searchTerms'>, op: Pick<Operation, 'name' | 'toolset' | 'alwaysLoad'>): Record<string, unknown> {
  const named = new Set(`${platform.id}_${op.name}`.split('_'));
  const words = [...op.toolset.split('_').slice(1), ...(platform.searchTerms?.[op.toolset] ?? '').split(/\s+/)].filter((w) => w && !named.has(w.toLowerCase()));
  return { 'anthropic/searchHint': [...new Set(words)].join(' '), ...(op.alwaysLoad ? { 'anthropic/alwaysLoad': true } : {}) };
}
