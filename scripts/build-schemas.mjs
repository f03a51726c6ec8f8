#!/usr/bin/env node
// Part of `npm run build`, after tsc: makes dist/cli.js executable, and converts every operation row's zod input (and the
// read-only variant of rows that have one) to the JSON Schema tools/list sends, once, into
// dist/tools/input-schemas.json, so a server does not spend its cold start converting 300 schemas.
// The old file is removed first: the conversion below must not read its own previous output.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST_TOOLS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'tools');
const { PREBUILT_FILE, schemaKey } = await import(path.join(DIST_TOOLS, 'prebuilt-schemas.js'));
const file = path.join(DIST_TOOLS, PREBUILT_FILE);
rmSync(file, { force: true });

const { loadPlatforms } = await import(path.join(DIST_TOOLS, '..', 'platforms', 'index.js'));
const { fullCatalog } = await import(path.join(DIST_TOOLS, 'catalog.js'));
const { readOnlyInput } = await import(path.join(DIST_TOOLS, 'read-only.js'));
const { toolDefinition } = await import(path.join(DIST_TOOLS, 'engine.js'));
const { inputJsonSchema } = await import(path.join(DIST_TOOLS, 'table.js'));

const out = {};
for (const entry of fullCatalog(await loadPlatforms())) {
  out[schemaKey(entry.name, false)] = plain(entry);
  if (entry.op.mutates) out[schemaKey(entry.name, true)] = plain({ ...entry, input: readOnlyInput(entry.op) });
}
writeFileSync(file, JSON.stringify(out));
console.log(`build-schemas: ${Object.keys(out).length} input schemas -> ${path.relative(process.cwd(), file)}`);

/** The memoized value itself (what withCachedJsonSchema seeds), not the object-rooted copy tools/list adds `type` to. */
function plain(entry) {
  const json = toolDefinition(entry).inputSchema['~standard'].jsonSchema.input({ target: 'draft-2020-12' });
  inputJsonSchema(toolDefinition(entry).inputSchema); // throws for a non-object root, as tools/list would
  return json;
}

// tsc writes dist/cli.js without the execute bit, and npm sets it only when it installs a package:
// `npx creator-mcp` from a fresh clone (the README's command) would find it not executable.
chmodSync(path.join(DIST_TOOLS, '..', 'cli.js'), 0o755);
