import type { McpServer } from '@modelcontextprotocol/server';
import type { Guide, PlatformId } from '../platforms/types.js';
import { exposedPlatforms, type Runtime } from '../runtime.js';

export const guideUri = (platform: PlatformId, topic: string) => `${platform}://guides/${topic}`;

/** What a description points to: any `<platform>://guides/<topic>` in the text. */
export const GUIDE_URI = /\b([a-z]+):\/\/guides\/([a-z0-9-]+)/g;

/** Each exposed platform's guides, as static markdown resources (no platform call, no secrets). */
export function registerGuides(server: McpServer, rt: Runtime): void {
  for (const e of exposedPlatforms(rt)) {
    for (const guide of e.platform.guides ?? []) registerGuide(server, e.platform.id, guide);
  }
}

function registerGuide(server: McpServer, platform: PlatformId, guide: Guide): void {
  const uri = guideUri(platform, guide.topic);
  server.registerResource(
    `${platform}-guide-${guide.topic}`,
    uri,
    { title: guide.title, description: `${guide.title}: the details that tool descriptions point to.`, mimeType: 'text/markdown' },
    async () => ({ contents: [{ uri, mimeType: 'text/markdown', text: guide.text }] }),
  );
}
