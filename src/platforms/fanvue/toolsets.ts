import type { Toolset } from '../types.js';

export const toolsets: readonly Toolset[] = [
  { id: 'fanvue_account', description: 'The logged-in user, account overview, notifications, app subscriptions' },
  { id: 'fanvue_chats', description: 'Inbox, messages, mass messages and message templates' },
  { id: 'fanvue_audience', description: 'Subscribers, followers, smart and custom lists' },
  { id: 'fanvue_posts', description: 'Posts, comments, likes, tips and content collections' },
  { id: 'fanvue_media', description: 'Vault media with signed URLs, uploads and vault folders' },
  { id: 'fanvue_insights', description: 'Earnings, top spenders, fan insights, subscriber history' },
  { id: 'fanvue_tracking', description: 'Campaign tracking links and the fans they bring' },
  { id: 'fanvue_agency', description: 'Agency tools: team, managed creators and every creator tool on their behalf', default: false },
];
