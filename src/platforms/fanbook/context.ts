import { AuthRequiredError, describeError } from '../../http/errors.js';
import { ago, arr, isoOf, num, obj, objs, previewField, Sections, str, timeOf, top, unhandled, value, type ContextOptions } from '../../context/kit.js';
import { MemoryReviewLedger } from '../../ledger/review-ledger.js';
import type { PlatformClient, PlatformDeps, PlatformResourceTemplate, WebhookLog } from '../types.js';
import { configure } from './config.js';
import { operation } from './operations/index.js';


type Json = Record<string, unknown>;
const call = (client: PlatformClient, name: string, input: Json = {}) => client.call(operation(name), input);

/** A view that throws on an odd answer fails its own section, in place, like a failed call. */
function section<T, R>(r: PromiseSettledResult<T>, what: string, f: (v: T) => R): R | { error: string } {
  if (r.status === 'rejected') return { error: describeError(r.reason, what) };
  try {
    return f(r.value);
  } catch (err) {
    return { error: describeError(err, what) };
  }
}

/** One guild as an agent needs it before acting: roles with member counts, channels, totals. Answers are untrusted JSON. */
export async function guildSummary(client: PlatformClient, guildId: string, memberPage = 0): Promise<Json> {
  const [info, roles, channels, members] = await Promise.allSettled([
    call(client, 'get_guild', { guild_id: guildId }),
    call(client, 'get_guild_roles', { guild_id: guildId }),
    call(client, 'list_channels', { guild_id: guildId }),
    call(client, 'list_guild_members', { guild_id: guildId, ranges: [{ start: 0, end: Math.max(memberPage - 1, 0) }] }),
  ]);
  const counts = new Map<string, unknown>();
  const m = members.status === 'fulfilled' ? obj(members.value) : undefined;
  for (const g of objs(m?.groups)) counts.set(String(g.id), g.count);
  const summary: Json = {
    guild_id: guildId,
    name: info.status === 'fulfilled' ? obj(info.value).name : undefined,
    info: section(info, 'get_guild', (v) => v),
    member_count: m ? (m.member_count ?? null) : null,
    online_count: m ? (m.online_count ?? null) : null,
    roles: section(roles, 'get_guild_roles', (list) =>
      objs(list).map((r) => ({
        id: r.id,
        name: r.name,
        position: r.position,
        permissions: r.permissions,
        mentionable: r.mentionable,
        member_count: counts.get(String(r.id)) ?? r.member_count ?? null,
      })),
    ),
    channels: section(channels, 'list_channels', (list) =>
      objs(list).map((c) => ({ channel_id: c.channel_id, name: c.name, type: c.type, parent_id: c.parent_id, topic: c.topic })),
    ),
  };
  if (memberPage > 0) {
    summary.members = section(members, 'list_guild_members', (v) => objs(obj(v).ops).flatMap((o) => objs(o.items).map((i) => i.User).filter(Boolean)));
  }
  return summary;
}

const LIMITS = { full: { guilds: 5, items: 6 }, summary: { guilds: 2, items: 3 } } as const;
const EVENTS_READ = 100;

/**
 * What the gateway recorded (gateway-events.ts payloads, untrusted text), sorted into what needs
 * the creator: mentions of the bot, private messages (one entry per person, newest first, with
 * how many wait) and new members. Events arrive newest first.
 */
function inboxItems(events: unknown[], botId: string | null, now: number) {
  const mentions: Json[] = [];
  const dms = new Map<string, Json>();
  const joins: Json[] = [];
  for (const raw of events) {
    const e = obj(raw);
    const m = obj(e.payload);
    const kind = str(e.kind) ?? str(m.kind) ?? str(e.type);
    const user = str(m.user_id);
    if (!user || (botId && user === botId)) continue;
    const author = obj(m.author);
    const at = timeOf(m.time) ?? num(e.receivedAt);
    const base = {
      id: `fanbook:${kind === 'member_join' ? 'join' : 'message'}:${str(m.message_id) ?? str(e.id) ?? '?'}`,
      from: { id: user, name: str(author.nickname) ?? str(author.username) },
      guild_id: str(m.guild_id),
      channel_id: str(m.channel_id),
      at: isoOf(at),
      waiting: ago(at, now),
    };
    if (kind === 'member_join') joins.push(base);
    else if (kind === 'mention') mentions.push({ ...base, ...previewField('text', m.text) });
    else if (kind === 'dm') {
      const seen = dms.get(user);
      if (seen) seen.messages = (num(seen.messages) ?? 1) + 1;
      else dms.set(user, { ...base, ...previewField('text', m.text), messages: 1 });
    }
  }
  return { mentions, dms: [...dms.values()], joins };
}

/**
 * Decision first: mentions of the bot, DMs and new members waiting, from the events the gateway
 * (or webhook) recorded in the inbox; then the guilds the bot knows (FANBOOK_GUILD_IDS, plus,
 * after `creator-mcp login fanbook`, the logged-in user's guilds the bot has joined) as totals, with
 * fanbook://guilds/{guild_id} for each guild's roles and channels.
 */
export async function fanbookContext(client: PlatformClient, deps: PlatformDeps & { webhooks?: WebhookLog }, opts: ContextOptions = { ledger: new MemoryReviewLedger(), detail: 'full', now: Date.now() }): Promise<Json> {
  const L = LIMITS[opts.detail];
  const s = new Sections();
  const configured = configure(deps.env)?.guildIds ?? [];
  const [bot, userGuilds, events] = await Promise.all([
    Sections.settle(call(client, 'get_me')),
    Sections.settle(call(client, 'oauth_get_guilds')),
    Sections.settle(deps.webhooks ? deps.webhooks.recent('fanbook', EVENTS_READ) : Promise.resolve([])),
  ]);
  const botId = bot.status === 'fulfilled' ? str(obj(bot.value).id) : null;

  let login: Json;
  let fromLogin: string[] = [];
  if (userGuilds.status === 'fulfilled') {
    const ids = objs(userGuilds.value).map((g) => str(g.guild_id) ?? str(g.id)).filter((id): id is string => Boolean(id) && !configured.includes(id as string));
    const present = await Promise.all(ids.slice(0, 20).map((id) => Sections.settle(call(client, 'check_member_exists', { guild_id: id }))));
    fromLogin = ids.slice(0, 20).filter((_, i) => { const r = present[i]; return r?.status === 'fulfilled' && obj(r.value).exists === true; });
    login = { status: 'logged in', guilds: arr(userGuilds.value).length };
  } else {
    login =
      userGuilds.reason instanceof AuthRequiredError
        ? { status: 'not logged in', hint: 'run `creator-mcp login fanbook` to add the guilds you manage' }
        : { status: 'error', error: describeError(userGuilds.reason, 'oauth_get_guilds') };
  }

  const needsYou = await s.run('needsYou', 'reading Fanbook events', async () => {
    const sorted = inboxItems(arr(value(events)), botId, opts.now);
    const section = async (items: Json[], more: string) => {
      const fresh = await unhandled(opts.ledger, items as Array<Json & { id: string }>);
      return { ...top(fresh.items, L.items, more), handled: fresh.handled };
    };
    return {
      source: arr(value(events)).length
        ? `the ${EVENTS_READ} newest events the bot gateway recorded`
        : 'no gateway events recorded yet: `creator-mcp serve` listens to the bot gateway (FANBOOK_GATEWAY=off disables it)',
      mentions: await section(sorted.mentions, 'creator_wait_for_events {platforms:["fanbook"]}'),
      dmsWaiting: await section(sorted.dms, 'fanbook_get_private_chat, then fanbook_send_message'),
      newMembers: await section(sorted.joins, 'fanbook_list_guild_members'),
    };
  });

  const ids = [...new Set([...configured, ...fromLogin])];
  const summaries = await Promise.all(ids.slice(0, L.guilds).map((id) => guildSummary(client, id).catch((err: unknown) => ({ guild_id: id, error: describeError(err, 'guild summary') }) as Json)));
  const guilds = await s.run('guilds', 'fanbook guilds', () => ({
    ...top(
      summaries.map((g) => ({
        guild_id: str(g.guild_id),
        name: str(g.name),
        members: num(g.member_count),
        online: num(g.online_count),
        roles: Array.isArray(g.roles) ? g.roles.length : null,
        channels: Array.isArray(g.channels) ? g.channels.length : null,
        ...(g.error ? { error: g.error } : {}),
      })),
      L.guilds,
      'fanbook://guilds/{guild_id} has roles, channels and members',
      ids.length,
    ),
    ...(ids.length > L.guilds ? { moreGuildIds: ids.slice(L.guilds, L.guilds + 20) } : {}),
    ...(ids.length === 0 ? { note: 'No guilds known: set FANBOOK_GUILD_IDS (comma-separated guild IDs) or run `creator-mcp login fanbook`.' } : {}),
  }));

  return {
    platform: 'fanbook',
    generatedAt: isoOf(opts.now),
    needsYou,
    trends: 'Fanbook has no earnings API; guild member totals are under reference.',
    reference: {
      bot: bot.status === 'fulfilled' ? { id: botId, username: str(obj(bot.value).username), first_name: str(obj(bot.value).first_name) } : { error: describeError(bot.reason, 'get_me') },
      login,
      guilds,
      ids: 'Every ID is a decimal string; pass it on exactly as given.',
    },
    handled: await opts.ledger.count('fanbook:'),
    markHandled: 'creator_mark_handled with the ids above once answered or welcomed',
    ...(s.failed.length ? { failedSections: s.failed } : {}),
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
