import { describe, expect, it } from 'vitest';
import { loadConfirmPolicy, needsConfirmation } from '../../src/consent/policy.js';
import { riskFor } from '../../src/consent/risk.js';
import { loadPlatforms } from '../../src/platforms/index.js';

const platforms = await loadPlatforms();
const tools = platforms.flatMap((p) => p.operations.map((op) => ({ tool: `${p.id}_${op.name}`, op })));
const known = new Set(tools.map((t) => t.tool));

describe('risk classes', () => {
  it('every destructive tool is at risk and every read is not', () => {
    for (const { tool, op } of tools) {
      const risks = riskFor(op);
      if (op.kind === 'destructive') expect(risks.has('destructive'), tool).toBe(true);
      if (op.kind === 'read') expect(risks.size, tool).toBe(0);
    }
  });

  it('mass messages reach an audience', () => {
    const mass = tools.filter((t) => /mass/.test(t.op.name) && t.op.kind !== 'read');
    expect(mass.length).toBeGreaterThan(0);
    for (const { tool, op } of mass) expect(riskFor(op).has('audience'), tool).toBe(true);
  });

  it('under the default policy every risky write needs the user, and off/exempt/read-only need nothing', () => {
    const policy = loadConfirmPolicy({}, known);
    for (const { tool, op } of tools) {
      expect(needsConfirmation(policy, tool, op), tool).toBe(riskFor(op).size > 0);
    }
    const off = loadConfirmPolicy({ CREATOR_MCP_CONFIRM: 'off' }, known);
    expect(tools.some((t) => needsConfirmation(off, t.tool, t.op))).toBe(false);
    const writes = loadConfirmPolicy({ CREATOR_MCP_CONFIRM: 'writes' }, known);
    for (const { tool, op } of tools) expect(needsConfirmation(writes, tool, op), tool).toBe(op.kind !== 'read');
    const risky = tools.find((t) => riskFor(t.op).size > 0)!;
    const exempt = loadConfirmPolicy({ CREATOR_MCP_CONFIRM_EXEMPT: risky.tool }, known);
    expect(needsConfirmation(exempt, risky.tool, risky.op)).toBe(false);
  });

  it('bad values are a ConfigError', () => {
    expect(() => loadConfirmPolicy({ CREATOR_MCP_CONFIRM: 'sometimes' }, known)).toThrow(/CREATOR_MCP_CONFIRM must be one of/);
    expect(() => loadConfirmPolicy({ CREATOR_MCP_CONFIRM_EXEMPT: 'fanvue_no_such_tool' }, known)).toThrow(/unknown tool/);
  });
});
