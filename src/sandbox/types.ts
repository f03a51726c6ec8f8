import type { PlatformId } from '../platforms/types.js';

/** One running platform simulator, as the sandbox and the tests see it. */
export interface SandboxPlatform {
  platform: PlatformId;
  baseUrl: string;
  /** Environment that points creator-mcp at this simulator (credentials included). */
  env: Record<string, string>;
  /** Registers a redirect URI with the simulated app, for a login that uses another than the default. */
  registerRedirectUri?(uri: string): void;
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
  /** Seeded data multiplied by this (1-100, default 1 or CREATOR_MCP_SANDBOX_SCALE): budgets are checked on a ten-times seed. */
  seedScale?: number;
  /** The Fresns API the Fresns simulator speaks: 2 or 3 (default 2, or CREATOR_MCP_SANDBOX_FRESNS_VERSION). */
  fresnsVersion?: 2 | 3;
}

/** Starts one platform's simulator; a platform joins the sandbox with one of these. */
export type SimulatorFactory = (opts: SandboxOptions) => Promise<SandboxPlatform>;
