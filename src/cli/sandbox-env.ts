import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.js';
import type { Env } from '../platforms/types.js';

/** Platform credentials and addresses from the user's shell must never leak into a sandbox run. */
const PLATFORM_ENV = /^(FANVUE|FANBOOK|FRESNS|AFDIAN)_/;
/** Platform settings that are neither credentials nor addresses: the sandbox honours them. */
const KEPT_SETTINGS = new Set(['FANVUE_SCOPES', 'FRESNS_API_VERSION', 'FANBOOK_GATEWAY']);

/**
 * The environment of a sandbox command: the user's shell minus every platform credential (so
 * nothing can reach a real platform), plus the simulators' settings and a state dir of its own.
 */
export function sandboxEnv(env: Env, simulators: Record<string, string>, stateDir: string): Env {
  const kept = Object.fromEntries(Object.entries(env).filter(([k]) => !PLATFORM_ENV.test(k) || KEPT_SETTINGS.has(k)));
  return { ...kept, ...simulators, CREATOR_MCP_STATE_DIR: stateDir };
}

/**
 * Where `login/status/logout --sandbox` keep sandbox logins: apart from real ones, and kept
 * between commands so that `status --sandbox` sees what `login --sandbox` stored.
 */
export function sandboxLoginDir(env: Env): string {
  return env.CREATOR_MCP_STATE_DIR || path.join(loadConfig(env).stateDir, 'sandbox');
}

/**
 * The `sandbox` server starts from nothing each run (a fresh simulator must not meet webhook
 * orders of an earlier one), unless the user asks for a state dir explicitly.
 */
export async function sandboxServerDir(env: Env): Promise<{ dir: string; dispose(): Promise<void> }> {
  if (env.CREATOR_MCP_STATE_DIR) return { dir: env.CREATOR_MCP_STATE_DIR, dispose: async () => undefined };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'creator-mcp-sandbox-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
