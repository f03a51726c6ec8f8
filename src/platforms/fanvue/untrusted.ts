import type { UntrustedText } from '../../safety/untrusted.js';

/**
 * Fans write chat messages, post comments and their display names (the creator's own posts,
 * templates and mass messages are matched by the same `text` globs: cleaning them costs nothing).
 * Chat and comment payloads do not say whether the writer subscribes, so lockdown acts only on
 * payloads that do: the followers list, and tracking-link users whose `status` says it.
 */
export const fanvueUntrusted: UntrustedText = {
  fields: ['**.text', '**.displayName', '**.bio', '**.lastMessage', '**.fan.name', 'subscribers.*.name', 'topSpenders.*.name'],
  lockdown: [
    { at: 'data.*', operations: ['list_followers', 'creator_list_followers'] },
    {
      at: 'data.*',
      field: 'status',
      outsiders: ['follower', 'expired', 'deleted', 'not_contactable', null],
      operations: ['list_tracking_link_users', 'creator_list_tracking_link_users'],
    },
  ],
  lockdownNote: 'chats, messages and comments do not say whether the fan subscribes, so their text is kept',
};
