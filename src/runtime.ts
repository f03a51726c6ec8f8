import type { TokenStore } from './auth/token-store.js';
import { loadConfig, storePassword, type ServerConfig, type ServerFlags } from './config.js';
import type { Consent } from './consent/gate.js';
import { loadConsent, markConfirmed, type ConsentOptions } from './consent/setup.js';
import { HttpClient } from './http/client.js';
import { SecretSet } from './http/redact.js';
import type { ReviewLedger } from './ledger/review-ledger.js';
import { loadLimits, type Limits } from './limits.js';
import { createLogger, type Logger } from './log.js';
import { loadPlatforms, mayBeConfigured, PLATFORM_IDS } from './platforms/index.js';
import type { Env, Platform, PlatformClient, PlatformDeps, PlatformId } from './platforms/types.js';
import type { AuditTrail } from './safety/audit-log.js';
import { safetyHooks } from './safety/hooks.js';
import { loadSafetySettings, type SafetySettings } from './safety/settings.js';
import { selectTools, type CatalogEntry } from './tools/catalog.js';
import type { StageHooks } from './tools/invoke.js';
import { configuredAccounts, storedAccounts } from './accounts/configured.js';
import { valuesOfEveryAccount } from './accounts/env.js';
import { withAccountArgument } from './accounts/tools.js';
import { openState } from './state/open.js';
import type { StateBackend } from './state/types.js';
import type { EventInbox } from './webhooks/inbox.js';

/** One account of a platform: its own settings, HTTP client (rate-limit buckets), client and token-store key. */
export interface AccountRuntime {
  name: string;
  source: 'env' | 'store';
  cfg: unknown;
  client: PlatformClient;
  deps: PlatformDeps;
}

/**
 * A platform with at least one account. `cfg`, `client` and `deps` are its first account's
 * (`default` when the plain variables configure one): what code that serves one account uses.
 */
export interface EnabledPlatform {
  platform: Platform;
  cfg: unknown;
  client: PlatformClient;
  deps: PlatformDeps;
  /** Every account, by name, in name order with `default` first. */
  accounts: ReadonlyMap<string, AccountRuntime>;
}

/**
 * Everything that lives as long as the process: configuration, secrets, the token store and
 * one client per enabled platform (clients hold rate-limit and refresh state, so they are shared
 * by every per-request MCP server instance).
 */
export interface Runtime {
  config: ServerConfig;
  limits: Limits;
  env: Env;
  secrets: SecretSet;
  log: Logger;
  /** Where shared state lives (CREATOR_MCP_STORE); close() it when the process stops. */
  state: StateBackend;
  store: TokenStore;
  inbox: EventInbox;
  /** What the creator's agent marked handled; contexts leave it out. */
  ledger: ReviewLedger;
  platforms: readonly Platform[];
  enabled: ReadonlyMap<PlatformId, EnabledPlatform>;
  tools: readonly CatalogEntry[];
  /** Which writes the user approves, and how a question is sealed (see src/consent). */
  consent: Consent;
  /** Lockdown and audit retention (CREATOR_MCP_LOCKDOWN, CREATOR_MCP_AUDIT_*). */
  safety: SafetySettings;
  audit: AuditTrail;
  /** Pipeline stages every tool, template and context read runs through (see invoke.ts). */
  hooks: StageHooks;
}

export interface RuntimeOptions {
  flags?: ServerFlags;
  store?: TokenStore;
  platforms?: readonly Platform[];
  fetch?: typeof fetch;
  logWrite?: (line: string) => void;
  httpTimeoutMs?: number;
  ledger?: ReviewLedger;
  consent?: ConsentOptions;
}

export async function createRuntime(env: Env, options: RuntimeOptions = {}): Promise<Runtime> {
  const config = loadConfig(env, options.flags);
  const limits = loadLimits(env);
  const safety = loadSafetySettings(env);
  const secrets = new SecretSet();
  secrets.add(config.httpToken, config.secretKey, storePassword(env.CREATOR_MCP_STORE));
  for (const name of ['CREATOR_MCP_STATE_KEY', 'FANVUE_CLIENT_SECRET', 'FANBOOK_CLIENT_SECRET', 'AFDIAN_CLIENT_SECRET', 'FRESNS_APP_SECRET', 'FRESNS_PASSWORD']) {
    secrets.add(...valuesOfEveryAccount(env, name));
  }
  const log = createLogger({ level: config.logLevel, secrets, write: options.logWrite });
  const state = await openState({
    store: config.store,
    stateDir: config.stateDir,
    secretKey: config.secretKey,
    log,
    inbox: { maxEvents: limits.inboxMaxEvents, maxAgeMs: limits.inboxMaxAgeMs },
    audit: { maxBytes: safety.auditMaxBytes, maxAgeMs: safety.auditMaxAgeMs, maxFiles: safety.auditMaxFiles },
    now: options.consent?.now,
  });
  const store = options.store ?? state.tokens;
  const inbox = state.inbox;
  const ledger = options.ledger ?? state.ledger;
  // Named filters are checked against every tool, so they need every platform; otherwise only
  // the platforms whose variables are set are loaded.
  const f = config.filters;
  const namesTools = Boolean(f.tools?.length || f.excludeTools?.length || f.toolsets?.length || env.CREATOR_MCP_CONFIRM_EXEMPT?.trim());
  const platforms = options.platforms ?? (await loadPlatforms(namesTools ? PLATFORM_IDS : PLATFORM_IDS.filter((id) => mayBeConfigured(id, env))));

  const enabled = new Map<PlatformId, EnabledPlatform>();
  const stored = platforms.length ? await storedAccounts(store) : new Map<string, string[]>();
  for (const platform of platforms) {
    const accounts = new Map<string, AccountRuntime>();
    for (const { name, cfg, env: accountEnv, source } of configuredAccounts(platform, env, stored.get(platform.id) ?? [])) {
      secrets.add(...platform.secrets(cfg));
      for (const pair of platform.basicAuth?.(cfg) ?? []) secrets.addBasic(pair.id, pair.secret);
      const http = new HttpClient({
        platform: platform.title,
        scope: `${platform.id}:${name}`,
        secrets,
        log,
        fetch: options.fetch,
        maxResponseBytes: limits.maxResponseBytes,
        sharedBuckets: state.buckets,
        ...platform.http?.(cfg),
        ...(options.httpTimeoutMs ? { timeoutMs: options.httpTimeoutMs } : {}),
      });
      const deps: PlatformDeps = { account: name, store, http, log, stateDir: config.stateDir, env: accountEnv, uploadDir: config.uploadDir, secrets };
      accounts.set(name, { name, source, cfg, client: platform.createClient(cfg, deps), deps });
    }
    const first = accounts.values().next().value;
    if (first) enabled.set(platform.id, { platform, cfg: first.cfg, client: first.client, deps: first.deps, accounts });
  }
  const consent = await loadConsent(env, { platforms, store, nonces: state.nonces, secretKey: config.secretKey }, options.consent);
  // A platform may offer only some of its rows on the configured site (Fresns 2.x or 3.x).
  const offered = selectTools(platforms, new Set(enabled.keys()), config.filters).filter((t) => {
    const e = enabled.get(t.platform.id);
    // Accounts may sit on different sites (FRESNS_BASE_URL__b): a row is listed when any of them offers it.
    return !e?.platform.offers || [...e.accounts.values()].some((a) => e.platform.offers?.(a.cfg, t.op));
  });
  const tools = withAccountArgument(markConfirmed(offered, consent), enabled);
  const audit = state.audit;
  const hooks = safetyHooks({ platforms, settings: safety, audit, secrets });
  return { config, limits, env, secrets, log, state, store, inbox, ledger, platforms, enabled, tools, consent, safety, audit, hooks };
}

/**
 * The enabled platforms this configuration exposes at least one tool of: resources, prompts and
 * instructions name only these, so `--toolsets afdian` does not advertise the other platforms.
 */
export function exposedPlatforms(rt: Pick<Runtime, 'enabled' | 'tools'>): EnabledPlatform[] {
  const withTools = new Set(rt.tools.map((t) => t.platform.id));
  return [...rt.enabled.values()].filter((e) => withTools.has(e.platform.id));
}
