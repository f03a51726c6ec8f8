import type { Operation, Platform } from '../platforms/types.js';

/**
 * `_meta` for clients that defer tools and search them (Claude Code's tool search): keywords
 * derived from the row's toolset (the name, title and description are searched anyway) plus the platform's own search terms, and alwaysLoad
 * on the few rows that mark themselves as the core.
 */
export function metaFor(platform: Pick<Platform, 'searchTerms'>, op: Pick<Operation, 'toolset' | 'alwaysLoad'>): Record<string, unknown> {
  const group = op.toolset.split('_').slice(1).join(' ');
  const hint = [group, platform.searchTerms].filter(Boolean).join(' ');
  return { 'anthropic/searchHint': hint, ...(op.alwaysLoad ? { 'anthropic/alwaysLoad': true } : {}) };
}
