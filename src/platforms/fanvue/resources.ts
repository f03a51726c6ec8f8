import * as z from 'zod';
import type { PlatformResourceTemplate } from '../types.js';
import { operation } from './operations/index.js';

const userUuid = (vars: Record<string, string>) => {
  const parsed = z.guid().safeParse(vars.userUuid);
  if (!parsed.success) throw new Error(`userUuid must be a user UUID, not ${JSON.stringify(vars.userUuid ?? '')}`);
  return parsed.data;
};

export const resourceTemplates: readonly PlatformResourceTemplate[] = [
  {
    name: 'fanvue-chat-messages',
    uriTemplate: 'fanvue://chats/{userUuid}/messages',
    title: 'Fanvue chat with a fan',
    description: 'The 50 newest messages of the chat with the fan userUuid (newest first, amounts in USD cents). Reading it does not mark the chat read.',
    read: (client, vars) => client.call(operation('list_chat_messages'), { userUuid: userUuid(vars), size: 50, markAsRead: false }),
  },
  {
    name: 'fanvue-fan-insights',
    uriTemplate: 'fanvue://fans/{userUuid}/insights',
    title: 'Fanvue insights about a fan',
    description: 'What the creator knows about the fan userUuid: status, spending (USD cents) and subscription dates.',
    read: (client, vars) => client.call(operation('get_fan_insights'), { userUuid: userUuid(vars) }),
  },
];
