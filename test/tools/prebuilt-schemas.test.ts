import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlatforms } from '../../src/platforms/index.js';
import { fullCatalog } from '../../src/tools/catalog.js';
import { toolDefinition } from '../../src/tools/engine.js';
import { schemaKey } from '../../src/tools/prebuilt-schemas.js';
import { readOnlyInput } from '../../src/tools/read-only.js';

const FILE = path.join(import.meta.dirname, '..', '..', 'dist', 'tools', 'input-schemas.json');

/**
 * The build converts every row's schema once (scripts/build-schemas.mjs) and servers started
 * from dist advertise that file's schemas: it must say exactly what run-time conversion says.
 * Tests import src, where the file does not exist, so this compares the two directly.
 */
describe('prebuilt input schemas (dist/tools/input-schemas.json)', () => {
  it.runIf(existsSync(FILE) || process.env.CI === 'true')('equal the run-time conversion of every row and read-only variant', async () => {
    const prebuilt = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
    const expected: Record<string, unknown> = {};
    for (const entry of fullCatalog(await loadPlatforms())) {
      const convert = (e: typeof entry) => toolDefinition(e).inputSchema['~standard'].jsonSchema.input({ target: 'draft-2020-12' });
      expected[schemaKey(entry.name, false)] = convert(entry);
      if (entry.op.mutates) expected[schemaKey(entry.name, true)] = convert({ ...entry, input: readOnlyInput(entry.op) });
    }
    expect(Object.keys(prebuilt).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, schema] of Object.entries(expected)) expect(prebuilt[key], key).toEqual(schema);
  });
});
