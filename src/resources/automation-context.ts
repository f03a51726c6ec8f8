import type { McpServer } from '@modelcontextprotocol/server';
import type { Detail } from '../context/kit.js';
import { exposedPlatforms, type EnabledPlatform, type Runtime } from '../runtime.js';

export const COMBINED_CONTEXT_URI = 'creator://automation-context';
export const contextUri = (platform: string) => `${platform}://automation-context`;

async function platformContext(rt: Runtime, e: EnabledPlatform, detail: Detail): Promise<unknown> {
  if (!e.platform.automationContext) return { status: 'unsupported' };
  return e.platform.automationContext(e.client, { ...e.deps, webhooks: rt.inbox }, { ledger: rt.ledger, detail, now: Date.now() });
}

export function json(uri: string, value: unknown, rt: Runtime) {
  return { contents: [{ uri, mimeType: 'application/json', text: rt.secrets.redact(JSON.stringify(value, null, 2)) }] };
}

/**
 * The combined context is read first and most often, so it is compact JSON, and each platform
 * appears in its summary detail (what needs the creator, trends, totals) with its own context's URI
 * for the rest. Bounded by design: about 8,000 tokens with four platforms, whatever their size.
 */
function compact(uri: string, value: unknown, rt: Runtime) {
  return { contents: [{ uri, mimeType: 'application/json', text: rt.secrets.redact(JSON.stringify(value)) }] };
}

/**
 * `<platform>://automation-context` for each exposed platform, and `creator://automation-context`
 * combining them. A platform that fails is reported inside the combined context, so one outage
 * never hides the others.
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
      async () => compact(uri, await platformContext(rt, e, 'full'), rt),
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
      const entries = await Promise.all(
        exposed.map(async (e) => {
          try {
            return [e.platform.id, { status: 'ok', more: contextUri(e.platform.id), context: await platformContext(rt, e, 'summary') }] as const;
          } catch (err) {
            return [e.platform.id, { status: 'error', message: err instanceof Error ? err.message : String(err) }] as const;
          }
        }),
      );
      return compact(
        COMBINED_CONTEXT_URI,
        {
          generatedAt: new Date().toISOString(),
          platforms: Object.fromEntries(entries),
        },
        rt,
      );
    },
  );
}
