import type { McpServer } from '@modelcontextprotocol/server';
import { COMBINED_CONTEXT_URI } from './resources/automation-context.js';

const DAILY_REVIEW = `Review my creator accounts for today.

1. Read the resource ${COMBINED_CONTEXT_URI}: it holds each connected platform's recent activity (orders and sponsors, subscribers and top spenders, earnings, community guilds, notifications and conversations, webhook events).
2. List what needs me: new supporters and orders to thank, fans or members waiting for an answer, unread notifications, anything unusual in earnings.
3. For each item, propose the exact tool call you would make (tool name and arguments) and a draft of any message.

Do not call any write tool yet: wait until I confirm which proposals to carry out.`;

/** A starting point for the most common agent session: look at everything, propose, then act on confirmation. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'creator_daily_review',
    {
      title: 'Daily review of my creator accounts',
      description: 'Reads the combined AutomationContext and proposes replies, thanks and follow-ups, without changing anything until you confirm.',
    },
    () => ({ messages: [{ role: 'user', content: { type: 'text', text: DAILY_REVIEW } }] }),
  );
}
