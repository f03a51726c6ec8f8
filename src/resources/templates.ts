import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import { describeError } from '../http/errors.js';
import { exposedPlatforms, type Runtime } from '../runtime.js';
import { json } from './automation-context.js';

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
          try {
            return json(uri.href, await t.read(e.client, vars, e.deps), rt);
          } catch (err) {
            // A resource read has no isError result: the JSON-RPC error carries the same sentence.
            throw new Error(rt.secrets.redact(describeError(err, `reading ${uri.href}`)), { cause: err });
          }
        },
      );
    }
  }
}
