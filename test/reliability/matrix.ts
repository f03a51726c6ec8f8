import type { Client } from '@modelcontextprotocol/client';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import type { Operation, Platform } from '../../src/platforms/types.js';
import type { Fault } from '../../src/sandbox/sim-host.js';
import type { FanbookSimulator } from '../../src/sandbox/fanbook/index.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';
import { fastRetries, processedAt, requestsSince, type Args, type PlatformKit, type Step } from './plans.js';
import { restore, snapshot } from './state-sync.js';

/** What the result of a cell must be: a success, or an error that says (or does not say) delivery is uncertain. */
export type Outcome = 'success' | 'unknown' | 'processed' | 'not-processed';

export interface FaultCase {
  name: string;
  /** Aimed at the tool's own request path; none = the plain success cell. */
  fault?: Omit<Fault, 'pathPrefix'>;
  /** Aim at a later request of a multi-step tool instead (a path prefix from the tool's own path). */
  aim?: (own: string, args: Args) => string;
  outcome: Outcome;
  /** How many times the platform must have processed the request (writes). */
  processed?: number;
  /** Requests the tool's own path must have seen (retries included). */
  requests: number;
  /** What the message must name. */
  says?: RegExp;
  /** An equally truthful result some answers give instead (a body-less 204 cannot be cut in half: the link drops). */
  or?: { outcome: Outcome; says: RegExp };
}

const CONNECTION = /connection|ECONNRESET|socket/i;
const CHECK_FIRST = /check\b.*\bbefore repeating/;

/** Every write tool meets each of these; the success cell is the plain call. */
export const WRITE_FAULTS: readonly FaultCase[] = [
  { name: 'success', outcome: 'success', processed: 1, requests: 1 },
  { name: '429 (Retry-After: 1), then success', fault: { kind: 'status-before', status: 429, retryAfter: '1' }, outcome: 'success', processed: 1, requests: 2 },
  { name: '429 on every attempt', fault: { kind: 'status-before', status: 429, retryAfter: '0', times: 10 }, outcome: 'not-processed', processed: 0, requests: 3, says: /HTTP 429/ },
  { name: '500 after processing', fault: { kind: 'status-after', status: 500 }, outcome: 'unknown', processed: 1, requests: 1, says: /HTTP 500/ },
  { name: '502 before processing', fault: { kind: 'status-before', status: 502 }, outcome: 'unknown', processed: 0, requests: 1, says: /HTTP 502/ },
  { name: '503 before processing', fault: { kind: 'status-before', status: 503 }, outcome: 'unknown', processed: 0, requests: 1, says: /HTTP 503/ },
  { name: 'timeout after processing', fault: { kind: 'timeout-after' }, outcome: 'unknown', processed: 1, requests: 1, says: /no answer within/ },
  { name: 'connection reset before processing', fault: { kind: 'reset-before' }, outcome: 'unknown', processed: 0, requests: 1, says: CONNECTION },
  { name: 'connection reset after processing', fault: { kind: 'reset-after' }, outcome: 'unknown', processed: 1, requests: 1, says: CONNECTION },
  { name: 'truncated body', fault: { kind: 'truncated-after' }, outcome: 'processed', processed: 1, requests: 1, says: /broke off/, or: { outcome: 'unknown', says: CONNECTION } },
  { name: 'non-JSON body', fault: { kind: 'non-json-after' }, outcome: 'unknown', processed: 1, requests: 1, says: /not JSON|not a URL/ },
];

/**
 * Every read tool meets each of these: the faults a read is retried on, and the attempt cap. The
 * 429 says "retry now" (writes already prove Retry-After is waited for), so reads stay cheap.
 */
export const READ_FAULTS: readonly FaultCase[] = [
  { name: 'success', outcome: 'success', requests: 1 },
  { name: '503 before processing', fault: { kind: 'status-before', status: 503 }, outcome: 'success', requests: 2 },
  { name: '502 before processing', fault: { kind: 'status-before', status: 502 }, outcome: 'success', requests: 2 },
  { name: 'connection reset before processing', fault: { kind: 'reset-before' }, outcome: 'success', requests: 2 },
  { name: '429 (Retry-After: 0), then success', fault: { kind: 'status-before', status: 429, retryAfter: '0' }, outcome: 'success', requests: 2 },
  { name: '503 on every attempt', fault: { kind: 'status-before', status: 503, times: 10 }, outcome: 'not-processed', requests: 3, says: /HTTP 503/ },
];

/** Representative read tools of each platform also meet the faults after processing, a long 429 and a timeout. */
export const READ_EXTRA_FAULTS: readonly FaultCase[] = [
  { name: '429 (Retry-After: 1), then success', fault: { kind: 'status-before', status: 429, retryAfter: '1' }, outcome: 'success', requests: 2 },
  { name: '500 after processing', fault: { kind: 'status-after', status: 500 }, outcome: 'success', requests: 2 },
  { name: 'timeout after processing', fault: { kind: 'timeout-after' }, outcome: 'success', requests: 2 },
  { name: 'connection reset after processing', fault: { kind: 'reset-after' }, outcome: 'success', requests: 2 },
  { name: 'truncated body', fault: { kind: 'truncated-after' }, outcome: 'success', requests: 2 },
  { name: 'non-JSON body', fault: { kind: 'non-json-after' }, outcome: 'not-processed', requests: 1, says: /not JSON/ },
  { name: '429 with a Retry-After too long to wait', fault: { kind: 'status-before', status: 429, retryAfter: '120' }, outcome: 'not-processed', requests: 1, says: /HTTP 429.*120 s/ },
];

/** The cells a tool gets, the plain success cell first. */
export function faultsFor(kit: PlatformKit, tool: string, kind: Operation['kind']): readonly FaultCase[] {
  if (kind !== 'read') return [...WRITE_FAULTS, ...(kit.stepFaults?.[tool] ?? [])];
  return kit.representativeReads.includes(tool) ? [...READ_FAULTS, ...READ_EXTRA_FAULTS] : READ_FAULTS;
}

export interface Cell {
  tool: string;
  kind: Operation['kind'];
  fault: FaultCase;
  processed: number;
  requests: number;
  isError: boolean;
  text: string;
}

const MAYBE = /may have been sent and processed/;
const DID = /The platform processed the request/;

export function outcomeOf(cell: Pick<Cell, 'isError' | 'text'>): Outcome {
  if (!cell.isError) return 'success';
  if (MAYBE.test(cell.text)) return 'unknown';
  if (DID.test(cell.text)) return 'processed';
  return 'not-processed';
}

/** Whether the result tells the truth about a write: success/processed = 1, maybe ≤ 1, refused = 0. */
export function deliveryTruthful(cell: Cell): boolean {
  switch (outcomeOf(cell)) {
    case 'success':
    case 'processed':
      return cell.processed === 1;
    case 'unknown':
      return cell.processed <= 1;
    case 'not-processed':
      return cell.processed === 0;
  }
}

/** How a cell differs from what its fault promises, or undefined. */
export function problemOf(cell: Cell): string | undefined {
  const got = outcomeOf(cell);
  const f = cell.fault.or && got === cell.fault.or.outcome ? { ...cell.fault, ...cell.fault.or } : cell.fault;
  const where = `${cell.tool} × ${f.name}`;
  if (got !== f.outcome) return `${where}: expected ${f.outcome}, got ${got}: ${cell.text.slice(0, 300)}`;
  if (cell.kind !== 'read' && cell.processed !== f.processed) return `${where}: processed ${cell.processed} times, expected ${f.processed}`;
  if (cell.requests !== f.requests) return `${where}: ${cell.requests} requests, expected ${f.requests}`;
  if (f.says && !f.says.test(cell.text)) return `${where}: the message does not say ${f.says}: ${cell.text.slice(0, 300)}`;
  // An agent told only "try again" would send the write twice.
  if (got === 'unknown' && !CHECK_FIRST.test(cell.text)) return `${where}: an uncertain write without "check before repeating": ${cell.text.slice(0, 300)}`;
  return undefined;
}

export interface LaneSpec {
  kit: PlatformKit;
  lane: number;
  lanes: number;
}

export interface LaneOptions {
  platforms: readonly Platform[];
  uploadDir: string;
  httpTimeoutMs: number;
  /** Restrict the cells (e.g. a quick local run); default every tool of the chunk. */
  only?: (tool: string) => boolean;
}

/** Seconds a tool's cells wait, roughly, to balance lanes (a 429 waits 1 s, a timeout 1.5 s). */
const WEIGHT = { read: 0.4, representativeRead: 3, write: 2.8 };

/**
 * Lanes side by side in one harness (one lane per platform at most, so no two share a
 * simulator). A lane calls its platform's whole plan in order; for the tools of its chunk it
 * runs every fault cell before the plain call (the plain call is the success cell). A write's
 * cells each start from the world as it was before the first one.
 */
export async function runLanes(specs: readonly LaneSpec[], opts: LaneOptions): Promise<{ cells: Cell[]; problems: string[] }> {
  const store = new MemoryTokenStore();
  const h = await startHarness({
    flags: { toolsets: 'all' },
    // Like fastRetries' missing rate limiter: Fanbook's one-send-a-second pacing (tested on its own
    // in test/e2e/fanbook-send-limit.test.ts) would only stretch the lanes, for the bot and the simulator alike.
    env: { CREATOR_MCP_UPLOAD_DIR: opts.uploadDir, FANBOOK_SENDS_PER_SECOND: '1000' },
    store,
    platforms: opts.platforms.map(fastRetries),
    httpTimeoutMs: opts.httpTimeoutMs,
  });
  const fanbook = h.sandbox.platforms.find((p) => p.platform === 'fanbook')?.simulator as FanbookSimulator | undefined;
  if (fanbook) fanbook.model.sendLimitPerSecond = 1000;
  try {
    const results = await Promise.all(specs.map((spec) => runLane(h, store, spec, opts)));
    return { cells: results.flatMap((r) => r.cells), problems: results.flatMap((r) => r.problems) };
  } finally {
    await h.close();
  }
}

async function runLane(h: Harness, store: MemoryTokenStore, spec: LaneSpec, opts: LaneOptions): Promise<{ cells: Cell[]; problems: string[] }> {
  const { kit } = spec;
  const cells: Cell[] = [];
  const problems: string[] = [];
  try {
    const platform = opts.platforms.find((p) => p.id === kit.id);
    if (!platform) throw new Error(`no platform ${kit.id}`);
    const ops = new Map(platform.operations.map((op) => [`${kit.id}_${op.name}`, op]));
    await kit.prepare?.(h, store);
    const client = await h.client();
    const steps = kit.steps(h);
    const mine = chunkOf(steps, ops, spec);
    const last = Math.max(-1, ...mine);
    for (let i = 0; i <= last; i++) {
      const step = steps[i] as Step;
      const op = ops.get(step.tool);
      if (!op) throw new Error(`${step.tool} is not a ${kit.id} tool`);
      if (mine.includes(i) && (opts.only?.(step.tool) ?? true)) {
        const base = snapshot(kit.state(h));
        const faults = faultsFor(kit, step.tool, op.kind);
        for (const f of faults) {
          if (!f.fault) continue;
          // Reads change nothing worth restoring; a write's cells must not see each other's effects.
          if (op.kind !== 'read') restore(kit.state(h), base, kit.keep);
          cells.push(await runCell(h, client, kit, step, op, f));
        }
        restore(kit.state(h), base, kit.keep);
        const success = await runCell(h, client, kit, step, op, faults[0] as FaultCase);
        cells.push(success);
        if (success.isError) throw new Error(`${step.tool}: the plain call failed: ${success.text}`);
        step.after?.(success.data);
      } else {
        const result = await client.callTool({ name: step.tool, arguments: await step.args() });
        step.after?.(payload(result));
      }
    }
  } catch (err) {
    problems.push(`${kit.id} lane ${spec.lane}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  return { cells, problems };
}

/** The step indexes (first call of each tool) this lane runs cells for: contiguous, balanced by weight. */
function chunkOf(steps: readonly Step[], ops: ReadonlyMap<string, Operation>, spec: LaneSpec): number[] {
  const seen = new Set<string>();
  const firsts: Array<{ i: number; w: number }> = [];
  steps.forEach((s, i) => {
    if (seen.has(s.tool)) return;
    seen.add(s.tool);
    const read = ops.get(s.tool)?.kind === 'read';
    firsts.push({ i, w: !read ? WEIGHT.write : spec.kit.representativeReads.includes(s.tool) ? WEIGHT.representativeRead : WEIGHT.read });
  });
  const total = firsts.reduce((a, f) => a + f.w, 0);
  let acc = 0;
  const mine: number[] = [];
  for (const f of firsts) {
    const lane = Math.min(spec.lanes - 1, Math.floor(((acc + f.w / 2) / total) * spec.lanes));
    if (lane === spec.lane) mine.push(f.i);
    acc += f.w;
  }
  return mine;
}

async function runCell(h: Harness, client: Client, kit: PlatformKit, step: Step, op: Operation, f: FaultCase): Promise<Cell & { data: Record<string, unknown> }> {
  const warm = kit.warmUp?.[step.tool];
  if (warm) payload(await client.callTool({ name: warm.tool, arguments: warm.args }));
  const args: Args = await step.args();
  const host = kit.host(h);
  const own = kit.ownPath(h, op, args);
  const mark = host.requests.at(-1);
  const before = processedAt(host, own);
  if (f.fault) host.injectFault({ ...f.fault, pathPrefix: f.aim ? f.aim(own, args) : own });
  let result: { isError?: boolean; content?: Array<{ text?: string }>; structuredContent?: Record<string, unknown> };
  try {
    result = (await client.callTool({ name: step.tool, arguments: args })) as typeof result;
  } finally {
    host.clearFaults();
  }
  return {
    tool: step.tool,
    kind: op.kind,
    fault: f,
    processed: processedAt(host, own) - before,
    requests: requestsSince(host, mark).filter((r) => r.path === own).length,
    isError: result.isError === true,
    text: result.content?.[0]?.text ?? '',
    data: result.structuredContent ?? {},
  };
}
