import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Change, Model } from './model.js';
import type { FbMessage } from './types.js';

export const GATEWAY_PATH = '/websocket';
/** The doc: a connection without a ping for 70 s is closed. */
const IDLE_MS = 70_000;
/** Frames kept for a test that asks the gateway to deliver some again after a drop. */
const KEPT_FRAMES = 50;

/**
 * The bot gateway as fanbook-open/websocket-doc describes it: `GET /websocket?id={user_token}&dId=
 * &v=&x-super-properties=` upgraded to a websocket; a `connect` frame first, `{"type":"ping"}`
 * answered with `pong`, a silent connection closed after 70 s, a `push` for each message and
 * join in the bot's guilds and private chats, and a `guildNotice` when a member leaves (is kicked). The doc does not say how a wrong `user_token` is
 * refused; this simulator answers the handshake with HTTP 401, which a client must treat as final.
 */
export class SimGateway {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  readonly #model: Model;
  readonly #idleMs: number;
  readonly #kept: string[] = [];
  #redeliver = 0;
  #clientSeq = 0;
  /** Counters for tests: accepted connections, refused handshakes, pings answered. */
  readonly stats = { connections: 0, refused: 0, pings: 0 };

  constructor(model: Model, opts: { idleMs?: number } = {}) {
    this.#model = model;
    this.#idleMs = opts.idleMs ?? IDLE_MS;
    model.observe((c) => this.#onChange(c));
  }

  get open(): number {
    return this.#wss.clients.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: number, text: string) => {
      this.stats.refused += 1;
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
    };
    if (url.pathname !== GATEWAY_PATH) return refuse(404, 'Not Found');
    const q = url.searchParams;
    if (q.get('id') !== this.#model.state.bot.user_token) return refuse(401, 'Unauthorized');
    if (!q.get('dId') || !q.get('v') || !validSuperProperties(q.get('x-super-properties'))) return refuse(400, 'Bad Request');
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
  }

  /** Closes every connection abruptly (a network drop); `redeliver` frames are pushed again to the next connection. */
  drop(redeliver = 0): number {
    const n = this.#wss.clients.size;
    for (const ws of this.#wss.clients) ws.terminate();
    this.#redeliver = Math.min(redeliver, this.#kept.length);
    return n;
  }

  close(): void {
    for (const ws of this.#wss.clients) ws.terminate();
    this.#wss.close();
  }

  #accept(ws: WebSocket): void {
    this.stats.connections += 1;
    this.#clientSeq += 1;
    let idle = setTimeout(() => ws.close(1000, 'heartbeat timeout'), this.#idleMs);
    ws.on('close', () => clearTimeout(idle));
    ws.on('message', (data) => {
      let msg: { type?: unknown } | null;
      try {
        msg = JSON.parse(String(data)) as { type?: unknown };
      } catch {
        return;
      }
      if (msg?.type !== 'ping') return;
      this.stats.pings += 1;
      clearTimeout(idle);
      idle = setTimeout(() => ws.close(1000, 'heartbeat timeout'), this.#idleMs);
      ws.send(JSON.stringify({ action: 'pong', data: { time: this.#model.nowSec() } }));
    });
    ws.send(JSON.stringify({ action: 'connect', data: { client_id: `0a05${String(this.#clientSeq).padStart(16, '0')}` } }));
    for (const frame of this.#kept.slice(this.#kept.length - this.#redeliver)) ws.send(frame);
    this.#redeliver = 0;
  }

  #onChange(c: Change): void {
    const frame = c.type === 'message' ? this.#messageFrame(c.message) : c.type === 'join' ? this.#joinFrame(c) : { action: 'guildNotice', data: { method: 'userQuit', guild_id: c.guild_id, user_id: c.user_id } };
    if (!frame) return;
    const text = JSON.stringify(frame);
    this.#kept.push(text);
    if (this.#kept.length > KEPT_FRAMES) this.#kept.shift();
    for (const ws of this.#wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  /** What the bot sees: its guilds' channels and its own private chats. */
  #messageFrame(m: FbMessage) {
    const s = this.#model.state;
    const dm = s.privateChats.has(m.chat_id);
    if (!dm && !s.guilds.get(m.guild_id)?.members.has(s.bot.id)) return undefined;
    const u = s.users.get(m.user_id);
    const member = s.guilds.get(m.guild_id)?.members.get(m.user_id);
    const ctype = (() => {
      try {
        return (JSON.parse(m.content) as { contentType?: number }).contentType ?? 0;
      } catch {
        return 0;
      }
    })();
    return {
      action: 'push',
      data: {
        content: m.content,
        time: m.time,
        user_id: m.user_id,
        channel_id: m.chat_id,
        message_id: m.message_id,
        quote_l1: m.quote_l1,
        quote_l2: m.quote_l2,
        guild_id: dm ? '0' : m.guild_id,
        channel_type: dm ? 3 : (s.channels.get(m.chat_id)?.type ?? 0),
        status: 0,
        nonce: m.message_id,
        ctype,
        ...(m.mentions?.length ? { mentions: m.mentions.map((id) => ({ nickname: s.users.get(id)?.nickname ?? '', user_id: id })) } : {}),
        member: { nick: member?.nick ?? null, roles: member?.roles ?? [], guild_card: [] },
        author: { nickname: u?.nickname ?? '', username: u?.username ?? '', avatar: u?.avatar ?? '', avatar_nft: null, bot: u?.bot ?? false },
        desc: '',
      },
      ack: -1,
      seq: null,
    };
  }

  #joinFrame(c: Extract<Change, { type: 'join' }>) {
    const s = this.#model.state;
    const g = s.guilds.get(c.guild_id);
    if (!g?.members.has(s.bot.id)) return undefined;
    const u = s.users.get(c.user_id);
    const messageId = this.#model.ids.next();
    const channel = s.invites.find((i) => i.code === c.code)?.channel_id ?? [...s.channels.values()].find((ch) => ch.guild_id === c.guild_id && ch.type === 0)?.channel_id ?? '0';
    return {
      action: 'push',
      data: {
        guild_id: c.guild_id,
        channel_id: channel,
        time: this.#model.now(),
        content: JSON.stringify({ user_id: c.user_id, type: 'newJoin', message_id: messageId, code: c.code, index: g.members.size }),
        user_id: c.user_id,
        message_id: messageId,
        channel_type: 0,
        msg_type: 6,
        author: { nickname: u?.nickname ?? '', username: u?.username ?? '', avatar: u?.avatar ?? '', avatar_nft: null, bot: false },
      },
    };
  }
}

/** base64 of `{"platform":"bot","version":…,"channel":…,"device_id":…,"build_number":…}`, as every client sends it. */
function validSuperProperties(raw: string | null): boolean {
  if (!raw) return false;
  try {
    const p = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Record<string, unknown>;
    return p.platform === 'bot' && typeof p.version === 'string' && typeof p.device_id === 'string' && p.device_id !== '';
  } catch {
    return false;
  }
}
