#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { USAGE } from './cli/usage.js';
import { ConfigError } from './http/errors.js';
import { TokenStoreError } from './auth/token-store.js';

const serverOptions = {
  transport: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'read-only': { type: 'boolean' },
  toolsets: { type: 'string' },
  tools: { type: 'string' },
  'exclude-tools': { type: 'string' },
  'tool-mode': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const COMMANDS = {
  serve: serverOptions,
  sandbox: serverOptions,
  login: { 'no-browser': { type: 'boolean' }, sandbox: { type: 'boolean' }, account: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  logout: { sandbox: { type: 'boolean' }, account: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  status: { sandbox: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  tools: { ...serverOptions, json: { type: 'boolean' }, all: { type: 'boolean' } },
  audit: { since: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof COMMANDS;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stderr.write(`${USAGE.main}\n`);
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    const { VERSION } = await import('./version.js');
    process.stderr.write(`${VERSION}\n`);
    return 0;
  }
  const named = argv[0] !== undefined && !argv[0].startsWith('-');
  const command = (named ? argv[0] : 'serve') as string;
  if (!(command in COMMANDS)) throw new ConfigError(`unknown command "${command}" (run creator-mcp --help)`);
  const { values, positionals } = parseArgs({
    args: named ? argv.slice(1) : argv,
    options: COMMANDS[command as Command],
    allowPositionals: command === 'login' || command === 'logout',
    strict: true,
  });
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.help) {
    process.stderr.write(`${USAGE[command]}\n`);
    return 0;
  }
  // Each command loads only its own modules: a client starting the server waits for this.
  switch (command as Command) {
    case 'serve':
      return (await import('./cli/serve.js')).runServe(process.env, flags, false);
    case 'sandbox':
      return (await import('./cli/serve.js')).runServe(process.env, flags, true);
    case 'login':
      return (await import('./cli/login.js')).runLogin(process.env, positionals, flags);
    case 'logout':
      return (await import('./cli/login.js')).runLogout(process.env, positionals, flags);
    case 'status':
      return (await import('./cli/status.js')).runStatus(process.env, flags);
    case 'tools':
      return (await import('./cli/tools.js')).runTools(process.env, flags);
    case 'audit':
      return (await import('./cli/audit.js')).runAudit(process.env, flags);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: unknown) => {
    // Config mistakes are the user's to fix: one line, exit 2. parseArgs errors are too.
    const usage = err instanceof ConfigError || err instanceof TokenStoreError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`creator-mcp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
