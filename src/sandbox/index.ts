import type { PlatformId } from '../platforms/types.js';
import { createAfdianSimulator } from './afdian/index.js';

/** One running platform simulator, as the sandbox and the tests see it. */
export interface SandboxPlatform {
  platform: PlatformId;
  baseUrl: string;
  /** Environment that points creator-mcp at this simulator (credentials included). */
  env: Record<string, string>;
  /** Where simulated platform pushes go, once the server's HTTP address is known. */
  setWebhookUrl?(url: string): void;
  /** Lines for the start banner: how to poke this simulator. */
  tips(): string[];
  stop(): Promise<void>;
  /** The simulator itself, for tests that inspect or drive its state. */
  simulator: unknown;
}

export interface SandboxOptions {
  /** Artificial upstream latency (benchmarks use 50 ms). */
  latencyMs?: number;
}

type SimulatorFactory = (opts: SandboxOptions) => Promise<SandboxPlatform>;

const afdianSandbox: SimulatorFactory = async (opts) => {
  const sim = createAfdianSimulator({ latencyMs: opts.latencyMs });
  await sim.start();
  const c = sim.credentials;
  return {
    platform: 'afdian',
    baseUrl: sim.baseUrl,
    env: {
      AFDIAN_API_BASE_URL: sim.baseUrl,
      AFDIAN_USER_ID: c.userId,
      AFDIAN_TOKEN: c.token,
      AFDIAN_CLIENT_ID: c.clientId,
      AFDIAN_CLIENT_SECRET: c.clientSecret,
      AFDIAN_WEBHOOK_PUBLIC_KEY: c.webhookPublicKeyPem,
    },
    setWebhookUrl: (url) => {
      sim.webhookUrl = url;
    },
    tips: () => [
      `Afdian simulator: ${sim.baseUrl}`,
      `  new paid order (pushed to the webhook in HTTP mode): curl -X POST ${sim.baseUrl}/__sandbox/orders`,
    ],
    stop: () => sim.stop(),
    simulator: sim,
  };
};

/** Every simulator; a platform joins the sandbox with one line here. */
const FACTORIES: readonly SimulatorFactory[] = [afdianSandbox];

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
