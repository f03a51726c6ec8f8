import * as z from 'zod';

import { LEDGER_ID } from '../../ledger/review-ledger.js';
import { exposedPlatforms, type Runtime } from '../../runtime.js';
import { toToolError, toToolResult } from '../result.js';
import type { ToolRegistrar, ToolSchema } from '../table.js';

export const MARK_HANDLED = 'creator_mark_handled';
const MAX_IDS = 100;

const input = z.object({
  ids: z
    .array(z.string().regex(LEDGER_ID, 'an item id exactly as an automation-context shows it, e.g. afdian:order:202612011530001234567890123'))
    .min(1)
    .max(MAX_IDS)
    .describe(`Item ids from an automation-context's needsYou lists (1-${MAX_IDS}), e.g. "afdian:order:<out_trade_no>", "fanvue:chat:<fanUuid>:<sentAtMs>".`),
  note: z.string().max(200).optional().describe('Why or how it was handled (kept locally, never sent to a platform).'),
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
        'Records items from an automation-context (a thanked order, an answered fan, a reviewed comment) as handled, so the next read of the context no longer shows them and counts them under "handled". Local to creator-mcp: nothing is sent to the platform. Idempotent. Returns {marked, alreadyHandled, totalHandled}.',
      inputSchema: input as unknown as ToolSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
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
