import { brief, count, type Describers } from '../../consent/describe.js';

interface Lists {
  smartListUuids?: string[];
  customListUuids?: string[];
}

/** What the creator is asked before a mass message leaves, in Fanvue's terms, with the list sizes Fanvue reports. */
export const confirmations: Describers = {
  async send_mass_message(args, kit) {
    const included = (args.includedLists ?? {}) as Lists;
    const excluded = (args.excludedLists ?? {}) as Lists;
    const needSmart = Boolean(included.smartListUuids?.length || excluded.smartListUuids?.length);
    const needCustom = Boolean(included.customListUuids?.length || excluded.customListUuids?.length);
    // One read per kind of list gives every count; a failed read leaves the counts out, not the question.
    const [smart, custom] = await Promise.all([needSmart ? kit.read('list_smart_lists', {}) : undefined, needCustom ? kit.read('list_custom_lists', { size: 50 }) : undefined]);
    const sizes = new Map<string, { name: string; count?: number }>();
    for (const l of arrayOf(smart)) sizes.set(String(l.uuid), { name: String(l.name ?? l.uuid), count: numberOf(l.count) });
    for (const l of arrayOf((custom as { data?: unknown } | undefined)?.data)) sizes.set(String(l.uuid), { name: String(l.name ?? l.uuid), count: numberOf(l.membersCount) });
    const named = (lists: Lists) => [...(lists.smartListUuids ?? []), ...(lists.customListUuids ?? [])].map((id) => ({ id, ...(sizes.get(id) ?? { name: id }) }));
    const to = named(included);
    const audience =
      to.length === 1 && to[0]!.count !== undefined
        ? `the ${count(to[0]!.count)} members of the list '${to[0]!.name}'`
        : `the members of the lists ${to.map((l) => `'${l.name}'${l.count !== undefined ? ` (${count(l.count)})` : ''}`).join(', ')}`;
    const but = named(excluded);
    const media = (args.mediaUuids as unknown[] | undefined)?.length ?? 0;
    const what = [
      typeof args.text === 'string' ? `this ${count(args.text.length)}-character message` : 'a message',
      media ? `with ${media} media file${media === 1 ? '' : 's'}` : '',
      args.templateUuid ? `from template ${brief(args.templateUuid)}` : '',
      typeof args.price === 'number' ? `locked behind a price of $${(args.price / 100).toFixed(2)}` : '',
    ].filter(Boolean);
    const when = typeof args.scheduledAt === 'string' ? `, scheduled for ${args.scheduledAt}` : '';
    const except = but.length ? `, except members of ${but.map((l) => `'${l.name}'`).join(', ')}` : '';
    return `Send ${what.join(' ')} to ${audience}${except} ${kit.where}${when}.`;
  },
};

function arrayOf(v: unknown): Array<Record<string, unknown>> {
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Array<Record<string, unknown>>) : [];
}

function numberOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
