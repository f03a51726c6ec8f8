import type * as z from 'zod';
import { unlistedKeys } from '../../listed-schema.js';
import { defineOperation, type Operation } from '../../types.js';
import { V3_ROUTES } from './versions.js';

/** What a route needs in public mode: nothing, the account (aid) or account and user (aid + uid). */
export type Login = 'none' | 'account' | 'user';

/** How the client treats a row beyond method and path. */
export interface FresnsExtra {
  /** Request body format for non-GET rows (default json). */
  body?: 'json' | 'multipart';
  /** Fields sent Base64-encoded, as Fresns expects passwords; the tool takes them as plain text. */
  base64?: readonly string[];
  /** Multipart fields that Fresns takes as JSON strings (the tool takes objects/arrays). */
  jsonStrings?: readonly string[];
  /** Multipart fields Fresns validates with Laravel's `array` rule: sent in PHP bracket form (`a[0][name]=…`). */
  arrays?: readonly string[];
  /** Multipart fields whose value is a file in CREATOR_MCP_UPLOAD_DIR. */
  files?: readonly string[];
  /** Rows that make, change or end the session (their tokens never leave the client). */
  session?: 'account-login' | 'user-login' | 'token-login' | 'logout' | 'strip-token';
  /** The session the route needs in public mode. */
  login: Login;
}

/** A Fresns row: its extras sit in the operation's platform slot. */
export type FresnsOperation = Operation<z.ZodObject, FresnsExtra>;

type Toolset = 'global' | 'account' | 'users' | 'messages' | 'content' | 'editor' | 'search';

export interface FresnsRow<I extends z.ZodObject> extends Omit<Operation<I>, 'auth' | 'toolset' | 'x'>, FresnsExtra {
  toolset: Toolset;
}

const LOGIN_NOTE: Record<Login, string> = {
  none: '',
  account: ' Needs the account session.',
  user: ' Needs the user session.',
};

/** The Fresns 2.x API documentation page of one operation, e.g. `doc('post/list')`. */
export const doc = (page: string) => `https://v2.fresns.org/api/${page}.html`;

/**
 * One Fresns row: the login it needs becomes `auth` (read by the client, shown in docs) and a
 * short note at the end of the description, so an agent knows before calling.
 */
export function fresnsOp<I extends z.ZodObject>(row: FresnsRow<I>): FresnsOperation {
  const { login, toolset, body, base64, jsonStrings, arrays, files, session, description, ...op } = row;
  return defineOperation<I, FresnsExtra>({
    ...op,
    // With FRESNS_API_VERSION=auto both generations are listed: say which tools only one serves.
    description: `${description}${guideNote(description, op.input)}${LOGIN_NOTE[login]}${V3_ROUTES[op.name] === null ? ' Fresns 2.x only.' : ''}`,
    toolset: `fresns_${toolset}`,
    auth: login === 'none' ? [] : login === 'account' ? ['account'] : ['account', 'user'],
    x: { body, base64, jsonStrings, arrays, files, session, login },
  });
}

/** Where a row with unlisted arguments (filters, key lists) says they are explained, unless it already does. */
function guideNote(description: string, input: z.ZodObject): string {
  return unlistedKeys(input).length > 0 && !description.includes('fresns://guides/content') ? ' More options: fresns://guides/content.' : '';
}

