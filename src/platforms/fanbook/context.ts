import { AuthRequiredError, describeError } from '../../http/errors.js';
import { section as settleSection } from '../../tools/invoke.js';
import type { PlatformClient, PlatformDeps, PlatformResourceTemplate } from '../types.js';
import { configure } from './config.js';
import { operation } from './operations/index.js';

/** Guilds described per context read; each costs four calls. */
const MAX_GUILDS = 10;

type Json = Record<string, unknown>;
const call = (client: PlatformClient, name: string, input: Json = {}) => client.call(operation(name), input);

function section<T, R>(r: PromiseSettledResult<T>, what: string, f: (v: T) => R): R | { error: string } {
  // settleSection also catches what a view throws on an odd answer: that section fails in place.
  return settleSection(r, f, (err) => ({ error: describeError(err, what) }));
}

/** One guild as an agent needs it before acting: roles with member counts, channels, totals. */
export async function guildSummary(client: PlatformClient, guildId: string, memberPage = 0): Promise<Json> {
  const [info, roles, channels, members] = await Promise.allSettled([
    call(client, 'get_guild', { guild_id: guildId }) as Promise<Json>,
    call(client, 'get_guild_roles', { guild_id: guildId }) as Promise<Json[]>,
    call(client, 'list_channels', { guild_id: guildId }) as Promise<Json[]>,
    call(client, 'list_guild_members', { guild_id: guildId, ranges: [{ start: 0, end: Math.max(memberPage - 1, 0) }] }) as Promise<Json>,
  ]);
  const counts = new Map<string, unknown>();
  if (members.status === 'fulfilled') for (const g of (members.value.groups as Json[] | undefined) ?? []) counts.set(String(g.id), g.count);
  const summary: Json = {
    guild_id: guildId,
    name: info.status === 'fulfilled' ? info.value.name : undefined,
    info: section(info, 'get_guild', (v) => v),
    member_count: members.status === 'fulfilled' ? members.value.member_count : null,
    online_count: members.status === 'fulfilled' ? members.value.online_count : null,
    roles: section(roles, 'get_guild_roles', (list) =>
      (list ?? []).map((r) => ({
        id: r.id,
        name: r.name,
        position: r.position,
        permissions: r.permissions,
        mentionable: r.mentionable,
        member_count: counts.get(String(r.id)) ?? r.member_count ?? null,
      })),
    ),
    channels: section(channels, 'list_channels', (list) =>
      (list ?? []).map((c) => ({ channel_id: c.channel_id, name: c.name, type: c.type, parent_id: c.parent_id, topic: c.topic })),
    ),
  };
  if (memberPage > 0) {
    summary.members = section(members, 'list_guild_members', (v) =>
      ((v.ops as Json[] | undefined) ?? []).flatMap((o) => ((o.items as Json[] | undefined) ?? []).map((i) => i.User).filter(Boolean)),
    );
  }
  return summary;
}

/**
 * The bot, and every guild it is known to be in: FANBOOK_GUILD_IDS, plus (after `creator-mcp
 * login fanbook`) the logged-in user's guilds that the bot has joined. The bot API itself has
 * no "my guilds" method.
 */
export async function fanbookContext(client: PlatformClient, deps: PlatformDeps): Promise<Json> {
  const configured = configure(deps.env)?.guildIds ?? [];
  const [bot, userGuilds] = await Promise.allSettled([call(client, 'get_me') as Promise<Json>, call(client, 'oauth_get_guilds') as Promise<Json[]>]);

  let login: Json;
  let fromLogin: string[] = [];
  if (userGuilds.status === 'fulfilled') {
    const ids = (userGuilds.value ?? []).map((g) => String(g.guild_id ?? g.id)).filter((id) => !configured.includes(id));
    const present = await Promise.all(
      ids.map((id) =>
        (call(client, 'check_member_exists', { guild_id: id }) as Promise<{ exists?: boolean }>).then(
          (r) => r?.exists === true,
          () => false,
        ),
      ),
    );
    fromLogin = ids.filter((_, i) => present[i]);
    login = { status: 'logged in', guilds: userGuilds.value.length };
  } else {
    login =
      userGuilds.reason instanceof AuthRequiredError
        ? { status: 'not logged in', hint: 'run `creator-mcp login fanbook` to add the guilds you manage' }
        : { status: 'error', error: describeError(userGuilds.reason, 'oauth_get_guilds') };
  }

  const ids = [...new Set([...configured, ...fromLogin])];
  const guilds = await Promise.all(ids.slice(0, MAX_GUILDS).map((id) => guildSummary(client, id)));
  return {
    platform: 'fanbook',
    generatedAt: new Date().toISOString(),
    bot: section(bot, 'get_me', (b) => ({ id: b.id, username: b.username, first_name: b.first_name, owner_id: b.owner_id, avatar: b.avatar })),
    login,
    guilds,
    ...(ids.length > MAX_GUILDS ? { moreGuilds: ids.slice(MAX_GUILDS) } : {}),
    ...(ids.length === 0
      ? { note: 'No guilds known: set FANBOOK_GUILD_IDS (comma-separated guild IDs) or run `creator-mcp login fanbook`.' }
      : {}),
    ids: 'Every ID is a decimal string; pass it on exactly as given.',
  };
}

export const guildTemplate: PlatformResourceTemplate = {
  name: 'fanbook-guild',
  uriTemplate: 'fanbook://guilds/{guild_id}',
  title: 'Fanbook guild',
  description:
    'One Fanbook guild (server) the bot is in: info, roles with member counts, channels, member totals and the first page of members, as JSON. guild_id is a decimal string.',
  async read(client, variables) {
    const id = variables.guild_id ?? '';
    if (!/^\d{1,19}$/.test(id)) throw new Error(`fanbook://guilds/{guild_id} needs a decimal guild ID, not "${id}"`);
    return guildSummary(client, id, 50);
  },
};
