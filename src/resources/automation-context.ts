import type { McpServer } from '@modelcontextprotocol/server';
import type { EnabledPlatform, Runtime } from '../runtime.js';
import { failureText, invoke } from '../tools/invoke.js';
import { toJson } from '../tools/result.js';

export const COMBINED_CONTEXT_URI = 'creator://automation-context';
export const contextUri = (platform: string) => `${platform}://automation-context`;

async function platformContext(rt: Runtime, e: EnabledPlatform): Promise<unknown> {
  if (!e.platform.automationContext) return { status: 'unsupported' };
  return e.platform.automationContext(e.client, { ...e.deps, webhooks: rt.inbox });
}

/** Secrets are masked in the tree before serialising, so the text is always valid JSON. */
export function json(uri: string, value: unknown, rt: Runtime) {
  return { contents: [{ uri, mimeType: 'application/json', text: toJson(rt.secrets.redactValue(value), 2) }] };
}

/**
 * A resource read through the shared invoke path. A resource has no isError result, so a
 * failure becomes the JSON-RPC error with the same redacted sentence a tool would give.
 */
export async function readThroughPipeline(rt: Runtime, uri: string, args: Record<string, unknown>, read: () => Promise<unknown>) {
  const outcome = await invoke({ secrets: rt.secrets, log: rt.log }, { name: uri, args }, read);
  if (outcome.ok) return json(uri, outcome.value, rt);
  throw new Error(failureText(rt, outcome.error, `reading ${uri}`), { cause: outcome.error });
}

/** One platform's context for the combined document: a failure is reported in place. */
async function contextEntry(rt: Runtime, e: EnabledPlatform) {
  const outcome = await invoke({ secrets: rt.secrets, log: rt.log }, { name: contextUri(e.platform.id), args: {} }, () => platformContext(rt, e));
  return outcome.ok
    ? { status: 'ok', context: outcome.value }
    : { status: 'error', message: failureText(rt, outcome.error, `reading ${contextUri(e.platform.id)}`) };
}

/**
 * `<platform>://automation-context` for each enabled platform, and `creator://automation-context`
 * combining them. A platform that fails is reported inside the combined context, so one outage
 * never hides the others.
 */
export function registerAutomationContexts(server: McpServer, rt: Runtime): void {
  for (const e of rt.enabled.values()) {
    if (!e.platform.automationContext) continue;
    const uri = contextUri(e.platform.id);
    server.registerResource(
      `${e.platform.id}-automation-context`,
      uri,
      {
        title: `${e.platform.title} AutomationContext`,
        description: `What an agent should know before acting on ${e.platform.title}: recent activity, audience and totals, as JSON.`,
        mimeType: 'application/json',
      },
      async () => readThroughPipeline(rt, uri, {}, () => platformContext(rt, e)),
    );
  }
  server.registerResource(
    'creator-automation-context',
    COMBINED_CONTEXT_URI,
    {
      title: 'Creator AutomationContext (all platforms)',
      description: 'The AutomationContext of every enabled platform in one JSON document, with a status per platform.',
      mimeType: 'application/json',
    },
    async () => {
      const entries = await Promise.all([...rt.enabled.values()].map(async (e) => [e.platform.id, await contextEntry(rt, e)] as const));
      return json(
        COMBINED_CONTEXT_URI,
        {
          generatedAt: new Date().toISOString(),
          platforms: Object.fromEntries(entries),
          notConfigured: rt.platforms.filter((p) => !rt.enabled.has(p.id)).map((p) => p.id),
        },
        rt,
      );
    },
  );
}
