import * as z from 'zod';
import { intId, intIds, strId } from '../ids.js';
import { botOperation } from '../operation.js';

const colour = z.number().int().min(0).max(0xffffff).describe('RGB integer, e.g. 16711680 (red).');

/** getRoleMembers pages by the last user id; hand the agent the cursor instead of making it dig. */
function withLastId(data: unknown, input: { size?: number }) {
  const list = Array.isArray(data) ? (data as Array<{ user?: { id?: string } }>) : [];
  const lastId = list.at(-1)?.user?.id;
  const hasMore = list.length > 0 && list.length >= (input.size ?? 50);
  return { members: list, hasMore, ...(hasMore && lastId ? { next_last_id: lastId } : {}) };
}

export const roleOperations = [
  botOperation({
    name: 'get_guild_roles',
    title: 'List the roles of a Fanbook guild',
    description:
      'Lists the guild\'s roles in position order; the role whose id is the guild_id is "everyone". Next page of large guilds: last_id.',
    method: 'POST',
    method_path: 'getGuildRoles',
    input: z.object({
      guild_id: intId('Guild ID.'),
      last_id: intId('Cursor: the last role id of the previous page.').optional(),
    }),
    kind: 'read',
    toolset: 'fanbook_roles',
  }),
  botOperation(
    {
      name: 'list_role_members',
      title: 'List the members who have a role',
      description:
        'Lists the members holding one role, as ChatMember objects, size per page (default 50, at most 500). When hasMore is true, pass next_last_id as last_id for the next page.',
      method: 'POST',
      method_path: 'getRoleMembers',
      input: z.object({
        guild_id: intId('Guild ID.'),
        role_id: intId('Role ID (fanbook_get_guild_roles).'),
        size: z.number().int().min(1).max(500).describe('Members per page, 1-500 (default 50).').optional(),
        last_id: intId('Cursor: next_last_id of the previous page.').optional(),
      }),
      kind: 'read',
      toolset: 'fanbook_roles',
      shape: withLastId,
    },
    { defaults: { size: 50 } },
  ),
  botOperation({
    name: 'set_member_roles',
    title: "Replace a member's roles",
    description:
      "Overwrites a member's roles with exactly this list (others removed); fanbook_update_member_roles adds or removes single roles. Needs manage-roles (1012 otherwise).",
    method: 'POST',
    method_path: 'setMemberRoles',
    input: z.object({
      guild_id: intId('Guild ID.'),
      user_id: intId('The member whose roles are replaced.'),
      roles: intIds('The complete new list of role IDs; [] removes all.', 0),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset: 'fanbook_roles',
  }),
  botOperation({
    name: 'update_member_roles',
    title: 'Add or remove roles of a member',
    description:
      "Adds (operation \"add\") or removes (\"del\") roles of a member, keeping the others; safe to repeat. Needs manage-roles (1012 otherwise).",
    method: 'POST',
    method_path: 'v2/setMemberRoles',
    input: z.object({
      guild_id: intId('Guild ID.'),
      user_id: intId('The member.'),
      roles: intIds('Role IDs to add or remove.'),
      operation: z.enum(['add', 'del']).describe('"add" gives the roles, "del" takes them away.'),
    }),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_roles',
  }),
  botOperation({
    name: 'create_role',
    title: 'Create a role in a Fanbook guild',
    description:
      'Creates a role without permissions; returns the GuildRole with its id (then fanbook_update_role). Not idempotent: after a failure check fanbook_get_guild_roles before retrying.',
    method: 'PUT',
    method_path: 'guild/role',
    input: z.object({
      guild_id: strId('Guild ID.'),
      name: z.string().min(1).max(30).describe('The role name, e.g. "VIP".'),
      mentionable: z.boolean().describe('Whether members may @mention the role.').optional(),
      hoist: z.boolean().describe('Whether members with this role are listed separately in the member sidebar.').optional(),
      color: colour.optional(),
    }),
    kind: 'write',
    toolset: 'fanbook_roles',
  }),
  botOperation({
    name: 'update_role',
    title: 'Edit a role of a Fanbook guild',
    description:
      'Changes a role\'s name, permissions, colour, mentionable, hoist. permissions is required and replaces the old value (copy it from fanbook_get_guild_roles to only rename). "everyone": id = guild_id.',
    method: 'PATCH',
    method_path: 'v2/guild/role',
    input: z.object({
      guild_id: strId('Guild ID.'),
      id: strId('The role ID; the guild_id itself for the "everyone" role.'),
      permissions: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe("Permission bits (GuildRole); replaces the current value."),
      name: z.string().min(1).max(30).describe('New role name.').optional(),
      mentionable: z.boolean().describe('Whether members may @mention the role.').optional(),
      hoist: z.boolean().describe('Whether members with this role are listed separately in the member sidebar.').optional(),
      color: colour.optional(),
    }),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_roles',
  }),
  botOperation({
    name: 'delete_role',
    title: 'Delete a role of a Fanbook guild',
    description:
      'Deletes a role from the guild; every member loses it. Cannot be undone. Sent as DELETE /guild/role like the DevOpen SDK (the Fanbook method page says v2/guild/role).',
    method: 'DELETE',
    method_path: 'guild/role',
    input: z.object({
      guild_id: strId('Guild ID.'),
      id: strId('The role ID to delete.'),
    }),
    kind: 'destructive',
    toolset: 'fanbook_roles',
  }),
];
