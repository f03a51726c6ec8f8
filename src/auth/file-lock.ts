/**
 * Mutual exclusion for the token store: an in-process queue (so one process's
 * writers never fight each other over the lock directory) plus a
 * proper-lockfile lock (so separate processes, e.g. several MCP clients each
 * spawning creator-mcp, never interleave a read-modify-write).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export type LockErrorKind = 'timeout' | 'lost' | 'reentrant' | 'io';

/** Kept free of store wording; token-store.ts turns these into TokenStoreError messages. */
export class LockError extends Error {
  constructor(
    readonly kind: LockErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LockError';
  }
}

/**
 * Runs tasks one after another per key. A task that (directly or through
 * anything it awaits) queues more work on its own key would wait for itself
 * forever, so that is rejected instead: the typical case is an update()
 * callback that calls put().
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly held = new AsyncLocalStorage<ReadonlySet<string>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const heldKeys = this.held.getStore();
    if (heldKeys?.has(key)) {
      return Promise.reject(new LockError('reentrant', `re-entrant write on ${key}`));
    }
    const nowHeld = new Set(heldKeys ?? []).add(key);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => this.held.run(nowHeld, task));
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Drop finished chains so a long-lived process does not keep one entry per key ever used.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

export interface FileLockOptions {
  /** Path the lock protects (need not exist yet). */
  target: string;
  /** The lock directory proper-lockfile creates with mkdir (atomic on every filesystem we care about). */
  lockPath: string;
  /** A holder that stops refreshing the lock (SIGKILL, frozen machine) for this long loses it. */
  staleMs: number;
  /** How often a live holder refreshes the lock's mtime; must be well under staleMs. */
  updateMs: number;
  /** Give up waiting after this long; longer than staleMs so a dead holder is always outwaited. */
  timeoutMs: number;
}

/**
 * Holds the cross-process lock while `task` runs. `assertHeld` throws if the
 * lock was taken away meanwhile (our refresh failed for longer than staleMs),
 * and is meant to be called right before the irreversible step (the rename).
 */
export async function withFileLock<T>(opts: FileLockOptions, task: (assertHeld: () => void) => Promise<T>): Promise<T> {
  let lost = false;
  const release = await acquire(opts, () => {
    lost = true;
  });
  const assertHeld = (): void => {
    if (lost) throw new LockError('lost', `lost the lock ${opts.lockPath} while holding it`);
  };
  try {
    return await task(assertHeld);
  } finally {
    // After a compromise the lock is no longer ours; releasing reports ERELEASED, which is expected.
    await release().catch(() => undefined);
  }
}

async function acquire(opts: FileLockOptions, onLost: () => void): Promise<() => Promise<void>> {
  // Loaded on the first lock, not at import: serving starts (and lists tools) without it.
  const { default: lockfile } = await import('proper-lockfile');
  const deadline = Date.now() + opts.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await lockfile.lock(opts.target, {
        // realpath would require the target to exist; the store file does not before the first write.
        realpath: false,
        lockfilePath: opts.lockPath,
        stale: opts.staleMs,
        update: opts.updateMs,
        // We retry ourselves to have a deadline in milliseconds rather than a retry count.
        retries: 0,
        // The default throws from a timer and would crash the whole server.
        onCompromised: onLost,
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED') {
        // Typically the state directory vanished or is not writable; the caller needs the errno, not a stack from proper-lockfile.
        throw new LockError('io', `cannot create ${opts.lockPath}: ${code ?? (err as Error).message}`);
      }
      if (Date.now() >= deadline) {
        throw new LockError('timeout', `timed out after ${opts.timeoutMs} ms waiting for ${opts.lockPath}`);
      }
      await sleep(backoffMs(attempt));
    }
  }
}

/** Short first waits (a write takes milliseconds), capped so a freed lock is noticed quickly; jitter avoids lockstep retries. */
function backoffMs(attempt: number): number {
  const base = Math.min(5 * 1.5 ** attempt, 100);
  return base * (0.5 + Math.random());
}
