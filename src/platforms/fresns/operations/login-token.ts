import * as z from 'zod';
import type { FresnsOperation } from './define.js';
import { fresnsOp } from './define.js';
import { deviceToken } from './params.js';

/**
 * Fresns 3.x has no password login in its API: the site's account center (a web page) checks
 * the password or code and hands the client a loginToken, valid five minutes, that this
 * exchanges for the account and user session (`authToken`).
 */
export const loginTokenOperations: readonly FresnsOperation[] = [
  fresnsOp({
    name: 'login_with_token',
    title: 'Log in to Fresns 3.x with a loginToken',
    description:
      "Fresns 3.x only: exchanges the loginToken that the site's account center gives after a login (valid 5 minutes, used once) for the account and user session, and makes it creator-mcp's session; any previous session is replaced. Returns the account detail; the tokens are kept by creator-mcp, never shown.",
    method: 'POST',
    path: '/api/fresns/v1/account/auth-token',
    input: z.object({
      loginToken: z.string().min(1).describe("The loginToken from the site's account center (its login page hands it to the client)."),
      deviceToken: deviceToken.optional(),
    }),
    kind: 'write',
    toolset: 'account',
    login: 'none',
    session: 'token-login',
  }),
];
