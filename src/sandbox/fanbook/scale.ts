import type { IdFactory } from './ids.js';
import type { FanbookState } from './types.js';

/**
 * The ten-times seed (and any other whole factor): each guild gets (scale - 1) times its human
 * members again as new users with the same roles, and the message history is repeated, so member
 * totals, role counts and lists grow the way a bigger community's would.
 */
export function scaleState(state: FanbookState, ids: IdFactory, scale: number): void {
  if (scale <= 1) return;
  for (const guild of state.guilds.values()) {
    const humans = [...guild.members.values()].filter((m) => state.users.get(m.user_id)?.bot !== true);
    for (let round = 1; round < scale; round++) {
      for (const m of humans) {
        const base = state.users.get(m.user_id);
        if (!base) continue;
        const user = { ...base, user_id: ids.next(), username: `${base.username}${round}`, nickname: `${base.nickname}${round}` };
        state.users.set(user.user_id, user);
        guild.members.set(user.user_id, { user_id: user.user_id, roles: [...m.roles] });
      }
    }
  }
}
