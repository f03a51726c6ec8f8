import type WebSocket from 'ws';
import { PlatformError } from '../../http/errors.js';
import type { Logger } from '../../log.js';
import type { ListenerTuning, PlatformListener, WebhookEvent } from '../types.js';
import { eventOfFrame, readFrame } from './gateway-events.js';

/** The client version the official websocket doc and both public SDKs announce. */
const CLIENT_VERSION = '1.6.60';
/** The doc: ping every 25 s; the gateway closes a connection silent for 70 s. */
const HEARTBEAT_MS = 25_000;
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 60_000;
const MAX_REFUSALS = 5;
/** Frames are single messages; anything this large is not one the bot should hold in memory. */
const MAX_FRAME_BYTES = 1 << 20;
const HANDSHAKE_TIMEOUT_MS = 15_000;

export interface GatewayDeps {
  url: string;
  /** A fresh getMe: every call issues a new user_token (websocket-doc), so each connection asks. */
  login(signal: AbortSignal): Promise<{ botId: string; userToken: string }>;
  record(event: WebhookEvent): Promise<boolean>;
  log: Logger;
  tuning?: ListenerTuning;
  random?: () => number;
}

/** How one connection ended, which decides the wait before the next. */
type Outcome = 'stopped' | 'dropped' | 'refused' | 'failed';

/** A connection that lasted this long was healthy: its drop starts the backoff over. */
const HEALTHY_MS = 60_000;

/** The wait before the next attempt after `failures` failed ones: exponential, capped, half of it random. */
export function retryDelay(failures: number, t: ListenerTuning = {}, random: () => number = Math.random): number {
  const ceiling = Math.min(t.retryCapMs ?? RETRY_CAP_MS, (t.retryBaseMs ?? RETRY_BASE_MS) * 2 ** Math.min(failures, 20));
  // Half fixed, half random: spreads the reconnects of many servers after an outage.
  return ceiling / 2 + random() * (ceiling / 2);
}

/** The query the doc specifies: `id` user_token, `dId` device id, `v` client version, base64 super-properties. */
export function gatewayAddress(base: string, userToken: string, botId: string): string {
  const deviceId = `bot${botId}`;
  const superProps = Buffer.from(JSON.stringify({ platform: 'bot', version: CLIENT_VERSION, channel: 'office', device_id: deviceId, build_number: '1' })).toString('base64');
  const url = new URL(base);
  url.search = new URLSearchParams({ id: userToken, dId: deviceId, v: CLIENT_VERSION, 'x-super-properties': superProps }).toString();
  return url.href;
}

/**
 * Keeps one connection to the Fanbook bot gateway and writes what it pushes into the inbox.
 * Reconnects with capped exponential backoff and jitter; gives up (with one warning) only after
 * repeated refusals of the credentials, since retrying a wrong token forever helps nobody.
 * Never logs message text or tokens above debug, and never a token at all.
 */
export class FanbookGateway implements PlatformListener {
  readonly #d: GatewayDeps;
  readonly #stop = new AbortController();
  #socket: WebSocket | undefined;
  #loop: Promise<void> | undefined;
  /** Connections that reached the gateway's "connect" frame. */
  connections = 0;
  #lastError = '';

  constructor(deps: GatewayDeps) {
    this.#d = deps;
  }

  start(): this {
    this.#loop ??= this.#run().catch((err: unknown) => this.#d.log.error(`Fanbook gateway stopped: ${err instanceof Error ? err.message : String(err)}`));
    return this;
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    this.#socket?.terminate();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const t = this.#d.tuning ?? {};
    const maxRefusals = t.maxRefusals ?? MAX_REFUSALS;
    let failures = 0;
    let refusals = 0;
    while (!this.#stop.signal.aborted) {
      const started = Date.now();
      const outcome = await this.#connectOnce();
      if (outcome === 'stopped') return;
      if (outcome !== 'refused') refusals = 0;
      else refusals += 1;
      // A gateway that accepts and then drops at once must not be reconnected to every second.
      failures = outcome === 'dropped' && Date.now() - started >= HEALTHY_MS ? 0 : failures + 1;
      if (refusals >= maxRefusals) {
        this.#d.log.warn(`Fanbook gateway: refused ${refusals} times in a row; no Fanbook events will arrive until creator-mcp restarts. Check FANBOOK_BOT_TOKEN (fanbook_get_me tells whether it works), or set FANBOOK_GATEWAY=off.`);
        return;
      }
      const wait = retryDelay(failures, t, this.#d.random);
      // An unreachable gateway is worth a warning, but not one per attempt for hours.
      if (outcome === 'failed' && (failures === 1 || failures % 10 === 0)) {
        this.#d.log.warn(`Fanbook gateway: cannot connect (attempt ${failures}${this.#lastError ? `: ${this.#lastError}` : ''}); retrying in ${Math.ceil(wait / 1000)} s`);
      }
      this.#lastError = '';
      await this.#sleep(wait);
    }
  }

  async #connectOnce(): Promise<Outcome> {
    const signal = this.#stop.signal;
    let creds: { botId: string; userToken: string };
    try {
      creds = await this.#d.login(signal);
    } catch (err) {
      if (signal.aborted) return 'stopped';
      const refused = err instanceof PlatformError && err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 429;
      const message = err instanceof Error ? err.message : String(err);
      if (refused) this.#d.log.warn(`Fanbook gateway: getMe refused the bot token: ${message}`);
      else this.#lastError = `getMe: ${message}`;
      return refused ? 'refused' : 'failed';
    }
    if (signal.aborted) return 'stopped';
    // Loaded on the first connection, not at import: a server starting up (and every CLI
    // command) would otherwise parse the websocket library before its first tools/list.
    const { default: Socket } = await import('ws');
    if (signal.aborted) return 'stopped';
    return new Promise<Outcome>((resolve) => {
      const heartbeatMs = this.#d.tuning?.heartbeatMs ?? HEARTBEAT_MS;
      const ws = new Socket(gatewayAddress(this.#d.url, creds.userToken, creds.botId), { handshakeTimeout: HANDSHAKE_TIMEOUT_MS, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
      this.#socket = ws;
      let connected = false;
      let outcome: Outcome = 'failed';
      let lastHeard = Date.now();
      // Frames are recorded one after another, so the inbox keeps the gateway's order.
      let recording = Promise.resolve();
      const heartbeat = setInterval(() => {
        // Three beats without a word (pong included) means a dead link that TCP has not noticed.
        if (Date.now() - lastHeard > 3 * heartbeatMs) return void ws.terminate();
        if (ws.readyState === Socket.OPEN) ws.send('{"type":"ping"}');
      }, heartbeatMs);
      heartbeat.unref();

      ws.on('unexpected-response', (_req, res) => {
        const status = res.statusCode ?? 0;
        outcome = status === 401 || status === 403 ? 'refused' : 'failed';
        this.#d.log.warn(`Fanbook gateway: handshake answered HTTP ${status}${outcome === 'refused' ? ' (user_token refused)' : ''}`);
        res.resume();
        ws.terminate();
      });
      ws.on('message', (data) => {
        lastHeard = Date.now();
        let frame: unknown;
        try {
          // Text or binary: the doc's own Node demo decodes binary frames as UTF-8 JSON.
          frame = readFrame((data as Buffer).toString('utf8'));
        } catch {
          return this.#d.log.debug('Fanbook gateway: a frame that is not JSON was ignored');
        }
        const action = (frame as { action?: unknown } | null)?.action;
        if (action === 'connect') {
          if (!connected) {
            connected = true;
            this.connections += 1;
            this.#d.log.info(`Fanbook gateway connected${this.connections > 1 ? ' again' : ''}`);
          }
          return;
        }
        if (action === 'pong') return;
        const event = eventOfFrame(frame, creds.botId, Date.now());
        if (!event) return;
        recording = recording.then(async () => {
          try {
            const fresh = await this.#d.record(event);
            this.#d.log.debug(`Fanbook gateway: ${event.type} ${event.id}${fresh ? '' : ' (already recorded)'}`);
          } catch (err) {
            this.#d.log.warn(`Fanbook gateway: could not record ${event.id}: ${err instanceof Error ? err.message : String(err)}`);
          }
        });
      });
      ws.on('error', (err) => {
        this.#lastError = err.message;
      });
      ws.on('close', (code) => {
        clearInterval(heartbeat);
        this.#socket = undefined;
        if (signal.aborted) outcome = 'stopped';
        else if (connected) {
          outcome = 'dropped';
          this.#d.log.warn(`Fanbook gateway: connection closed (code ${code}); reconnecting`);
        }
        // The doc names no close codes, so a close before "connect" counts as a plain failure.
        void recording.then(() => resolve(outcome));
      });
    });
  }

  #sleep(ms: number): Promise<void> {
    const signal = this.#stop.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
