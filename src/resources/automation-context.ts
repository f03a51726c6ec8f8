import type { McpServer } from '@modelcontextprotocol/server';
import type { EnabledPlatform, Runtime } from '../runtime.js';

export const COMBINED_CONTEXT_URI = 'creator://automation-context';
export const contextUri = (platform: string) => `${platform}://automation-context`;

async function platformContext(rt: Runtime, e: EnabledPlatform): Promise<unknown> {
  if (!e.platform.automationContext) return { status: 'unsupported' };
  return e.platform.automationContext(e.client, { ...e.deps, webhooks: rt.inbox });
}

export function json(uri: string, value: unknown, rt: Runtime) {
  return { contents: [{ uri, mimeType: 'application/json', text: rt.secrets.redact(JSON.stringify(value, null, 2)) }] };
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
      async () => json(uri, await platformContext(rt, e), rt),
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
      const entries = await Promise.all(
        [...rt.enabled.values()].map(async (e) => {
          try {
            return [e.platform.id, { status: 'ok', context: await platformContext(rt, e) }] as const;
          } catch (err) {
            return [e.platform.id, { status: 'error', message: err instanceof Error ? err.message : String(err) }] as const;
          }
        }),
      );
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
