import type { McpServer } from '@modelcontextprotocol/server';
import type { Detail } from '../context/kit.js';
import { accountWebhookLog } from '../accounts/inbox.js';
import { exposedPlatforms, type AccountRuntime, type EnabledPlatform, type Runtime } from '../runtime.js';
import { mergeMarks, UNTRUSTED_META_KEY, untrustedNote, type UntrustedMark } from '../safety/marking.js';
import { failureText, invoke, type Invocation } from '../tools/invoke.js';
import { toJson } from '../tools/result.js';

export const COMBINED_CONTEXT_URI = 'creator://automation-context';
export const contextUri = (platform: string) => `${platform}://automation-context`;

async function platformContext(rt: Runtime, e: EnabledPlatform, detail: Detail): Promise<unknown> {
  const build = e.platform.automationContext;
  if (!build) return { status: 'unsupported' };
  const one = (a: AccountRuntime, d: Detail) => build(a.client, { ...a.deps, webhooks: accountWebhookLog(rt.inbox, a.name) }, { ledger: rt.ledger, detail: d, now: Date.now() });
  const accounts = [...e.accounts.values()];
  if (accounts.length <= 1) return one(accounts[0] ?? { name: e.deps.account, source: 'env', cfg: e.cfg, client: e.client, deps: e.deps }, detail);
  // Several accounts share the platform's token bound: each gets the summary detail. The first
  // account stays at the top level (Fanvue's seed interface is read there); the others sit beside it.
  const [first, ...others] = await Promise.all(accounts.map((a) => one(a, 'summary').then((v) => ({ ok: true as const, v }), (err: unknown) => ({ ok: false as const, err }))));
  if (!first?.ok) throw first?.err;
  const beside = Object.fromEntries(others.map((r, i) => [accounts[i + 1]!.name, r.ok ? r.v : { status: 'error', message: failureText(rt, r.err, `reading ${accounts[i + 1]!.name}`) }]));
  return { ...(first.v as object), account: accounts[0]!.name, otherAccounts: beside };
}

/**
 * Secrets are masked in the value tree before serialising, so the text is always valid JSON.
 * Contexts are read first and most often, so they are compact JSON. Text people wrote is marked
 * as in tool results (safety/marking.ts): `_meta` and a second, plain-text content.
 */
export function json(uri: string, value: unknown, rt: Runtime, indent?: number, untrusted?: UntrustedMark) {
  const contents = [{ uri, mimeType: 'application/json', text: toJson(rt.secrets.redactValue(value), indent) }];
  if (!untrusted) return { contents };
  return { contents: [...contents, { uri, mimeType: 'text/plain', text: untrustedNote(untrusted) }], _meta: { [UNTRUSTED_META_KEY]: untrusted } };
}

/** The platform a resource belongs to is its URI scheme (`fanvue://…`). */
const schemeOf = (uri: string) => /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();

/**
 * A resource read through the shared invoke path. A resource has no isError result, so a
 * failure becomes the JSON-RPC error with the same redacted sentence a tool would give.
 */
export async function readThroughPipeline(rt: Runtime, uri: string, args: Record<string, unknown>, read: () => Promise<unknown>, indent?: number) {
  const inv: Invocation = { name: uri, platform: schemeOf(uri), args };
  const outcome = await invoke({ secrets: rt.secrets, log: rt.log, hooks: rt.hooks }, inv, read);
  if (outcome.ok) return json(uri, outcome.value, rt, indent, inv.untrusted);
  throw new Error(failureText(rt, outcome.error, `reading ${uri}`), { cause: outcome.error });
}

/** One platform's context in the combined document (its summary detail): a failure is reported in place. */
async function contextEntry(rt: Runtime, e: EnabledPlatform) {
  const uri = contextUri(e.platform.id);
  const inv: Invocation = { name: uri, platform: e.platform.id, args: {} };
  const outcome = await invoke({ secrets: rt.secrets, log: rt.log, hooks: rt.hooks }, inv, () => platformContext(rt, e, 'summary'));
  const entry = outcome.ok ? { status: 'ok', more: uri, context: outcome.value } : { status: 'error', message: failureText(rt, outcome.error, `reading ${uri}`) };
  return { entry, untrusted: inv.untrusted && { ...inv.untrusted, paths: inv.untrusted.paths.map((p) => p.replace(/^\$/, `$.platforms.${e.platform.id}.context`)) } };
}

/**
 * `<platform>://automation-context` for each exposed platform, and `creator://automation-context`
 * combining them in their summary detail (about 8,000 tokens with four platforms, whatever their
 * size). A platform that fails is reported inside the combined context, so one outage never hides
 * the others.
 */
export function registerAutomationContexts(server: McpServer, rt: Runtime): void {
  const exposed = exposedPlatforms(rt);
  for (const e of exposed) {
    if (!e.platform.automationContext) continue;
    const uri = contextUri(e.platform.id);
    server.registerResource(
      `${e.platform.id}-automation-context`,
      uri,
      {
        title: `${e.platform.title} AutomationContext`,
        description: `Read first on ${e.platform.title}: what needs the creator (waiting messages, new unhandled payments and members, pending posts), then earnings trends, then reference data. Bounded top lists with totals; mark items done with creator_mark_handled.`,
        mimeType: 'application/json',
      },
      async () => readThroughPipeline(rt, uri, {}, () => platformContext(rt, e, 'full')),
    );
  }
  server.registerResource(
    'creator-automation-context',
    COMBINED_CONTEXT_URI,
    {
      title: 'Creator AutomationContext (all platforms)',
      description: `What needs the creator on ${exposed.map((e) => e.platform.title).join(', ') || 'no platform'}, with trends, in one JSON document; each platform's own context has more.`,
      mimeType: 'application/json',
    },
    async () => {
      const entries = await Promise.all(exposed.map(async (e) => [e.platform.id, await contextEntry(rt, e)] as const));
      const platforms = Object.fromEntries(entries.map(([id, r]) => [id, r.entry]));
      return json(COMBINED_CONTEXT_URI, { generatedAt: new Date().toISOString(), platforms }, rt, undefined, mergeMarks(entries.map(([, r]) => r.untrusted)));
    },
  );
}
