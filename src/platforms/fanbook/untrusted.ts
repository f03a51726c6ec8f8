import type { UntrustedText } from '../../safety/untrusted.js';

/**
 * Members write channel messages (`content`, a JSON string whose text is cleaned in place),
 * circle posts, comments and replies, and choose nicknames and names. Only guild members can post
 * in a guild, and private-chat payloads do not say who is a member, so lockdown leaves nothing out.
 */
export const fanbookUntrusted: UntrustedText = {
  fields: ['**.content', '**.text', '**.title', '**.nickname', '**.first_name', '**.last_name', '**.from.name', '**.caption'],
  lockdownNote: 'only members can post in a guild, and private chats do not say who is a member, so nothing is left out',
};
