import type { Ids } from './seed.js';
import type { SimState } from './types.js';

/**
 * The ten-times seed (and any other whole factor): copies of the seeded posts, comments,
 * notifications and messages with fresh ids, a little older each round, so lists and totals grow
 * while every copy still belongs to the same users and conversations.
 */
export function scaleState(state: SimState, ids: Ids, scale: number): void {
  if (scale <= 1) return;
  const posts = [...state.posts];
  const comments = [...state.comments];
  const notifications = [...state.notifications];
  const messages = [...state.messages];
  let nextNotification = Math.max(0, ...notifications.map((n) => n.id)) + 1;
  let nextMessage = Math.max(0, ...messages.map((m) => m.id)) + 1;
  for (let round = 1; round < scale; round++) {
    const shift = round * 60_000;
    const pids = new Map<string, string>();
    for (const p of posts) {
      const pid = ids.fsid();
      pids.set(p.pid, pid);
      state.posts.push({ ...structuredClone(p), pid, createdAt: p.createdAt - shift });
    }
    for (const c of comments) {
      state.comments.push({ ...structuredClone(c), cid: ids.fsid(), pid: pids.get(c.pid) ?? c.pid, parentCid: null, createdAt: c.createdAt - shift });
    }
    for (const n of notifications) state.notifications.push({ ...structuredClone(n), id: nextNotification++, createdAt: n.createdAt - shift });
    for (const m of messages) state.messages.push({ ...structuredClone(m), id: nextMessage++, createdAt: m.createdAt - shift });
  }
}
