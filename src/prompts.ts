import type { McpServer } from '@modelcontextprotocol/server';
import { COMBINED_CONTEXT_URI } from './resources/automation-context.js';
import { exposedPlatforms, type Runtime } from './runtime.js';

function dailyReview(platforms: string): string {
  return `Review my creator accounts for today (${platforms}).

1. Read the resource ${COMBINED_CONTEXT_URI}. Each platform's "needsYou" section comes first: fans or members waiting for a reply (who, last message, how long), new orders, sponsors, subscribers and tips not yet handled (name, amount, time, message), unanswered mentions and comments, pending drafts and scheduled posts. Then "trends" (earnings per day against the previous period), then reference data. Lists are top items with a total and the tool that gives the rest; read <platform>://automation-context for more detail.
2. List what needs me, most urgent first, and point out anything unusual in the trends.
3. For each item, propose the exact tool call you would make (tool name and arguments) and a draft of any message.

Do not call any write tool yet: wait until I confirm which proposals to carry out. After carrying one out (or when I say an item needs nothing), call creator_mark_handled with the item ids so the next review shows only what is new.`;
}

/** A starting point for the most common agent session: look at everything, propose, then act on confirmation. */
export function registerPrompts(server: McpServer, rt: Runtime): void {
  const names = exposedPlatforms(rt).map((e) => e.platform.title);
  server.registerPrompt(
    'creator_daily_review',
    {
      title: 'Daily review of my creator accounts',
      description: `Reads the combined AutomationContext (${names.join(', ') || 'no platform configured'}) and proposes replies, thanks and follow-ups, without changing anything until you confirm; then marks what was handled.`,
    },
    () => ({ messages: [{ role: 'user', content: { type: 'text', text: dailyReview(names.join(', ') || 'no platform is configured') } }] }),
  );
}
