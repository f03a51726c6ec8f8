import * as z from 'zod';

import { LEDGER_ID } from '../../ledger/review-ledger.js';
import { exposedPlatforms, type Runtime } from '../../runtime.js';
import { toToolError, toToolResult } from '../result.js';
import type { ToolRegistrar, ToolSchema } from '../table.js';
import { withCachedJsonSchema } from '../schema-cache.js';

export const MARK_HANDLED = 'creator_mark_handled';
const MAX_IDS = 100;

const input = z.object({
  ids: z
    .array(z.string().regex(LEDGER_ID, 'an item id exactly as an automation-context shows it, e.g. afdian:order:202612011530001234567890123'))
    .min(1)
    .max(MAX_IDS)
    .describe('Ids as a context’s needsYou lists show them, e.g. "afdian:order:<out_trade_no>".'),
  note: z.string().max(200).optional().describe('Why or how (kept locally).'),
});

/**
 * The review ledger's one write: records items as handled so the next context read leaves them out.
 * It changes only creator-mcp's own state directory, never a platform, so it stays available in
 * read-only mode (a read-only agent still reviews).
 */
export function registerMarkHandled(server: ToolRegistrar, rt: Runtime): void {
  const platforms = new Set(exposedPlatforms(rt).map((e) => e.platform.id as string));
  // Read-only mode exposes only tools annotated read-only (the contract), and this one writes the ledger.
  if (platforms.size === 0 || rt.config.filters.readOnly) return;
  server.registerTool(
    MARK_HANDLED,
    {
      title: 'Mark review items handled',
      description:
        'Marks automation-context items (a thanked order, an answered fan) handled: the next context read leaves them out and counts them. Local; nothing is sent to a platform. Returns {marked, alreadyHandled, totalHandled}.',
      inputSchema: withCachedJsonSchema(input as unknown as ToolSchema),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      // A context helper: an agent that read a context needs it at once, so clients that defer tools keep it loaded.
      _meta: { 'anthropic/searchHint': 'review ledger done thanked answered 已处理', 'anthropic/alwaysLoad': true },
    },
    async (args: Record<string, unknown>) => {
      const { ids, note } = args as z.output<typeof input>;
      try {
        const unknown = ids.filter((id) => !platforms.has(id.split(':', 1)[0] ?? ''));
        if (unknown.length) {
          return toToolError(new Error(`not an id of an exposed platform (${[...platforms].join(', ')}): ${unknown.slice(0, 5).join(', ')}`), MARK_HANDLED, rt.secrets);
        }
        const unique = [...new Set(ids)];
        const r = await rt.ledger.mark(unique, note);
        return toToolResult({ marked: r.added, alreadyHandled: unique.length - r.added, totalHandled: r.total }, rt.secrets);
      } catch (err) {
        return toToolError(err, MARK_HANDLED, rt.secrets);
      }
    },
  );
}
