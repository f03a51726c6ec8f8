/**
 * Puts a simulator's state back to an earlier snapshot, in place, so every fault-matrix cell of
 * a write starts from the same world. In place matters: simulators and test fixtures hold
 * references into the state (a creator, a guild), and those must see the restored values.
 * Containers are matched by key (maps, objects) or index (arrays) and updated; anything that
 * no longer matches is replaced by a copy from the snapshot.
 */
export type Snapshot = { readonly value: Record<string, unknown> };

export function snapshot(state: object): Snapshot {
  return { value: structuredClone(state) as Record<string, unknown> };
}

/** Restores every top-level key of `state` except `keep` (e.g. live session tokens). */
export function restore(state: object, snap: Snapshot, keep: readonly string[] = []): void {
  const live = state as Record<string, unknown>;
  const ctx: SyncContext = { copies: new Map(), claimed: new Set() };
  for (const key of Object.keys(live)) if (!(key in snap.value) && !keep.includes(key)) delete live[key];
  for (const [key, value] of Object.entries(snap.value)) {
    if (keep.includes(key)) continue;
    live[key] = sync(live[key], value, ctx);
  }
}

interface SyncContext {
  /** Snapshot container → the live one now holding its contents (shared references stay shared). */
  copies: Map<unknown, unknown>;
  claimed: Set<unknown>;
}

const kind = (v: unknown): 'map' | 'array' | 'object' | 'leaf' => {
  if (v instanceof Map) return 'map';
  if (Array.isArray(v)) return 'array';
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return 'object';
  return 'leaf';
};

function sync(live: unknown, snap: unknown, ctx: SyncContext): unknown {
  const k = kind(snap);
  if (k === 'leaf') return snap !== null && typeof snap === 'object' ? structuredClone(snap) : snap;
  if (ctx.copies.has(snap)) return ctx.copies.get(snap);
  const target = kind(live) === k && !ctx.claimed.has(live) ? live : k === 'map' ? new Map() : k === 'array' ? [] : {};
  ctx.copies.set(snap, target);
  ctx.claimed.add(target);
  if (k === 'map') {
    const l = target as Map<unknown, unknown>;
    const s = snap as Map<unknown, unknown>;
    for (const key of [...l.keys()]) if (!s.has(key)) l.delete(key);
    for (const [key, value] of s) l.set(key, sync(l.get(key), value, ctx));
  } else if (k === 'array') {
    const l = target as unknown[];
    const next = (snap as unknown[]).map((value, i) => sync(l[i], value, ctx));
    l.length = 0;
    l.push(...next);
  } else {
    const l = target as Record<string, unknown>;
    const s = snap as Record<string, unknown>;
    for (const key of Object.keys(l)) if (!(key in s)) delete l[key];
    for (const [key, value] of Object.entries(s)) l[key] = sync(l[key], value, ctx);
  }
  return target;
}
