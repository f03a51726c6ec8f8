import { accountEnv, checkAccountName, DEFAULT_ACCOUNT } from '../accounts/env.js';
import { loadConfig } from '../config.js';
import { ConfigError } from '../http/errors.js';
import { HttpClient } from '../http/client.js';
import { SecretSet } from '../http/redact.js';
import { createLogger } from '../log.js';
import { loadPlatforms } from '../platforms/index.js';
import type { Env, Platform } from '../platforms/types.js';
import { startSandbox } from '../sandbox/index.js';
import { sandboxEnv, sandboxLoginDir } from './sandbox-env.js';
import { openState } from '../state/open.js';
import type { StateBackend } from '../state/types.js';

async function platformArg(positionals: string[], verb: string) {
  const platforms = await loadPlatforms();
  const [id, ...rest] = positionals;
  const withLogin = platforms.filter((p) => p.login).map((p) => p.id);
  if (!id || rest.length) throw new ConfigError(`usage: creator-mcp ${verb} <${withLogin.join('|')}>`);
  const platform = platforms.find((p) => p.id === id);
  if (!platform) throw new ConfigError(`unknown platform "${id}"; known: ${platforms.map((p) => p.id).join(', ')}`);
  return platform;
}

/** `--account NAME`: which token-store account a login is saved under; `default` without it. */
function accountFlag(flags: Record<string, unknown>): string {
  return flags.account === undefined ? DEFAULT_ACCOUNT : checkAccountName(String(flags.account), '--account');
}

export async function runLogin(env: Env, positionals: string[], flags: Record<string, unknown>): Promise<number> {
  const platform = await platformArg(positionals, 'login');
  const account = accountFlag(flags);
  // The account's own variables (`<VAR>__<ACCOUNT>`) apply to its login; the OAuth app falls back to the plain ones.
  env = accountEnv(platform.id, env, account, platform.accountVariables ?? []);
  if (!platform.login) throw new ConfigError(`${platform.title} has no browser login; see README.md for its credentials`);
  const sandbox = flags.sandbox ? await startSandbox() : undefined;
  let state: StateBackend | undefined;
  try {
    // In the sandbox the simulator is the authorization server; the redirect stays on loopback.
    const redirectVar = `${platform.id.toUpperCase()}_REDIRECT_URI`;
    const runEnv: Env = sandbox
      ? sandboxEnv(env, { ...sandbox.env, [redirectVar]: env[redirectVar] ?? 'http://127.0.0.1:8788/callback' }, sandboxLoginDir(env))
      : env;
    // Simulators check redirect URIs as the platforms do: the one this login uses is the registered one.
    if (sandbox) for (const p of sandbox.platforms) if (p.platform === platform.id) p.registerRedirectUri?.(runEnv[redirectVar] as string);
    const config = loadConfig(runEnv);
    const secrets = new SecretSet();
    const prefix = platform.id.toUpperCase();
    secrets.add(runEnv[`${prefix}_CLIENT_SECRET`], config.secretKey);
    secrets.addBasic(runEnv[`${prefix}_CLIENT_ID`], runEnv[`${prefix}_CLIENT_SECRET`]);
    const log = createLogger({ level: config.logLevel, secrets });
    // The store the servers use (CREATOR_MCP_STORE): a login written elsewhere would not be seen.
    state = await openState({ store: config.store, stateDir: config.stateDir, secretKey: config.secretKey, log });
    const store = state.tokens;
    // A wrong key or a damaged store fails here, before the platform issues a login that could not be stored.
    await store.list();
    const message = await platform.login(runEnv, {
      account,
      store,
      // The platform's own error reading and headers apply to its login requests too.
      http: new HttpClient({ platform: platform.title, secrets, log, ...httpOptions(platform, runEnv) }),
      // The simulator consents at once, so the command can follow the login itself: no browser.
      openBrowser: sandbox ? (url) => void visitLogin(url) : !flags['no-browser'],
      print: (line) => process.stderr.write(`${secrets.redact(line)}\n`),
    });
    process.stderr.write(`${message}${account === DEFAULT_ACCOUNT ? '' : ` (account ${account})`}\n`);
    return 0;
  } finally {
    await state?.close();
    await sandbox?.stop();
  }
}

function httpOptions(platform: Platform, env: Env) {
  let cfg;
  try {
    cfg = platform.configure(env);
  } catch (err) {
    // The platform's login names what it needs more precisely than its serve-time settings do.
    if (err instanceof ConfigError) return {};
    throw err;
  }
  return cfg === undefined ? {} : (platform.http?.(cfg) ?? {});
}

/**
 * What a browser does against the sandbox's authorization server: open the authorize URL and
 * follow its redirects to the loopback callback. Failures surface through the login's own timeout.
 */
async function visitLogin(url: string): Promise<void> {
  let next = url;
  for (let hop = 0; hop < 5; hop++) {
    const res = await fetch(next, { redirect: 'manual' }).catch(() => undefined);
    const location = res?.headers.get('location');
    await res?.body?.cancel().catch(() => undefined);
    if (!res || res.status < 300 || res.status >= 400 || !location) return;
    next = new URL(location, next).href;
  }
}

export async function runLogout(env: Env, positionals: string[], flags: Record<string, unknown> = {}): Promise<number> {
  const platform = await platformArg(positionals, 'logout');
  const config = loadConfig(flags.sandbox ? { ...env, CREATOR_MCP_STATE_DIR: sandboxLoginDir(env) } : env);
  const state = await openState({ store: config.store, stateDir: config.stateDir, secretKey: config.secretKey });
  const account = accountFlag(flags);
  const removed = await state.tokens.delete(platform.id, account).finally(() => state.close());
  const which = account === DEFAULT_ACCOUNT ? platform.title : `${platform.title} account ${account}`;
  process.stderr.write(removed ? `Logged out of ${which}.\n` : `No stored ${which} login.\n`);
  return 0;
}
