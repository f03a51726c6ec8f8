#!/usr/bin/env node
// Prints the figures the reliability tests measured (test/reliability/*.test.ts leave one JSON
// file each in .reliability/; test/instances/ adds the multi-instance ones) as a table, and exits 1 when one misses its goal or a figure the
// issue asks for was not recorded. `npm run reliability` builds, runs those tests, then this.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.join(import.meta.dirname, '..', '.reliability');

/** Figures that must be there: a skipped or deleted test must not pass as "nothing went wrong". */
const REQUIRED = [
  ['duplicate writes', /^duplicate writes$/],
  ['refreshes per rotation', /^refreshes per rotation$/],
  ['unreadable stores after SIGKILL', /^unreadable stores/],
  ['fuzz cases and failures', /^fuzz/],
  ['cross-client leaks', /^cross-client leaks$/],
  ['webhook losses', /^webhook losses$/],
  ['conformance scenarios passed', /^conformance scenarios passed$/],
  ['untrusted fields cleaned', /^untrusted fields cleaned$/],
  ['untrusted fields left dirty or unmarked', /^untrusted fields left dirty or unmarked$/],
  ['response fuzz cases', /^response fuzz cases$/],
  ['response fuzz crashes', /^response fuzz crashes$/],
  ['response fuzz unhandled rejections', /^response fuzz unhandled rejections$/],
  ['response fuzz invalid results', /^response fuzz invalid results$/],
  ['response fuzz altered content', /^response fuzz altered content$/],
  ['secrets found', /^secrets found$/],
  ['leaks across accounts', /^leaks across accounts$/],
  ['refreshes per rotation across instances', /^refreshes per rotation across instances$/],
  ['losses after a Redis restart', /^losses after a Redis restart$/],
];

function load() {
  let names;
  try {
    names = readdirSync(DIR).filter((n) => n.endsWith('.json'));
  } catch {
    names = [];
  }
  return names.map((n) => JSON.parse(readFileSync(path.join(DIR, n), 'utf8'))).sort((a, b) => a.name.localeCompare(b.name));
}

/** undefined: informational (no goal). */
function meets(f) {
  if (typeof f.goal !== 'number') return undefined;
  if (f.bound === 'at most') return f.value <= f.goal;
  if (f.bound === 'at least') return f.value >= f.goal;
  return f.value === f.goal;
}

function goalText(f) {
  if (typeof f.goal !== 'number') return '-';
  if (f.bound === 'at most') return `≤ ${f.goal}`;
  if (f.bound === 'at least') return `≥ ${f.goal}`;
  return String(f.goal);
}

const figures = load();
const rows = figures.map((f) => {
  const ok = meets(f);
  return { figure: f.name, value: String(f.value), goal: goalText(f), ok: ok === undefined ? '-' : ok ? 'ok' : 'NOT ok', detail: f.detail ?? '' };
});
for (const [name, pattern] of REQUIRED) {
  if (!figures.some((f) => pattern.test(f.name))) rows.push({ figure: name, value: '?', goal: '', ok: 'NOT ok', detail: 'not recorded: did its test run?' });
}

const columns = ['figure', 'value', 'goal', 'ok', 'detail'];
const width = Object.fromEntries(columns.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))]));
const line = (r) => columns.map((c) => (c === 'detail' ? r[c] : r[c].padEnd(width[c]))).join('  ').trimEnd();
console.log(line(Object.fromEntries(columns.map((c) => [c, c]))));
console.log(line(Object.fromEntries(columns.map((c) => [c, '-'.repeat(c === 'detail' ? 6 : width[c])]))));
for (const r of rows) console.log(line(r));

const times = figures.map((f) => f.at).filter(Boolean).sort();
if (times.length) console.log(`\nRecorded ${times[0]} … ${times.at(-1)} in ${path.relative(process.cwd(), DIR) || DIR}`);
const missed = rows.filter((r) => r.ok === 'NOT ok');
if (missed.length) {
  console.log(`\n${missed.length} figure(s) NOT ok: ${missed.map((r) => r.figure).join(', ')}`);
  process.exitCode = 1;
} else {
  console.log(`\nAll ${rows.filter((r) => r.ok === 'ok').length} figures with a goal meet it.`);
}
