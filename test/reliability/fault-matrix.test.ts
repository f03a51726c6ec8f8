import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatforms } from '../../src/platforms/index.js';
import type { Platform } from '../../src/platforms/types.js';
import { cancelRead } from './cancel.js';
import { recordFigure } from './figures.js';
import { deliveryTruthful, faultsFor, problemOf, READ_EXTRA_FAULTS, READ_FAULTS, runLanes, WRITE_FAULTS, type Cell, type LaneSpec } from './matrix.js';
import { afdianKit, fanbookKit, fanvueKit, fresnsKit, KITS, uploadFiles, type PlatformKit } from './plans.js';

/** Short, so a timeout cell costs 1.5 s; every plain request of the sandbox answers in milliseconds. */
const HTTP_TIMEOUT_MS = 1_500;
/**
 * Lanes run side by side, each with a contiguous part of one platform's plan; most of a cell's
 * time is waiting (Retry-After, timeouts), so lanes overlap well.
 */
const LANES: ReadonlyArray<[PlatformKit, number]> = [
  [afdianKit, 1],
  [fanvueKit, 6],
  [fanbookKit, 3],
  [fresnsKit, 3],
];

/** FAULT_MATRIX_ONLY=<regex of tool names> narrows the cells for a quick local run (the coverage check is then skipped). */
const only = process.env.FAULT_MATRIX_ONLY ? new RegExp(process.env.FAULT_MATRIX_ONLY) : undefined;

/**
 * Every write tool of every platform × every fault, and every read tool × the faults a read is
 * retried on (representative reads × every fault), through a real MCP client against the
 * sandbox simulators. Per cell: how many times the platform processed the request, how many
 * requests it saw, and what the tool's result said about it.
 */
describe('fault-injection matrix', () => {
  let dir: string;
  let platforms: Platform[];
  const cells: Cell[] = [];
  const laneProblems: string[] = [];
  beforeAll(async () => {
    dir = await uploadFiles();
    platforms = await loadPlatforms();
    // Harness i runs lane i of every platform that has one: fewer harnesses, no shared simulator.
    const groups: LaneSpec[][] = [];
    for (const [kit, lanes] of LANES) for (let lane = 0; lane < lanes; lane++) (groups[lane] ??= []).push({ kit, lane, lanes });
    const results = await Promise.all(
      groups.map((specs) => runLanes(specs, { platforms, uploadDir: dir, httpTimeoutMs: HTTP_TIMEOUT_MS, only: only && ((t) => only.test(t)) })),
    );
    for (const r of results) {
      cells.push(...r.cells);
      laneProblems.push(...r.problems);
    }
  }, 170_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs every lane to the end of its plan', () => {
    expect(laneProblems).toEqual([]);
  });

  it('covers every tool of every platform with its faults', () => {
    if (only) return;
    const expected = KITS.flatMap((kit) => {
      const platform = platforms.find((p) => p.id === kit.id) as Platform;
      return platform.operations.filter((op) => !kit.absent?.has(op.name)).map((op) => ({ tool: `${kit.id}_${op.name}`, n: faultsFor(kit, `${kit.id}_${op.name}`, op.kind).length }));
    });
    const counts = new Map<string, number>();
    for (const c of cells) counts.set(c.tool, (counts.get(c.tool) ?? 0) + 1);
    expect(expected.filter((e) => counts.get(e.tool) !== e.n).map((e) => `${e.tool}: ${counts.get(e.tool) ?? 0} of ${e.n} cells`)).toEqual([]);
    for (const kit of KITS) expect(kit.representativeReads.every((t) => counts.get(t) === READ_FAULTS.length + READ_EXTRA_FAULTS.length), kit.id).toBe(true);
  });

  it('processes every write at most once, exactly as the result says, and names what happened', () => {
    const writes = cells.filter((c) => c.kind !== 'read');
    const reads = cells.filter((c) => c.kind === 'read');
    const duplicates = writes.filter((c) => c.processed > 1);
    const misreported = writes.filter((c) => !deliveryTruthful(c));
    const writeTools = new Set(writes.map((c) => c.tool)).size;
    const readTools = new Set(reads.map((c) => c.tool)).size;
    const over = `${writes.length} write-tool × fault cells (${writeTools} write tools of 4 platforms)`;
    recordFigure({ name: 'duplicate writes', value: duplicates.length, goal: 0, detail: `over ${over}` });
    recordFigure({ name: 'write cells whose result misreported delivery', value: misreported.length, goal: 0, detail: `over ${over}` });
    recordFigure({
      name: 'fault-matrix cells',
      value: cells.length,
      detail:
        `${writeTools} write tools × ${WRITE_FAULTS.length} cells (success + ${WRITE_FAULTS.length - 1} faults), ` +
        `${writes.length - writeTools * WRITE_FAULTS.length} more at later steps of multi-step writes, ` +
        `${readTools} read tools × ${READ_FAULTS.length} cells (success + ${READ_FAULTS.length - 1} retry faults), ` +
        `${KITS.reduce((n, k) => n + k.representativeReads.length, 0)} of them × ${READ_EXTRA_FAULTS.length} more`,
    });
    expect(duplicates.map((c) => `${c.tool} × ${c.fault.name}: processed ${c.processed} times`)).toEqual([]);
    expect(misreported.map((c) => `${c.tool} × ${c.fault.name}: processed ${c.processed}, said: ${c.text.slice(0, 200)}`)).toEqual([]);
    expect(writes.flatMap((c) => problemOf(c) ?? [])).toEqual([]);
  });

  it('retries reads where that is safe, never beyond the attempt cap, and names what failed', () => {
    const reads = cells.filter((c) => c.kind === 'read');
    expect(reads.filter((c) => c.requests > 3).map((c) => `${c.tool} × ${c.fault.name}: ${c.requests} requests`)).toEqual([]);
    expect(reads.flatMap((c) => problemOf(c) ?? [])).toEqual([]);
  });
});

describe('cancelling a hung read', () => {
  it('ends the tool call promptly and closes the platform request, for both client eras', async () => {
    const outcomes = await cancelRead(KITS, { httpTimeoutMs: HTTP_TIMEOUT_MS });
    expect(outcomes.filter((o) => o.problem).map((o) => `${o.tool} (${o.era}): ${o.problem}`)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(KITS.length * 2);
  });
});
