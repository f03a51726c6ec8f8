import { afdianSandbox } from './afdian/sandbox.js';
import { fanbookSandbox } from './fanbook/sandbox.js';
import { fanvueSandbox } from './fanvue/sandbox.js';
import { fresnsSandbox } from './fresns/sandbox.js';
import type { SandboxOptions, SandboxPlatform, SimulatorFactory } from './types.js';

export type { SandboxOptions, SandboxPlatform, SimulatorFactory } from './types.js';

/** Every simulator; a platform joins the sandbox with one line here. */
const FACTORIES: readonly SimulatorFactory[] = [afdianSandbox, fanvueSandbox, fanbookSandbox, fresnsSandbox];

export interface Sandbox {
  platforms: readonly SandboxPlatform[];
  env: Record<string, string>;
  setWebhookBase(serverOrigin: string): void;
  stop(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const platforms = await Promise.all(FACTORIES.map((f) => f(opts)));
  return {
    platforms,
    env: Object.assign({}, ...platforms.map((p) => p.env)) as Record<string, string>,
    setWebhookBase(origin) {
      for (const p of platforms) p.setWebhookUrl?.(`${origin}/webhooks/${p.platform}`);
    },
    async stop() {
      await Promise.all(platforms.map((p) => p.stop()));
    },
  };
}
