import type { UntrustedText } from '../../safety/untrusted.js';

/**
 * Sponsors write order remarks, shipping names and addresses, and choose their names. Everyone in
 * an order or a sponsor list has paid, so lockdown has no outsider to leave out here.
 */
export const afdianUntrusted: UntrustedText = {
  fields: ['**.remark', '**.unverifiedRemark', '**.user.name', '**.buyer.name', '**.newestSponsors.items.*.name', '**.address_person', '**.address_address', '**.content'],
  lockdownNote: 'everyone in orders and sponsor lists is a sponsor, so nothing is left out',
};
