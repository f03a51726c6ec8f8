import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { MemoryTokenStore } from '../../src/auth/token-store.js';
import { loadPlatforms } from '../../src/platforms/index.js';
import type { Platform, PlatformId } from '../../src/platforms/types.js';
import type { SimulatorHost } from '../../src/sandbox/sim-host.js';
import { payload, startHarness, type Harness } from '../helpers/harness.js';
import { assertBuilt } from './built.js';
import { recordFigure } from './figures.js';
import { alteredPlants, bodyKinds, hostileBody, Plants, Rnd, type BodyKind } from './hostile-bodies.js';
import { fastRetries, KITS, requestsSince, uploadFiles, type Args, type PlatformKit } from './plans.js';
import { ServerChild } from './server-child.js';

/**
 * The platforms answer back. Every tool and every resource (each automation context, the combined
 * one, each resource template) meets answers a careless or hostile platform could give: the real
 * answer mutated (wrong types, missing and extra fields, planted strings with quotes, escapes,
 * `token=`, `Basic …`, invisible and BiDi characters, now and then one of our own secrets), garbage
 * inside the platform's envelope, null, empty, non-JSON, truncated, 10,000 levels deep, huge strings.
 *
 * The simulator answers these *instead of* processing the request (`body-before`): what is under
 * test is how an answer is read, and an unprocessed request keeps every case independent of the
 * ones before it with no state to restore. What a processed-then-garbled write reports is the
 * fault matrix's part (`non-json-after`, `truncated-after`).
 *
 * Asserted: the server answers every case and stays up (part of it over a real child process), no
 * unhandled rejection, every result is data (text = structuredContent, valid JSON) or exactly one
 * `isError` text, and planted strings come back unchanged except for our own secrets.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
/** FUZZ_ONLY=<regex> runs only matching tools and resources (local exploration; the coverage assertion then fails). */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
/** Per tool over HTTP in this process: 299 tools × 5 ≈ 1,500 cases. */
const CASES_PER_TOOL = 5;
/** Per resource (4 platform contexts, the combined one, 4 templates). */
const CASES_PER_RESOURCE = 24;
/** Huge strings stay under this (the 16 MiB response cap is tested in test/bounds/response-cap). */
const HUGE_BYTES = 1_000_000;
/**
 * A safety net, not a target: past this much CPU in this process (server, simulators and client
 * together) stop generating and fail the coverage assertion rather than overrun CI. CPU, not wall
 * time, so a shared, loaded machine does not cut the run short.
 */
const CPU_CAP_MS = 80_000;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Recorded {
  host: SimulatorHost;
  path: string;
  body: string | undefined;
}

interface Target {
  /** Tool name or resource URI. */
  name: string;
  kind: 'tool' | 'resource';
  platform: PlatformId | 'all';
  args: Args;
  /** The requests the call made on its platform's host in the warm-up, with the real answers. */
  answers: Recorded[];
}

type ToolResult = { isError?: boolean; content?: Array<{ type: string; text?: string }>; structuredContent?: unknown; _meta?: Record<string, unknown> };

/** One of: fine (nothing), an invalid result, a broken connection. */
/**
 * Our own code failing on an odd answer (a TypeError, a stack overflow) reads "failed unexpectedly";
 * an odd answer must instead be reported as the platform's, with what to do.
 */
const INTERNAL = /failed unexpectedly/;

function checkToolResult(r: ToolResult): string | undefined {
  const content = r.content ?? [];
  if (r.isError) {
    if (content.length !== 1 || content[0]?.type !== 'text' || !content[0].text) return `isError without exactly one text: ${JSON.stringify(r).slice(0, 200)}`;
    if (INTERNAL.test(content[0].text)) return `an internal error, not the platform's: ${content[0].text.slice(0, 200)}`;
    return undefined;
  }
  // The payload is the first text; a second one is allowed only as the note that marks people's text.
  const marked = r._meta?.['creator-mcp/untrusted'] !== undefined;
  const note = content[1];
  if (content.length > (marked ? 2 : 1) || (note && (note.type !== 'text' || !note.text?.startsWith('Fields at ')))) return 'data with content besides the payload and the untrusted-text note';
  if (content[0]?.type !== 'text' || typeof content[0].text !== 'string') return `data without its text content`;
  if (r.structuredContent === null || typeof r.structuredContent !== 'object' || Array.isArray(r.structuredContent)) return 'structuredContent is not an object';
  let parsed: unknown;
  try {
    parsed = JSON.parse(content[0].text);
  } catch (err) {
    return `text is not JSON: ${(err as Error).message}`;
  }
  if (JSON.stringify(parsed) !== JSON.stringify(r.structuredContent)) return 'text and structuredContent differ';
  return undefined;
}

const counts = { planted: 0, toolCases: 0, resourceCases: 0, childCases: 0, crashes: 0, invalid: 0, altered: 0, unhandled: 0, data: 0, errors: 0, reached: new Set<string>() };
const byKind = new Map<BodyKind, number>();
const problems: string[] = [];
const onUnhandled = (err: unknown) => {
  counts.unhandled++;
  problems.push(`unhandled: ${err instanceof Error ? err.message : String(err)}`);
};

describe('response fuzzing: every tool and resource against hostile platform answers', () => {
  let h: Harness;
  let client: Client;
  let dir: string;
  let platforms: Platform[];
  let secrets: string[];
  const targets: Target[] = [];

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    dir = await uploadFiles();
    platforms = await loadPlatforms();
    const store = new MemoryTokenStore();
    h = await startHarness({ flags: { toolsets: 'all' }, env: { CREATOR_MCP_UPLOAD_DIR: dir }, store, platforms: platforms.map(fastRetries), httpTimeoutMs: 3_000 });
    for (const kit of KITS) await kit.prepare?.(h, store);
    client = await h.client();
    // Our own secrets, as the planted strings carry them: each must come back masked.
    secrets = Object.entries(h.sandbox.env)
      .filter(([k]) => /(SECRET|TOKEN|PASSWORD)$/.test(k) && !k.endsWith('WEBHOOK_SECRET'))
      .map(([, v]) => v);

    const bodies = new WeakMap<object, string>();
    const hosts = KITS.map((k) => k.host(h));
    for (const host of hosts) host.onAnswer = (req, a) => bodies.set(req, typeof a.body === 'string' ? a.body : a.body.toString('utf8'));
    const recorded = async (run: () => Promise<unknown>, only?: SimulatorHost): Promise<Recorded[]> => {
      const marks = hosts.map((x) => x.requests.at(-1));
      await run();
      return hosts.flatMap((host, i) =>
        only && host !== only ? [] : requestsSince(host, marks[i]).filter((r) => !r.path.startsWith('/__')).map((r) => ({ host, path: r.path, body: bodies.get(r) })),
      );
    };

    // Each plan in order (later calls need what earlier ones made); the platforms' plans run side by side.
    const seen = new Map<string, Target>();
    await Promise.all(
      KITS.map(async (kit: PlatformKit) => {
        for (const step of kit.steps(h)) {
          const args = await step.args();
          let data: Record<string, unknown> = {};
          const answers = await recorded(async () => {
            data = payload(await client.callTool({ name: step.tool, arguments: args }));
          }, kit.host(h));
          step.after?.(data);
          if (!seen.has(step.tool)) seen.set(step.tool, { name: step.tool, kind: 'tool', platform: kit.id, args, answers });
        }
      }),
    );
    for (const kit of KITS) {
      const platform = platforms.find((p) => p.id === kit.id) as Platform;
      for (const op of platform.operations) {
        const name = `${kit.id}_${op.name}`;
        // Operations the simulator's API version lacks (Fresns 3.x only, against the 2.x simulator) have no plan.
        if (kit.absent?.has(op.name)) continue;
        targets.push(seen.get(name) ?? { name, kind: 'tool', platform: kit.id, args: {}, answers: [] });
      }
    }

    const argOf = (tool: string, key: string) => String(seen.get(tool)?.args[key]);
    const uris: Array<[string, PlatformId | 'all']> = [
      ['creator://automation-context', 'all'],
      ...KITS.map((k) => [`${k.id}://automation-context`, k.id] as [string, PlatformId]),
      [`fanvue://chats/${argOf('fanvue_list_chat_messages', 'userUuid')}/messages`, 'fanvue'],
      [`fanvue://fans/${argOf('fanvue_get_fan_insights', 'userUuid')}/insights`, 'fanvue'],
      [`fresns://posts/${argOf('fresns_get_post', 'pid')}`, 'fresns'],
      [`fanbook://guilds/${argOf('fanbook_get_guild', 'guild_id')}`, 'fanbook'],
    ];
    for (const [uri, platform] of uris) {
      freshContext();
      const answers = await recorded(() => client.readResource({ uri }));
      targets.push({ name: uri, kind: 'resource', platform, args: {}, answers });
    }
    for (const host of hosts) host.onAnswer = undefined;
  }, 240_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    const tools = targets.filter((t) => t.kind === 'tool').length;
    const resources = targets.length - tools;
    const detail = `${tools} tools × ${CASES_PER_TOOL} and ${resources} resources × ${CASES_PER_RESOURCE} in process (seed ${SEED}), ${counts.childCases} more against a server child process`;
    recordFigure({
      name: 'response fuzz cases',
      value: counts.toolCases + counts.resourceCases + counts.childCases,
      detail: `${detail}; ${counts.data} data results, ${counts.errors} errors; ${counts.reached.size} tools and resources reached the shaping code with a 2xx body; bodies: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    });
    const first = problems[0] ? `; first: ${problems[0].slice(0, 240)}` : '';
    recordFigure({ name: 'response fuzz crashes', value: counts.crashes, goal: 0, detail: `server answered or stayed up through every case (in process and child)${first}` });
    recordFigure({ name: 'response fuzz unhandled rejections', value: counts.unhandled, goal: 0, detail: 'in the test process, which hosts the server' });
    recordFigure({ name: 'response fuzz invalid results', value: counts.invalid, goal: 0, detail: 'data whose text is not JSON equal to structuredContent, an error without exactly one text or with an internal error ("failed unexpectedly"), a resource text that is not JSON, a context failed whole by one odd answer' });
    recordFigure({ name: 'response fuzz altered content', value: counts.altered, goal: 0, detail: `of ${counts.planted} planted platform strings found in results: those that came back changed other than our own secrets masked (context previews cut with "…" allowed)` });
    await h?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /**
   * The Fanvue context keeps its platform answers for 30 s unless a write goes through the client;
   * counting one, as any write would, makes each case read what the platform answers now.
   */
  function freshContext(): void {
    const fanvue = h.rt.enabled.get('fanvue')?.client as { writes?: number } | undefined;
    if (fanvue && typeof fanvue.writes === 'number') fanvue.writes++;
  }

  const caseArb = fc.record({ kind: bodyKinds, seed: fc.integer(), pick: fc.nat(), all: fc.boolean() });

  /** Injects the case's bodies, calls, clears, and checks what came back. */
  async function runCase(t: Target, c: { kind: BodyKind; seed: number; pick: number; all: boolean }): Promise<void> {
    const rnd = new Rnd(c.seed);
    const plants = new Plants(rnd, secrets);
    const hosts = new Set<SimulatorHost>();
    // A tool meets it on its own request; a resource on one of its requests, or (now and then) on every one.
    const aims = t.answers.length === 0 ? [] : t.kind === 'resource' && c.all ? [...t.answers] : [t.answers[c.pick % t.answers.length] as Recorded];
    const hostPlatform = (host: SimulatorHost) => KITS.find((k) => k.host(h) === host)?.id ?? 'fanvue';
    aims.sort((a, b) => b.path.length - a.path.length);
    for (const aim of aims) {
      const b = hostileBody(c.kind, hostPlatform(aim.host), aim.body, rnd, plants, HUGE_BYTES);
      aim.host.injectFault({ kind: 'body-before', pathPrefix: aim.path, status: b.status, body: b.body, contentType: b.contentType, times: 5 });
      hosts.add(aim.host);
      if (b.status < 300) counts.reached.add(t.name);
    }
    byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
    const where = `${t.name} with a ${c.kind} body (seed ${c.seed})`;
    try {
      if (t.kind === 'tool') {
        counts.toolCases++;
        let r: ToolResult;
        try {
          r = (await client.callTool({ name: t.name, arguments: t.args })) as ToolResult;
        } catch (err) {
          if (typeof (err as { code?: unknown }).code === 'number') {
            counts.invalid++;
            problems.push(`${where}: a JSON-RPC error instead of a tool result: ${(err as Error).message.slice(0, 200)}`);
          } else {
            counts.crashes++;
            problems.push(`${where}: the connection broke: ${String(err)}`);
          }
          return;
        }
        const bad = checkToolResult(r);
        if (bad) {
          counts.invalid++;
          problems.push(`${where}: ${bad}`);
          return;
        }
        if (r.isError) counts.errors++;
        else counts.data++;
        const altered = r.isError ? [] : alteredPlants(r.structuredContent, plants, secrets);
        counts.planted += plants.seen;
        counts.altered += altered.length;
        problems.push(...altered.map((a) => `${where}: ${a}`));
        return;
      }
      counts.resourceCases++;
      freshContext();
      let text: string;
      try {
        const read = await client.readResource({ uri: t.name });
        text = (read.contents[0] as { text: string }).text;
      } catch (err) {
        // A failed read is a JSON-RPC error (resources have no isError); anything else is a broken connection.
        if (typeof (err as { code?: unknown }).code === 'number') {
          counts.errors++;
          if (INTERNAL.test((err as Error).message)) {
            counts.invalid++;
            problems.push(`${where}: an internal error, not the platform's: ${(err as Error).message.slice(0, 200)}`);
          }
          // One odd answer fails its section in place; the context as a whole must still be read.
          if (aims.length === 1 && t.name.endsWith('://automation-context')) {
            counts.invalid++;
            problems.push(`${where}: one odd answer (${aims[0]?.path}) failed the whole context: ${(err as Error).message.slice(0, 200)}`);
          }
        }
        else {
          counts.crashes++;
          problems.push(`${where}: the connection broke: ${String(err)}`);
        }
        return;
      }
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (err) {
        counts.invalid++;
        problems.push(`${where}: resource text is not JSON: ${(err as Error).message}`);
        return;
      }
      counts.data++;
      const internal = [...text.matchAll(/"[^"]*failed unexpectedly[^"]*"/g)].map((m) => m[0]);
      if (internal.length) {
        counts.invalid++;
        problems.push(`${where}: a section failed with an internal error: ${internal[0]?.slice(0, 200)}`);
      }
      const altered = alteredPlants(doc, plants, secrets);
      counts.planted += plants.seen;
      counts.altered += altered.length;
      problems.push(...altered.map((a) => `${where}: ${a}`));
    } finally {
      for (const host of hosts) host.clearFaults();
    }
  }

  it('answers every tool and resource validly, whatever the platform answers', async () => {
    const cpuCap = cpuMs() + CPU_CAP_MS;
    const done = new Map<string, number>();
    for (const [i, t] of targets.entries()) {
      if (cpuMs() > cpuCap) break;
      if (ONLY && !ONLY.test(t.name)) continue;
      await fc.assert(
        fc.asyncProperty(caseArb, async (c) => {
          done.set(t.name, (done.get(t.name) ?? 0) + 1);
          await runCase(t, c);
        }),
        { seed: SEED + i, numRuns: t.kind === 'tool' ? CASES_PER_TOOL : CASES_PER_RESOURCE },
      );
      await client.ping();
    }
    console.log(`response fuzz: ${counts.toolCases + counts.resourceCases} cases in process, ${Math.round(cpuMs() - cpuCap + CPU_CAP_MS)} ms CPU`);
    expect(problems).toEqual([]);
    expect(counts.crashes + counts.invalid + counts.altered + counts.unhandled).toBe(0);
    // The content check must have had something to check.
    expect(counts.planted).toBeGreaterThan(1000);
    // Coverage: every tool and resource had its cases, and the bodies reached most of them.
    expect(targets.filter((t) => (done.get(t.name) ?? 0) < (t.kind === 'tool' ? CASES_PER_TOOL : CASES_PER_RESOURCE)).map((t) => t.name)).toEqual([]);
    expect(targets.filter((t) => t.answers.length === 0).map((t) => t.name)).toEqual([]);
  }, 600_000);

  it('keeps a server child process up through hostile answers to every tool and resource', async () => {
    assertBuilt();
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-rfuzz-'));
    const token = 'response-fuzz-token-0123456789abcdef';
    const child = await ServerChild.start({ stateDir, token, env: { CREATOR_MCP_TOOLSETS: 'all', CREATOR_MCP_UPLOAD_DIR: dir } });
    const mcp = new Client({ name: 'response-fuzz', version: '1' });
    try {
      await mcp.connect(new StreamableHTTPClientTransport(new URL(child.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      const titles: Record<PlatformId, string> = { afdian: 'Afdian', fanvue: 'Fanvue', fanbook: 'Fanbook', fresns: 'Fresns' };
      // Every request of a platform meets the same body: one shape of each family, inside the real envelope.
      const kinds: BodyKind[] = ['envelope-garbage', 'deep'];
      for (const kit of KITS) {
        const sim = child.sims[titles[kit.id]];
        expect(sim, `${kit.id} simulator URL in the child's stderr`).toBeTruthy();
        for (const [k, kind] of kinds.entries()) {
          const rnd = new Rnd(SEED + k);
          const b = hostileBody(kind, kit.id, undefined, rnd, new Plants(rnd, []), HUGE_BYTES);
          const res = await fetch(`${sim}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'body-before', body: b.body, status: b.status, times: 1_000_000 }) });
          expect(res.status).toBe(200);
          for (const t of targets.filter((x) => x.platform === kit.id || x.platform === 'all')) {
            counts.childCases++;
            try {
              if (t.kind === 'tool') {
                const bad = checkToolResult((await mcp.callTool({ name: t.name, arguments: t.args })) as ToolResult);
                if (bad) {
                  counts.invalid++;
                  problems.push(`child: ${t.name} with ${kind}: ${bad}`);
                }
              } else {
                JSON.parse(((await mcp.readResource({ uri: t.name })).contents[0] as { text: string }).text);
              }
            } catch (err) {
              if (typeof (err as { code?: unknown }).code === 'number') continue;
              counts.crashes++;
              problems.push(`child: ${t.name} with ${kind}: ${String(err)}`);
            }
          }
          await fetch(`${sim}/__sandbox/faults`, { method: 'DELETE' });
        }
      }
      await mcp.ping();
      expect(child.proc.exitCode).toBeNull();
      expect(child.stderr).not.toMatch(/unhandled|uncaught/i);
      expect(problems.filter((p) => p.startsWith('child:'))).toEqual([]);
    } finally {
      await mcp.close().catch(() => undefined);
      if (child.proc.exitCode !== null) counts.crashes++;
      await child.stop();
      await rm(stateDir, { recursive: true, force: true });
    }
  }, 400_000);
});
