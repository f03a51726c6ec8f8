import type { ListenerTuning, PlatformListener } from './platforms/types.js';
import type { Runtime } from './runtime.js';
import { inboxKey } from './accounts/inbox.js';

/**
 * The event connections of every enabled platform that keeps one (a bot gateway), writing into
 * the same inbox as webhooks. `serve` starts them once per process, whatever the transport.
 */
export function startListeners(rt: Pick<Runtime, 'enabled' | 'inbox'>, tuning?: ListenerTuning): { running: number; stop(): Promise<void> } {
  const running: PlatformListener[] = [];
  for (const { platform, accounts } of rt.enabled.values()) {
    // One connection per account (each bot has its own gateway), each into its account's inbox.
    for (const { cfg, client, deps, name } of accounts.values()) {
      const listener = platform.listen?.(cfg, client, { deps, tuning, record: (event) => rt.inbox.record(inboxKey(platform.id, name), event) });
      if (listener) running.push(listener);
    }
  }
  return {
    running: running.length,
    async stop() {
      await Promise.all(running.map((l) => l.stop().catch(() => undefined)));
    },
  };
}
