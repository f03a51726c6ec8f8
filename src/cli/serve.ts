import type { ServerFlags } from '../config.js';
import type { Env } from '../platforms/types.js';
import { startListeners } from '../listeners.js';
import { createRuntime } from '../runtime.js';
import type { Sandbox } from '../sandbox/index.js';
import { sandboxEnv, sandboxServerDir } from './sandbox-env.js';

/** Runs until a signal or the end of stdin; resolves -1 ("still running") once serving. */
export async function runServe(env: Env, flags: Record<string, unknown>, sandboxMode: boolean): Promise<number> {
  let sandbox: Sandbox | undefined;
  let sandboxDir: { dir: string; dispose(): Promise<void> } | undefined;
  let runEnv: Env = env;
  if (sandboxMode) {
    const { startSandbox } = await import('../sandbox/index.js');
    sandboxDir = await sandboxServerDir(env);
    sandbox = await startSandbox();
    runEnv = sandboxEnv(env, sandbox.env, sandboxDir.dir);
  }
  const stopSandbox = async () => {
    await sandbox?.stop();
    await sandboxDir?.dispose();
  };

  let rt: Awaited<ReturnType<typeof createRuntime>>;
  try {
    rt = await createRuntime(runEnv, { flags: flags as ServerFlags });
  } catch (err) {
    await stopSandbox();
    throw err;
  }

  let close: () => Promise<void>;
  if (rt.config.transport === 'http') {
    const { startHttp } = await import('../transports/http.js');
    let http;
    try {
      http = await startHttp(rt);
    } catch (err) {
      await stopSandbox();
      throw listenError(err, rt.config.host, rt.config.port);
    }
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
  // After the transport is up, so a port error never leaves a gateway connection behind.
  const listeners = startListeners(rt);
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
    await listeners.stop();
    await close().catch(() => undefined);
    await rt.state.close().catch(() => undefined);
    await stopSandbox().catch(() => undefined);
    process.exit(0);
  }
  // Kept installed during the shutdown (`on`, not `once`): signal-exit, loaded with the first
  // file lock, re-raises a signal no other listener is left to handle, which would end the
  // process before it closed. A second signal still ends it at once.
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) return void shutdown();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return -1;
}

/** A busy or forbidden port is the user's to fix: one line that names it, and the process ends. */
function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use: stop the other server or choose another with --port (0 picks a free one)`);
  if (code === 'EACCES') return new Error(`no permission to listen on ${host}:${port}: choose a port above 1023 with --port`);
  if (code === 'EADDRNOTAVAIL') return new Error(`cannot listen on ${host}: no such address on this machine (--host)`);
  return err instanceof Error ? err : new Error(String(err));
}
