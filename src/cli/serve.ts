import path from 'node:path';
import { loadConfig, type ServerFlags } from '../config.js';
import type { Env } from '../platforms/types.js';
import { createRuntime } from '../runtime.js';
import type { Sandbox } from '../sandbox/index.js';

/** Platform credentials from the user's shell must never leak into a sandbox run. */
const PLATFORM_ENV = /^(FANVUE|FANBOOK|FRESNS|AFDIAN)_/;

/**
 * The sandbox keeps its state in `<state dir>/sandbox`, apart from real logins, and drops every
 * platform credential of the user's shell so that nothing can reach a real platform.
 */
export function sandboxEnv(env: Env, simulators: Record<string, string>): Env {
  const kept = Object.fromEntries(Object.entries(env).filter(([k]) => !PLATFORM_ENV.test(k)));
  return { ...kept, ...simulators, CREATOR_MCP_STATE_DIR: path.join(loadConfig(env).stateDir, 'sandbox') };
}

/** Runs until a signal or the end of stdin; resolves -1 ("still running") once serving. */
export async function runServe(env: Env, flags: Record<string, unknown>, sandboxMode: boolean): Promise<number> {
  let sandbox: Sandbox | undefined;
  let runEnv: Env = env;
  if (sandboxMode) {
    runEnv = sandboxEnv(env, {});
    const { startSandbox } = await import('../sandbox/index.js');
    sandbox = await startSandbox();
    runEnv = { ...runEnv, ...sandbox.env };
  }
  const stopSandbox = async () => {
    await sandbox?.stop();
  };

  let rt;
  try {
    rt = await createRuntime(runEnv, { flags: flags as ServerFlags });
  } catch (err) {
    await stopSandbox();
    throw err;
  }

  let close: () => Promise<void>;
  if (rt.config.transport === 'http') {
    const { startHttp } = await import('../transports/http.js');
    const http = await startHttp(rt);
    close = http.close;
    sandbox?.setWebhookBase(new URL(http.url).origin);
    const generated = rt.config.httpToken === undefined;
    process.stderr.write(
      `creator-mcp${sandbox ? ' sandbox' : ''} listening on ${http.url} with ${rt.tools.length} tools\n` +
        (generated ? `Bearer token (generated; set CREATOR_MCP_HTTP_TOKEN to fix one): ${http.token}\n` : ''),
    );
  } else {
    const { startStdio } = await import('../transports/stdio.js');
    const stdio = startStdio(rt);
    close = stdio.close;
    // The simulators would keep the process alive after the client hangs up.
    process.stdin.once('end', () => void shutdown());
  }
  if (sandbox) {
    process.stderr.write(
      [
        'Sandbox: every platform below is a local simulator; nothing reaches a real service.',
        ...sandbox.platforms.flatMap((p) => p.tips()),
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  async function shutdown() {
    if (stopping) return;
    stopping = true;
    await close().catch(() => undefined);
    await stopSandbox().catch(() => undefined);
    process.exit(0);
  }
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return -1;
}
