import type { Model } from './model.js';
import { post, type BotMethod, type MethodTable } from './method.js';
import type { FbGuild, FbRole } from './types.js';
import { BadParam, type Params } from './wire.js';

function assignable(m: Model, g: FbGuild, ids: string[]): string[] {
  for (const id of ids) {
    const r = m.role(g, id);
    if (r.id === g.guild_id || r.managed) throw new BadParam(`角色 ${id} 不能分配`);
  }
  return [...new Set(ids)];
}

function roleFields(p: Params, r: Partial<FbRole>): void {
  const name = p.str('name', true);
  if (name !== undefined) r.name = name;
  const mentionable = p.bool('mentionable');
  if (mentionable !== undefined) r.mentionable = mentionable;
  const hoist = p.bool('hoist');
  if (hoist !== undefined) r.hoist = hoist;
  if (p.has('color')) r.color = p.count('color', 0);
}

const deleteRole: BotMethod = {
  http: ['DELETE'],
  handle(p, m) {
    const g = m.managedGuild(p.str('guild_id'));
    const id = p.str('id');
    const r = m.role(g, id);
    if (r.id === g.guild_id || r.managed) throw new BadParam('该角色不能删除');
    g.roles = g.roles.filter((x) => x.id !== id);
    for (const mem of g.members.values()) mem.roles = mem.roles.filter((x) => x !== id);
    return true;
  },
};

export const roleMethods: MethodTable = {
  getGuildRoles: post((p, m) => {
    const g = m.botGuild(p.int('guild_id'));
    const sorted = [...g.roles].sort((a, b) => b.position - a.position);
    const last = p.int('last_id', true);
    const from = last === undefined ? 0 : sorted.findIndex((r) => r.id === last) + 1;
    return sorted.slice(from, from + 100).map((r) => m.roleObj(g, r));
  }),
  getRoleMembers: post((p, m) => {
    const g = m.botGuild(p.int('guild_id'));
    const role = m.role(g, p.int('role_id'));
    const size = Math.min(p.count('size', 50), 500);
    const last = p.int('last_id', true);
    const holders = [...g.members.values()]
      .filter((x) => role.id === g.guild_id || x.roles.includes(role.id))
      .map((x) => x.user_id)
      .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
      .filter((id) => last === undefined || BigInt(id) > BigInt(last));
    return holders.slice(0, size).map((id) => m.chatMemberObj(g, id));
  }),
  setMemberRoles: post((p, m) => {
    const g = m.managedGuild(p.int('guild_id'));
    const member = m.member(g, p.int('user_id'));
    const keep = member.roles.filter((id) => g.roles.find((r) => r.id === id)?.managed);
    member.roles = [...new Set([...keep, ...assignable(m, g, p.ints('roles') ?? [])])];
    return true;
  }),
  'v2/setMemberRoles': post((p, m) => {
    const g = m.managedGuild(p.int('guild_id'));
    const member = m.member(g, p.int('user_id'));
    const roles = assignable(m, g, p.ints('roles') ?? []);
    const op = p.str('operation');
    if (op === 'add') member.roles = [...new Set([...member.roles, ...roles])];
    else if (op === 'del') member.roles = member.roles.filter((id) => !roles.includes(id));
    else throw new BadParam('operation 只能是 add 或 del');
    return true;
  }),
  'guild/role': {
    http: ['PUT', 'DELETE'],
    handle(p, m, req) {
      if (req.method === 'DELETE') return deleteRole.handle(p, m, req);
      const g = m.managedGuild(p.str('guild_id'));
      const r: FbRole = { id: m.ids.next(), name: p.str('name'), position: Math.max(...g.roles.filter((x) => !x.managed).map((x) => x.position)) + 1, permissions: 0, color: 0, mentionable: false, hoist: false, managed: false };
      roleFields(p, r);
      g.roles.push(r);
      return m.roleObj(g, r);
    },
  },
  // Creation and deletion at guild/role (PUT, DELETE), updates at v2/guild/role (PATCH). The seed
  // document deletes at v2/guild/role, the DevOpen SDK (the one public client that deletes roles)
  // at guild/role; nothing settles it, so one variant is served: the SDK's, as creator-mcp sends it.
  'v2/guild/role': {
    http: ['PATCH'],
    handle(p, m) {
      const g = m.managedGuild(p.str('guild_id'));
      const r = m.role(g, p.str('id'));
      if (!p.has('permissions')) throw new BadParam('缺少参数 permissions');
      r.permissions = p.count('permissions', r.permissions);
      roleFields(p, r);
      return m.roleObj(g, r);
    },
  },
};
