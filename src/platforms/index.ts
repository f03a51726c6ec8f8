import type { Env, Platform, PlatformId } from './types.js';

/**
 * Every platform creator-mcp knows, loaded on demand: a platform module builds its zod schemas
 * and pulls in its dependencies when imported, so a server with one platform configured does
 * not pay for the others at start (a client waits for that start). Adding a platform is one
 * line here.
 */
const LOADERS: Record<string, () => Promise<Platform>> = {
  afdian: async () => (await import('./afdian/index.js')).afdian as Platform,
  fanvue: async () => (await import('./fanvue/index.js')).fanvue as Platform,
  fanbook: async () => (await import('./fanbook/index.js')).fanbook as Platform,
  fresns: async () => (await import('./fresns/index.js')).fresns as Platform,
};

export const PLATFORM_IDS = Object.keys(LOADERS) as PlatformId[];

/** A platform can only be configured through its own `<ID>_*` variables: the cheap test before loading it. */
export function mayBeConfigured(id: PlatformId, env: Env): boolean {
  const prefix = `${id.toUpperCase()}_`;
  return Object.keys(env).some((k) => k.startsWith(prefix) && Boolean(env[k]));
}

/** The platforms with these ids (all by default), in the catalog's order. */
export async function loadPlatforms(ids: readonly PlatformId[] = PLATFORM_IDS): Promise<Platform[]> {
  return Promise.all(PLATFORM_IDS.filter((id) => ids.includes(id)).map((id) => (LOADERS[id] as () => Promise<Platform>)()));
}
