import { ConfigError } from '../http/errors.js';
import { afdianSandbox } from './afdian/sandbox.js';
import { fanbookSandbox } from './fanbook/sandbox.js';
import { fanvueSandbox } from './fanvue/sandbox.js';
import { fresnsSandbox, fresnsVersionFromEnv } from './fresns/sandbox.js';
import type { PlatformId } from '../platforms/types.js';
import type { SandboxOptions, SandboxPlatform, SimulatorFactory } from './types.js';

export type { SandboxOptions, SandboxPlatform, SimulatorFactory } from './types.js';

/** Every simulator; a platform joins the sandbox with one line here. */
const FACTORIES: Readonly<Record<PlatformId, SimulatorFactory>> = { afdian: afdianSandbox, fanvue: fanvueSandbox, fanbook: fanbookSandbox, fresns: fresnsSandbox };

export interface Sandbox {
  platforms: readonly SandboxPlatform[];
  env: Record<string, string>;
  setWebhookBase(serverOrigin: string): void;
  stop(): Promise<void>;
}

/** `only` starts just those simulators (a test that needs one platform does not pay for four). */
export async function startSandbox(opts: SandboxOptions & { only?: readonly PlatformId[] } = {}): Promise<Sandbox> {
  const seedScale = opts.seedScale ?? scaleFromEnv(process.env.CREATOR_MCP_SANDBOX_SCALE);
  // Checked before any simulator starts, so a bad value cannot leave the others listening.
  const fresnsVersion = opts.fresnsVersion ?? fresnsVersionFromEnv(process.env.CREATOR_MCP_SANDBOX_FRESNS_VERSION);
  const factories = Object.entries(FACTORIES).filter(([id]) => !opts.only || opts.only.includes(id as PlatformId));
  const platforms = await Promise.all(factories.map(([, f]) => f({ latencyMs: opts.latencyMs, seedScale, fresnsVersion })));
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

/** A whole number 1-100; anything else is refused so a typo never silently runs the small seed. */
export function scaleFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new ConfigError(`CREATOR_MCP_SANDBOX_SCALE must be a whole number from 1 to 100, not "${raw}"`);
  return n;
}
