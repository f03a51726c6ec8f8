import type * as z from 'zod';
import { defineOperation, type Operation } from '../types.js';

/** Where the bot token goes: the client substitutes it, so it never sits in a row or a log. */
export const BOT = '/api/bot/<token>';
export const BOT_DOCS = 'https://open.fanbook.mobi/document/manage/doc/Bot%20API/API%E5%8F%AF%E7%94%A8%E6%96%B9%E6%B3%95';
export const OAUTH_DOCS = 'https://open.fanbook.mobi/document/manage/doc/Oauth2.0%20API';

/** How one Fanbook method differs from the default (POST, JSON body, `{ok, result}`). */
export interface FanbookExtras {
  api: 'bot' | 'open';
  /** `query` for GET methods, `form` for the few methods that want form-urlencoded bodies. */
  encoding: 'json' | 'form' | 'query';
  /** Inputs that default to the bot's own user id (from getMe) when omitted. */
  botIdDefaults?: readonly string[];
  /** Values sent when the agent leaves them out (documented in the input's description). */
  defaults?: Readonly<Record<string, unknown>>;
  /** Last adjustments of the values before encoding (e.g. URL-encoding an emoji). */
  prepare?(values: Record<string, unknown>): Record<string, unknown>;
  /** Spends from the bot's send limit (10002): paced per bot, and sent again after a 10002 refusal. */
  paced?: boolean;
  /** The key under which a bare-array result is read for IDs (e.g. `guilds`). */
  resultKey?: string;
}

/** A Fanbook row: its extras sit in the operation's platform slot. */
export type FanbookOperation = Operation<z.ZodObject, FanbookExtras>;

type Row<I extends z.ZodObject> = Omit<Operation<I>, 'x'>;

/** A bot API row: the path is relative to `/api/bot/{token}/`. */
export function botOperation<I extends z.ZodObject>(
  row: Omit<Row<I>, 'path' | 'docs'> & { method_path: string; docs?: string },
  extras: Partial<Omit<FanbookExtras, 'api'>> = {},
): FanbookOperation {
  const { method_path, ...rest } = row;
  return defineOperation<I, FanbookExtras>({
    ...rest,
    path: `${BOT}/${method_path}`,
    docs: row.docs ?? BOT_DOCS,
    x: { api: 'bot', encoding: row.method === 'GET' ? 'query' : 'json', ...extras },
  });
}

/** An OAuth open API row (`/open/api/...`, Bearer access token from `creator-mcp login fanbook`). */
export function openOperation<I extends z.ZodObject>(row: Row<I>): FanbookOperation {
  return defineOperation<I, FanbookExtras>({ docs: OAUTH_DOCS, ...row, x: { api: 'open', encoding: 'json' } });
}
