import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import { exposedPlatforms, type Runtime } from '../runtime.js';
import { readThroughPipeline } from './automation-context.js';

/** Each enabled platform's parameterised resources (a chat's messages, a post with comments…). */
export function registerResourceTemplates(server: McpServer, rt: Runtime): void {
  for (const e of exposedPlatforms(rt)) {
    for (const t of e.platform.resourceTemplates ?? []) {
      server.registerResource(
        t.name,
        new ResourceTemplate(t.uriTemplate, { list: undefined }),
        { title: t.title, description: t.description, mimeType: 'application/json' },
        async (uri, variables) => {
          const vars = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
          return readThroughPipeline(rt, uri.href, vars, () => t.read(e.client, vars, e.deps));
        },
      );
    }
  }
}
