import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TokenStore } from '../../src/auth/token-store.js';
import type { Operation, Platform, PlatformId } from '../../src/platforms/types.js';
import type { AfdianSimulator } from '../../src/sandbox/afdian/index.js';
import type { FanbookSimulator } from '../../src/sandbox/fanbook/index.js';
import type { FresnsSimulator } from '../../src/sandbox/fresns/index.js';
import type { SimRequest, SimulatorHost } from '../../src/sandbox/sim-host.js';
import type { Harness } from '../helpers/harness.js';
import type { FaultCase } from './matrix.js';
import { fanbookOf, loginDirect, seedOf } from '../platforms/fanbook/helpers.js';
import { ROWS as FANBOOK_ROWS, type Ctx } from '../platforms/fanbook/rows.js';
import { fanvueOf, plan as fanvuePlan, uploadDir } from '../platforms/fanvue/helpers.js';
import { fresnsSim, type Json } from '../platforms/fresns/helpers.js';
import { V3_ONLY } from '../../src/platforms/fresns/operations/versions.js';
import { rowsFor, type Shared } from '../platforms/fresns/rows.js';

export type Args = Record<string, unknown>;

/** One tool call of a platform's plan, with arguments valid at that point of the plan. */
export interface Step {
  tool: string;
  args(): Args | Promise<Args>;
  /** What later steps learn from this call's answer (ids it made), and the row's own checks. */
  after?(data: Json): void;
}

/** What the reliability tests need to know about one platform and its simulator. */
export interface PlatformKit {
  id: PlatformId;
  /** The host every tool request of the platform goes to. */
  host(h: Harness): SimulatorHost;
  /** The simulator's world, restored between cells so each starts from the same state. */
  state(h: Harness): object;
  /** Top-level state keys a restore leaves alone (live session tokens). */
  keep: readonly string[];
  /** Done once per harness before any step (a login the OAuth tools need). */
  prepare?(h: Harness, store: TokenStore): Promise<void>;
  steps(h: Harness): Step[];
  /** The path of the tool's own request on the host (what faults aim at and `processed` counts). */
  ownPath(h: Harness, op: Operation, args: Args): string;
  /** Read tools that also meet every fault after processing (the others meet the retry faults). */
  representativeReads: readonly string[];
  /** More write cells for multi-step tools: faults at a later step, after the platform has acted. */
  stepFaults?: Record<string, readonly FaultCase[]>;
  /** A call that puts the client in the state the tool needs (a session to log out of). */
  warmUp?: Record<string, { tool: string; args: Args }>;
  /** Operations the simulator's API version lacks (not in the plan, not expected in the coverage). */
  absent?: ReadonlySet<string>;
}

const fill = (template: string, args: Args) => template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(args[k])));

function afdianOf(h: Harness): AfdianSimulator {
  return h.afdian;
}

export const afdianKit: PlatformKit = {
  id: 'afdian',
  representativeReads: ['afdian_ping', 'afdian_query_orders'],
  host: (h) => afdianOf(h).host,
  state: (h) => afdianOf(h).state,
  keep: [],
  ownPath: (_h, op) => op.path,
  steps(h) {
    const sim = afdianOf(h);
    const plan = () => sim.state.plans[0]!;
    return [
      { tool: 'afdian_ping', args: () => ({}) },
      { tool: 'afdian_query_orders', args: () => ({ page: 1, per_page: 5 }) },
      { tool: 'afdian_query_sponsors', args: () => ({ page: 1, per_page: 5 }) },
      { tool: 'afdian_query_plan', args: () => ({ plan_id: plan().plan_id }) },
      { tool: 'afdian_query_random_reply', args: () => ({ out_trade_no: [...sim.state.randomReplies.keys()][0] }) },
      { tool: 'afdian_update_plan_reply', args: () => ({ plan_id: plan().plan_id, auto_reply: 'Thank you for the support!' }) },
      { tool: 'afdian_send_message', args: () => ({ recipient: sim.state.orders[0]!.user_id, content: 'Thanks for your order' }) },
    ];
  },
};

/**
 * The upload has created a media item by the time its later steps run; a failure there must say
 * so (not "nothing was changed"), or an agent uploads the file twice.
 */
const UPLOAD_STEPS: readonly FaultCase[] = [
  {
    name: 'part URL refused on every attempt, after the media was created',
    fault: { kind: 'status-before', status: 429, retryAfter: '0', times: 10 },
    aim: (own) => `${own}/`,
    outcome: 'processed',
    processed: 1,
    requests: 1,
    says: /HTTP 429.*was created but its upload \(.+\) did not complete/,
  },
  {
    name: 'adding to the folder refused, after the upload completed',
    fault: { kind: 'status-before', status: 400 },
    aim: (own, args) => own.replace(/\/media\/uploads$/, `/vault/folders/${encodeURIComponent(String(args.folderName))}/media`),
    outcome: 'processed',
    processed: 1,
    requests: 1,
    says: /HTTP 400.*is uploaded; only adding it to the vault folder "Beach" failed/,
  },
];

export const fanvueKit: PlatformKit = {
  id: 'fanvue',
  representativeReads: ['fanvue_list_chats', 'fanvue_get_post', 'fanvue_get_earnings'],
  stepFaults: { fanvue_upload_media: UPLOAD_STEPS, fanvue_creator_upload_media: UPLOAD_STEPS },
  host: (h) => fanvueOf(h).api,
  state: (h) => fanvueOf(h).world,
  keep: [],
  ownPath: (_h, op, args) => fill(op.path, args),
  async prepare(h) {
    // The matrix sends far more than Fanvue's 200 requests a minute; the limit is not under test here.
    fanvueOf(h).limits.limit = 1_000_000;
  },
  steps(h) {
    return fanvuePlan(fanvueOf(h)).map(([tool, fixture]) => ({ tool, args: fixture }));
  },
};

export const fanbookKit: PlatformKit = {
  id: 'fanbook',
  representativeReads: ['fanbook_get_guild', 'fanbook_list_channel_messages', 'fanbook_oauth_get_me'],
  host: (h) => fanbookOf(h).host,
  state: (h) => fanbookOf(h).state,
  keep: [],
  ownPath: (h, op, args) => fill(op.path, args).replace('<token>', encodeURIComponent(fanbookOf(h).credentials.botToken)),
  async prepare(h, store) {
    await loginDirect(fanbookOf(h), store);
  },
  steps(h) {
    const sim: FanbookSimulator = fanbookOf(h);
    const s = seedOf(sim);
    const c: Ctx = {};
    return FANBOOK_ROWS.map((row) => ({ tool: row.tool, args: () => row.args(s, c), after: row.keep && ((d: Json) => row.keep?.(d, c)) }));
  },
};

export const fresnsKit: PlatformKit = {
  id: 'fresns',
  representativeReads: ['fresns_get_configs', 'fresns_get_account', 'fresns_list_posts'],
  host: (h) => fresnsSim(h).host,
  state: (h) => fresnsSim(h).state,
  // Sessions the client holds must stay valid across restores, as on a real site.
  keep: ['accountTokens', 'userTokens'],
  ownPath: (_h, op, args) => fill(op.path, args),
  warmUp: { fresns_logout: { tool: 'fresns_get_user_panel', args: {} } },
  // The matrix runs against the 2.x simulator; the 3.x-only login meets the 3.x request table instead.
  absent: V3_ONLY,
  steps(h) {
    const sim: FresnsSimulator = fresnsSim(h);
    const shared: Shared = { sim };
    return rowsFor(2).map((row) => ({ tool: `fresns_${row.tool}`, args: () => row.args(shared), after: row.check && ((d: Json) => row.check?.(d, shared)) }));
  },
};

export const KITS: readonly PlatformKit[] = [afdianKit, fanvueKit, fanbookKit, fresnsKit];

/** The files the upload tools of the plans read: Fanvue's photo.jpg and Fresns' cover.png. */
export async function uploadFiles(): Promise<string> {
  const { dir } = await uploadDir();
  await writeFile(path.join(dir, 'cover.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  return dir;
}

/**
 * The platform with test-speed retries: a short backoff (the attempt cap and the rules stay) and
 * no client-side rate limiter (the tests send more than a minute's budget on purpose).
 */
export function fastRetries(p: Platform): Platform {
  return {
    ...p,
    http: (cfg) => ({ ...p.http?.(cfg), rateLimiter: undefined, baseDelayMs: 10 }) as ReturnType<NonNullable<Platform['http']>>,
  };
}

/** Requests the host recorded after `mark` (the log keeps the last 1000, so a count would drift). */
export function requestsSince(host: SimulatorHost, mark: SimRequest | undefined): SimRequest[] {
  const all = host.requests;
  if (!mark) return [...all];
  const i = all.lastIndexOf(mark);
  return all.slice(i + 1);
}

/** How many times the platform processed a request on exactly this path (not its sub-paths). */
export function processedAt(host: SimulatorHost, p: string): number {
  return host.processed(p) - host.processed(`${p}/`);
}
