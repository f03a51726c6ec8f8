import { parseJsonLossless } from '../../http/json.js';
import type { WebhookEvent } from '../types.js';

/**
 * What one gateway frame means for the creator, as an inbox event. Shapes follow the official
 * websocket doc (fanbook-open/websocket-doc: "push" for messages and joins, "guildNotice" for
 * members leaving, "circle"/"circleEnter" for the forum); IDs stay decimal strings, exactly.
 */
export type GatewayKind = 'message' | 'mention' | 'dm' | 'member_join' | 'member_quit' | 'reaction' | 'circle_post' | 'circle_reaction';

type Json = Record<string, unknown>;

/** Longest text kept per event: the inbox holds events, not conversations. */
const MAX_TEXT = 2000;
/** Channel type 3 is a private chat (ChannelTypeEnum.DMChannel in Fanbook's Java SDK). */
const DM_CHANNEL = 3;
/** `msg_type` of the "someone joined through an invite" push. */
const JOIN_MSG_TYPE = 6;

const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
/** IDs arrive as strings; a lossless parse turns an unquoted unsafe integer into one too. */
const id = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{1,20}$/.test(v) ? v : typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : undefined);

function parseContent(raw: unknown): Json {
  if (typeof raw !== 'string') return obj(raw);
  try {
    return obj(JSON.parse(raw));
  } catch {
    return { type: 'text', text: raw };
  }
}

/** Readable text of a message: plain text as is, rich text as its inserted strings. */
function textOf(content: Json): string | undefined {
  if (typeof content.text === 'string' && content.type !== 'reaction') return content.text.slice(0, MAX_TEXT);
  if (content.type === 'richText' && typeof content.document === 'string') {
    try {
      const ops = JSON.parse(content.document) as unknown;
      if (Array.isArray(ops)) {
        const text = ops.map((op) => (typeof obj(op).insert === 'string' ? (obj(op).insert as string) : '')).join('');
        return [typeof content.title === 'string' ? content.title : '', text].filter(Boolean).join('\n').slice(0, MAX_TEXT);
      }
    } catch {
      // A document that is not JSON has no text to show.
    }
  }
  return undefined;
}

function author(d: Json): Json {
  const a = obj(d.author);
  return { nickname: typeof a.nickname === 'string' ? a.nickname : null, username: typeof a.username === 'string' ? a.username : null, bot: a.bot === true };
}

/** A frame's text as JSON; an unquoted 64-bit id becomes a decimal string instead of losing digits. Throws on non-JSON. */
export function readFrame(text: string): unknown {
  return parseJsonLossless(text);
}

/** The inbox event for a frame, or undefined for frames that are not events or are the bot's own. */
export function eventOfFrame(frame: unknown, botId: string, receivedAt: number): WebhookEvent | undefined {
  const f = obj(frame);
  const d = obj(f.data);
  const event = (kind: GatewayKind, key: string, payload: Json): WebhookEvent => ({ id: `${kind === 'member_quit' || kind.startsWith('circle') ? kind : 'msg'}:${key}`, type: kind, kind, receivedAt, payload: { kind, ...payload } });

  if (f.action === 'guildNotice' && d.method === 'userQuit') {
    const guild = id(d.guild_id);
    const user = id(d.user_id);
    if (!guild || !user || user === botId) return undefined;
    // The notice carries no id or time: one quit per member and minute is what can be told apart.
    return event('member_quit', `${guild}:${user}:${Math.floor(receivedAt / 60_000)}`, { guild_id: guild, user_id: user });
  }
  if (f.action === 'circle' || f.action === 'circleEnter') {
    const r = f.action === 'circleEnter' ? obj(d.records) : d;
    const post = id(r.post_id);
    const user = id(r.user_id);
    if (!post || !user || user === botId) return undefined;
    const kind: GatewayKind = f.action === 'circleEnter' ? 'circle_post' : 'circle_reaction';
    return event(kind, `${post}:${user}:${String(d.method ?? '')}`, {
      guild_id: id(r.guild_id ?? d.guild_id) ?? null,
      channel_id: id(r.channel_id) ?? null,
      post_id: post,
      user_id: user,
      ...(typeof r.title === 'string' && r.title ? { title: r.title.slice(0, 200) } : {}),
    });
  }
  if (f.action !== 'push') return undefined;

  const messageId = id(d.message_id);
  const user = id(d.user_id);
  if (!messageId || !user || user === botId) return undefined;
  const content = parseContent(d.content);
  const guild = id(d.guild_id);
  const base = {
    message_id: messageId,
    guild_id: guild && guild !== '0' ? guild : null,
    channel_id: id(d.channel_id) ?? null,
    user_id: user,
    author: author(d),
    time: typeof d.time === 'number' ? d.time : null,
  };
  if (content.type === 'newJoin' || d.msg_type === JOIN_MSG_TYPE) return event('member_join', messageId, { ...base, user_id: id(content.user_id) ?? user });
  const text = textOf(content);
  const mentions = (Array.isArray(d.mentions) ? d.mentions : []).map((m) => id(obj(m).user_id) ?? id(m)).filter((m): m is string => Boolean(m));
  const payload = {
    ...base,
    content_type: typeof content.type === 'string' ? content.type : null,
    ...(text !== undefined ? { text } : {}),
    ...(mentions.length ? { mentions } : {}),
    ...(id(d.quote_l1) ? { quote_l1: id(d.quote_l1) } : {}),
  };
  if (content.type === 'reaction') return event('reaction', messageId, { ...payload, reacted_to: id(content.id) ?? null });
  if (d.channel_type === DM_CHANNEL || base.guild_id === null) return event('dm', messageId, payload);
  if (mentions.includes(botId) || (text ?? '').includes(`\${@!${botId}}`)) return event('mention', messageId, payload);
  return event('message', messageId, payload);
}
