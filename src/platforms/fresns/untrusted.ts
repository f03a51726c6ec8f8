import type { UntrustedText } from '../../safety/untrusted.js';

/**
 * Users of the site write posts, comments, conversation messages, titles, nicknames and bios.
 * Every author is a registered user of the creator's own site and Fresns roles are site-defined,
 * so the payloads name no outsider for lockdown to leave out.
 */
export const fresnsUntrusted: UntrustedText = {
  fields: ['**.content', '**.title', '**.nickname', '**.bio', '**.lastMessage', '**.from.name', '**.with.name', '**.author.name', '**.user.name'],
  lockdownNote: 'every author is a registered user of your own site; roles are site-defined, so nothing is left out',
};
