// Preloaded with `node --import` by bench/diag/variants.mjs (GC=1): counts GC pauses by kind
// (1 scavenge, 4 mark-sweep-compact, 8 incremental marking) and prints them on exit.
import { PerformanceObserver } from 'node:perf_hooks';

const stats = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const s = (stats[e.detail?.kind ?? e.kind] ??= { n: 0, ms: 0 });
    s.n++;
    s.ms = Math.round((s.ms + e.duration) * 10) / 10;
  }
}).observe({ entryTypes: ['gc'] });
process.on('exit', () => {
  process.stderr.write(`GCSTATS ${JSON.stringify(stats)} heapUsedMiB=${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)}\n`);
});
