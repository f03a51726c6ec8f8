import * as z from 'zod';
import { openOperation } from '../operation.js';

const LOGIN = 'Needs `creator-mcp login fanbook` (OAuth; the access token is refreshed automatically).';

export const oauthOperations = [
  openOperation({
    name: 'oauth_get_me',
    title: 'Get the logged-in Fanbook user',
    description: `Returns the Fanbook user who logged in with creator-mcp login fanbook: user_id (decimal string), username (short Fanbook number), nickname, avatar. Uses the OAuth open API, not the bot. ${LOGIN}`,
    method: 'POST',
    path: '/open/api/user/getMe',
    input: z.object({}),
    kind: 'read',
    toolset: 'fanbook_oauth',
    auth: ['oauth login'],
  }),
  openOperation({
    name: 'oauth_get_guilds',
    title: "List the logged-in user's guilds",
    description: `Lists the guilds (servers) the logged-in Fanbook user belongs to, with guild_id (decimal string), name and icon. Useful to find the guilds to manage; the AutomationContext includes those where the bot is too. ${LOGIN}`,
    method: 'POST',
    path: '/open/api/guild/getGuilds',
    input: z.object({}),
    kind: 'read',
    toolset: 'fanbook_oauth',
    auth: ['oauth login'],
  }),
];
