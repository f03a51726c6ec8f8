import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { loadPlatforms } from '../../src/platforms/index.js';
import { annotationsFor } from '../../src/tools/annotations.js';
import { fullCatalog, TOOL_NAME } from '../../src/tools/catalog.js';

const catalog = fullCatalog(await loadPlatforms());

/** Rules every operation row of every platform must keep; a new row is checked for free. */
describe('registry invariants', () => {
  it('has operations', () => {
    expect(catalog.length).toBeGreaterThan(0);
  });

  it('gives every tool a unique, client-safe name of at most 64 characters', () => {
    const names = catalog.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n, n).toMatch(TOOL_NAME);
    // Clients prefix names (mcp__creator-mcp__...); staying short leaves them room.
    for (const n of names) expect(n.length, n).toBeLessThanOrEqual(48);
  });

  for (const { name, platform, op } of catalog) {
    describe(name, () => {
      it('has a title, an agent-facing description and a known toolset', () => {
        expect(op.title.length).toBeGreaterThan(3);
        expect(op.title.length).toBeLessThanOrEqual(60);
        expect(op.description.length).toBeGreaterThanOrEqual(60);
        expect(op.description.length).toBeLessThanOrEqual(1200);
        expect(platform.toolsets.map((t) => t.id)).toContain(op.toolset);
        expect(op.toolset.startsWith(`${platform.id}_`)).toBe(true);
      });

      it('derives all four annotation hints from its kind', () => {
        const a = annotationsFor(op);
        for (const k of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
          expect(typeof a[k], k).toBe('boolean');
        }
        expect(a.readOnlyHint).toBe(op.kind === 'read' && !op.mutates);
        if (op.mutates) expect(annotationsFor(op, true).readOnlyHint).toBe(true);
        expect(a.destructiveHint).toBe(op.kind === 'destructive');
      });

      it('has an object input schema without top-level unions, every property described', () => {
        const schema = z.toJSONSchema(op.input, { io: 'input' }) as Record<string, unknown>;
        expect(schema.type).toBe('object');
        for (const k of ['anyOf', 'oneOf', 'allOf', 'not']) expect(schema[k], k).toBeUndefined();
        const props = (schema.properties ?? {}) as Record<string, { description?: string; default?: unknown }>;
        expect(Object.keys(props).length).toBe(Object.keys(op.input.shape).length);
        // A page number or size says what it is by its name; its `default` and bounds are the rest.
        for (const [key, prop] of Object.entries(props)) expect(Boolean(prop.description) || prop.default !== undefined, `${key} needs a description`).toBe(true);
      });

      it('fills every path placeholder from a required input', () => {
        const required = new Set(
          Object.entries(op.input.shape)
            .filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success)
            .map(([k]) => k),
        );
        for (const [, param] of op.path.matchAll(/\{(\w+)\}/g)) expect(required.has(param as string), `${param}`).toBe(true);
      });
    });
  }
});
