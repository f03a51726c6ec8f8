#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time and by
// inclusive time, optionally filtered by a regexp on "name url".
//   node bench/diag/prof-summary.mjs <file.cpuprofile> [filter-regexp] [top=25]
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const [file, filter, topArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/diag/prof-summary.mjs <file.cpuprofile> [filter-regexp] [top]\n');
  process.exit(2);
}
const prof = JSON.parse(await readFile(file, 'utf8'));
const top = Number(topArg ?? 25);
const re = filter ? new RegExp(filter) : undefined;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (n) => {
  const f = n.callFrame;
  const url = f.url ? `${path.basename(f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${url}`.trim();
};
const self = new Map();
const incl = new Map();
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const dt = (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0) / 1000; // ms
  total += dt;
  let n = byId.get(prof.samples[i]);
  self.set(key(n), (self.get(key(n)) ?? 0) + dt);
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const k = key(byId.get(id));
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + dt);
  }
}
const show = (title, m) => {
  const rows = [...m].filter(([k]) => !re || re.test(k)).sort((a, b) => b[1] - a[1]).slice(0, top);
  process.stdout.write(`\n${title} (of ${total.toFixed(0)} ms sampled)\n`);
  for (const [k, v] of rows) process.stdout.write(`${v.toFixed(1).padStart(9)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}\n`);
};
show('self time', self);
show('inclusive time', incl);
