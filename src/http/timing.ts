/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A sleep that ends early, by rejecting, when the MCP request is cancelled. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One signal that aborts when any of `signals` does or after `timeoutMs`. Cheaper than
 * AbortSignal.any + AbortSignal.timeout on the hot path, and `dispose` frees the timer and the
 * listeners as soon as the request is done instead of leaving them for the GC.
 */
export function linkSignals(signals: ReadonlyArray<AbortSignal | undefined>, timeoutMs?: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = (reason: unknown) => controller.abort(reason);
  const listeners: Array<[AbortSignal, () => void]> = [];
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    const onAbort = () => abort(s.reason);
    s.addEventListener('abort', onAbort, { once: true });
    listeners.push([s, onAbort]);
  }
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  return {
    signal: controller.signal,
    dispose() {
      if (timer) clearTimeout(timer);
      for (const [s, l] of listeners) s.removeEventListener('abort', l);
    },
  };
}
