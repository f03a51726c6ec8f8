import { refuse } from './model.js';
import { post, type MethodTable } from './method.js';
import { BadParam } from './wire.js';

export const channelMethods: MethodTable = {
  'channel/list': post((p, m) => {
    const g = m.botGuild(p.str('guild_id'));
    return [...m.state.channels.values()]
      .filter((c) => c.guild_id === g.guild_id)
      .map((c) => ({
        channel_id: c.channel_id,
        guild_id: c.guild_id,
        name: c.name,
        type: c.type,
        topic: c.topic,
        parent_id: c.parent_id,
        icon: c.icon,
        ...(c.type === 1 ? { user_limit: 10 } : {}),
        permission_overwrites: [{ id: c.guild_id, action_type: 'role', allows: 1024, deny: 0 }],
      }));
  }),
  'channel/edit': post((p, m) => {
    const c = m.channel(p.str('channel_id'));
    p.str('user_id');
    const guildId = p.str('guild_id', true);
    if (guildId !== undefined && guildId !== c.guild_id) throw new BadParam('频道不属于该服务器');
    if (!m.botGuild(c.guild_id).bot_can_manage) throw refuse(1012, '没有权限');
    const parent = p.str('parent_id', true);
    if (parent !== undefined && m.channel(parent).type !== 4) throw new BadParam('parent_id 必须是频道分类');
    c.name = p.str('name', true) ?? c.name;
    c.topic = p.str('topic', true) ?? c.topic;
    c.icon = p.str('icon', true) ?? c.icon;
    c.parent_id = parent ?? c.parent_id;
    return true;
  }),
};
