export const SERVER_FLAGS = `Options:
  --transport stdio|http   transport (env CREATOR_MCP_TRANSPORT; default stdio)
  --host HOST              HTTP bind host (env CREATOR_MCP_HTTP_HOST; default 127.0.0.1)
  --port PORT              HTTP port, 0 = any free port (env CREATOR_MCP_HTTP_PORT; default 8787)
  --read-only              expose only read-only tools (env CREATOR_MCP_READ_ONLY=1)
  --toolsets a,b           toolsets or platforms to expose, or "all" (env CREATOR_MCP_TOOLSETS)
  --tools x,y              expose these tools (env CREATOR_MCP_TOOLS)
  --exclude-tools x,y      hide these tools (env CREATOR_MCP_EXCLUDE_TOOLS)
  --tool-mode tools|search search: list only creator_find_tools, creator_call_tool and the core
                           (env CREATOR_MCP_TOOL_MODE; default tools)
  -h, --help               show this help`;

export const USAGE: Record<string, string> = {
  main: `creator-mcp: an MCP server for creators on Fanvue, Fanbook, Fresns and Afdian

Usage: creator-mcp [command] [options]

Commands:
  serve            run the MCP server (the default command)
  sandbox          run the server against built-in platform simulators (try it without accounts)
  login <platform> log in through the browser and store the result (fanvue, fanbook, afdian;
                   Fresns logs in with FRESNS_ACCOUNT/FRESNS_PASSWORD, see README.md)
  logout <platform> delete the stored login of a platform (--account NAME: of that account)
  status           which platforms and accounts are configured, which logins are stored (never secrets)
  tools            the tool catalog the current configuration exposes
  audit            the audit trail of writes (no secrets, no message bodies)

Run "creator-mcp <command> --help" for a command's options.`,
  serve: `Usage: creator-mcp serve [options]

Runs the MCP server. Platforms are enabled by their credentials in the environment
(see README.md). In HTTP mode MCP is served at POST /mcp and platform webhooks at
POST /webhooks/<platform>.

${SERVER_FLAGS}`,
  sandbox: `Usage: creator-mcp sandbox [options]

Starts the built-in platform simulators on 127.0.0.1 (seeded data, real signature
checks, writes that change state) and runs the MCP server against them, with a
throw-away state directory. Nothing reaches a real platform.

${SERVER_FLAGS}`,
  login: `Usage: creator-mcp login <platform> [--account NAME] [--no-browser] [--sandbox]

Runs the platform's OAuth authorization-code login through the browser and a
loopback callback on the platform's *_REDIRECT_URI, and stores the result in the
token store.

Platforms: fanvue, fanbook, afdian.

Options:
  --account NAME save the login as this account (a-z 0-9 _ -, default "default");
                 its <VAR>__NAME variables apply, see "Several accounts" in README.md
  --no-browser   print the URL instead of opening a browser
  --sandbox      log in to the built-in simulator in one step (no account, no browser);
                 see it with "status --sandbox", remove it with "logout --sandbox"
  -h, --help     show this help`,
  logout: `Usage: creator-mcp logout <platform> [--account NAME] [--sandbox]

Deletes the platform's stored login from the token store.

Options:
  --account NAME the login of this account (default "default")
  --sandbox      the login stored by "login <platform> --sandbox"
  -h, --help     show this help`,
  status: `Usage: creator-mcp status [--sandbox]

Shows which platforms are configured, each of their accounts (from the
environment or the token store), which logins are stored and when they expire,
and where the state lives. Never prints a secret.

Options:
  --sandbox      the logins stored by "login <platform> --sandbox"
  -h, --help     show this help`,
  tools: `Usage: creator-mcp tools [--json] [--all] [server options]

Prints the tool catalog the current configuration would expose.

Options:
  --json   machine-readable output with schemas and annotations
  --all    every tool of every platform, configured or not
${SERVER_FLAGS.split('\n').slice(1).join('\n')}`,
  audit: `Usage: creator-mcp audit [--since <duration or ISO time>] [--json]

Prints the audit trail of writes kept in the state dir (CREATOR_MCP_STATE_DIR): time,
tool, account, an argument summary (ids and numbers; any other text only as its
length), the confirmation outcome, the platform's result or error, and whether the
platform may have processed a failed write. Never a secret or a message body.

Options:
  --since X   only writes since X: a duration (30m, 24h, 7d, 2w) or an ISO time
  --json      the entries as a JSON array
  -h, --help  show this help`,
};
