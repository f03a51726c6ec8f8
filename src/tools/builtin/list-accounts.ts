import * as z from 'zod';
import { identityOf } from '../../accounts/identity.js';
import { exposedPlatforms, type Runtime } from '../../runtime.js';
import { toToolError, toToolResult } from '../result.js';
import type { ToolRegistrar, ToolSchema } from '../table.js';
import { withCachedJsonSchema } from '../schema-cache.js';

export const LIST_ACCOUNTS = 'creator_list_accounts';

const input = z.object({});

/**
 * Which accounts this request may use, per platform: with several, tools take `account`, and an
 * HTTP client may have pinned some (X-MCP-Accounts), so only those are listed. Identity comes
 * from the token store's non-secret fields; a token never appears.
 */
export function registerListAccounts(server: ToolRegistrar, rt: Runtime): void {
  const exposed = exposedPlatforms(rt);
  if (exposed.length === 0) return;
  server.registerTool(
    LIST_ACCOUNTS,
    {
      title: 'List accounts',
      description: 'Lists the accounts of each platform you may act as. When a platform has several, its tools take a required `account` argument naming one.',
      inputSchema: withCachedJsonSchema(input as unknown as ToolSchema),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      _meta: { 'anthropic/searchHint': 'accounts bots pages which account 账号', 'anthropic/alwaysLoad': true },
    },
    async () => {
      try {
        const platforms: Record<string, unknown> = {};
        for (const e of exposed) {
          const accounts = await Promise.all(
            [...e.accounts.values()].map(async (a) => {
              const identity = identityOf(await rt.store.get(e.platform.id, a.name).catch(() => undefined));
              return { name: a.name, source: a.source, ...(identity ? { identity } : {}) };
            }),
          );
          platforms[e.platform.id] = { accounts, accountArgument: accounts.length > 1 };
        }
        return toToolResult({ platforms }, rt.secrets);
      } catch (err) {
        return toToolError(err, LIST_ACCOUNTS, rt.secrets);
      }
    },
  );
}
