import * as z from 'zod';
import { openOperation } from '../operation.js';

const LOGIN = 'Needs `creator-mcp login fanbook` (OAuth).';

export const oauthOperations = [
  openOperation({
    name: 'oauth_get_me',
    title: 'Get the logged-in Fanbook user',
    description: `Returns the logged-in user (OAuth open API, not the bot): user_id, username, nickname, avatar. ${LOGIN}`,
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
    description: `Lists the logged-in user's guilds: guild_id, name, icon. ${LOGIN}`,
    method: 'POST',
    path: '/open/api/guild/getGuilds',
    input: z.object({}),
    kind: 'read',
    toolset: 'fanbook_oauth',
    auth: ['oauth login'],
  }),
];
