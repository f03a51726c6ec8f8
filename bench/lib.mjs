// Helpers for bench/run.mjs: child processes, statistics, formatting.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    min: s[0],
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

export const round = (v, digits = 3) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/**
 * Spawns an HTTP server child and resolves once its stderr announces the URL
 * (`matcher` captures it). stderr keeps being collected for error reports. `command`
 * ([file, args]) replaces `node <args>`, e.g. to run the server through sh with another ulimit.
 */
export function spawnHttpServer({ name, args, env, cwd, matcher, timeoutMs = 20_000, command = [process.execPath, args] }) {
  const child = spawn(command[0], command[1], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
  });
  return new Promise((resolve, reject) => {
    const onExit = (code, signal) => fail(new Error(`${name}: exited early (code ${code}, signal ${signal})`));
    const timer = setTimeout(() => fail(new Error(`${name}: no listening line within ${timeoutMs} ms`)), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', fail);
      child.stderr.off('data', onData);
    };
    function fail(err) {
      done();
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n--- ${name} stderr ---\n${stderr}`));
    }
    function onData() {
      const m = matcher.exec(stderr);
      if (!m) return;
      done();
      resolve({ name, child, url: m[1], stderr: () => stderr });
    }
    child.once('error', fail);
    child.once('exit', onExit);
    child.stderr.on('data', onData);
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the child is gone. */
export function stopChild(child, graceMs = 3_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** VmRSS of a process in MiB (Linux /proc), or null where /proc is unavailable. */
export async function rssMiB(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Plain-text table: first row is the header; columns padded to their widest cell. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/**
 * CPU time a process has used so far, in ms, summed over its threads (GC and libuv threads
 * included): /proc/<pid>/task/<tid>/schedstat has nanoseconds; /proc/<pid>/stat (10 ms ticks)
 * is the fallback. Unlike wall time, it barely moves with what else the machine is doing.
 */
export async function cpuMs(pid) {
  try {
    let ns = 0;
    for (const tid of await readdir(`/proc/${pid}/task`)) {
      const text = await readFile(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').catch(() => '0');
      ns += Number(text.split(' ')[0]) || 0;
    }
    if (ns > 0) return ns / 1e6;
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
