import { count, type Describers } from '../../consent/describe.js';

/** Role overwrites name the roles the way the guild shows them, with how many members hold each. */
export const confirmations: Describers = {
  async set_member_roles(args, kit) {
    const roles = (args.roles as string[] | undefined) ?? [];
    const names = await roleNames(kit.read, String(args.guild_id));
    const list = roles.map((id) => names.get(id) ?? `role ${id}`);
    const to = list.length ? `exactly ${list.join(', ')}` : 'no roles at all';
    return `Replace every role of user ${args.user_id} in guild ${args.guild_id} with ${to} (roles not listed are removed) ${kit.where}.`;
  },
  async delete_role(args, kit) {
    const names = await roleNames(kit.read, String(args.guild_id));
    return `Delete ${names.get(String(args.id)) ?? `role ${args.id}`} from guild ${args.guild_id}; everyone who has it loses it ${kit.where}.`;
  },
};

/** One getGuildRoles read: "'VIP' (12 members)" by role id; empty when the read fails. */
async function roleNames(read: (op: string, args: Record<string, unknown>) => Promise<unknown>, guild: string): Promise<Map<string, string>> {
  const answer = await read('get_guild_roles', { guild_id: guild });
  const roles = Array.isArray(answer) ? answer : Array.isArray((answer as { roles?: unknown })?.roles) ? (answer as { roles: unknown[] }).roles : [];
  const names = new Map<string, string>();
  for (const r of roles as Array<Record<string, unknown>>) {
    if (!r || typeof r !== 'object') continue;
    const members = typeof r.member_count === 'number' ? ` (${count(r.member_count)} members)` : '';
    names.set(String(r.id), `'${String(r.name ?? r.id)}'${members}`);
  }
  return names;
}
