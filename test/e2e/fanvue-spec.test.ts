import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { operations } from '../../src/platforms/fanvue/operations/index.js';
import type { FanvueOperation } from '../../src/platforms/fanvue/operation.js';
import { loadFanvueSpec } from '../../src/sandbox/fanvue/openapi.js';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { allowed, fanvueOf, plan, uploadDir } from '../platforms/fanvue/helpers.js';

const spec = loadFanvueSpec();
const rows = new Map(operations.map((op) => [`fanvue_${op.name}`, op]));

/**
 * Every Fanvue tool, called through a real MCP client against the simulator: each request the
 * simulator recorded must be the tool's own operation in Fanvue's OpenAPI document, with path,
 * query and body valid against it; the answer the agent gets must match the documented answer.
 * A row that drifts from Fanvue's API fails here.
 */
describe('Fanvue tools against spec/fanvue-openapi.json', () => {
  let h: Harness;
  let client: Client;
  let sim: FanvueSimulator;
  let dir: string;
  beforeAll(async () => {
    const upload = await uploadDir();
    dir = upload.dir;
    h = await startHarness({ flags: { toolsets: 'all' }, env: { CREATOR_MCP_UPLOAD_DIR: dir } });
    client = await h.client();
    sim = fanvueOf(h);
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has a row for every operation of the spec, with its method, path and scopes', () => {
    for (const op of spec.operations) {
      const row = operations.find((r) => r.x.operationId === op.operationId && !r.x.run);
      expect(row, op.operationId).toBeDefined();
      expect(`${row?.method} ${row?.path}`, op.operationId).toBe(`${op.method} ${op.template}`);
      expect([...(row?.auth ?? [])].sort(), op.operationId).toEqual([...op.scopes].sort());
    }
  });

  it('plans a call for every Fanvue tool the server lists', async () => {
    const listed = (await client.listTools()).tools.map((t) => t.name).filter((n) => n.startsWith('fanvue_'));
    expect(listed.sort()).toEqual(plan(sim).map(([n]) => n).sort());
    expect(listed).toHaveLength(operations.length);
  });

  it('sends only requests the spec allows, and answers what the spec documents', async () => {
    const problems: string[] = [];
    for (const [name, fixture] of plan(sim)) {
      const row = rows.get(name) as FanvueOperation;
      const before = sim.api.requests.length;
      const args = await fixture();
      const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ text: string }>; structuredContent?: Record<string, unknown> };
      if (result.isError) problems.push(`${name}: tool error ${result.content[0]?.text}`);
      const sent = sim.api.requests.slice(before).filter((r) => !r.path.startsWith('/__'));
      if (sent.length === 0) problems.push(`${name}: no request reached the simulator`);
      for (const r of sent) {
        const matched = spec.match(r.method, r.path);
        if (!matched || !allowed(row).has(matched.op.operationId)) {
          problems.push(`${name}: ${r.method} ${r.path} is not ${[...allowed(row)].join('/')}`);
          continue;
        }
        if (r.headers['x-fanvue-api-version'] !== '2025-06-26') problems.push(`${name}: no X-Fanvue-API-Version`);
        if (!/^Bearer \S+$/.test(String(r.headers.authorization))) problems.push(`${name}: no bearer token`);
        const invalid = spec.validateRequest(matched.op, { params: matched.params, query: r.query, body: r.text, contentType: String(r.headers['content-type'] ?? '') });
        for (const p of invalid) problems.push(`${name}: ${r.method} ${r.path}: ${p}`);
      }
      if (!result.isError && !row.x.run && !row.x.textAnswer && result.structuredContent && result.structuredContent.success !== true) {
        const op = spec.byId.get(row.x.operationId);
        const payload = 'result' in result.structuredContent ? result.structuredContent.result : result.structuredContent;
        const statuses = Object.keys(op?.responses ?? {});
        const verdicts = statuses.map((s) => op ? spec.validateResponse(op, Number(s), JSON.stringify(payload)) : ['no op']);
        if (!verdicts.some((v) => v.length === 0)) problems.push(`${name}: answer does not match the spec: ${verdicts.flat().slice(0, 3).join('; ')}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
