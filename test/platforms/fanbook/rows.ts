import type { seedOf } from './helpers.js';

export type Seed = ReturnType<typeof seedOf>;
export type Ctx = Record<string, string>;
export interface Row {
  tool: string;
  args: (s: Seed, c: Ctx) => Record<string, unknown>;
  method: string;
  path: string;
  /** What Fanbook receives: JSON integers as bigint, strings as strings; form/query as string records. */
  body: (s: Seed, c: Ctx) => unknown;
  /** Remember values of the answer for later rows. */
  keep?: (data: Record<string, unknown>, c: Ctx) => void;
}

const n = (v: string | undefined): bigint => BigInt(v ?? 'missing');
const B = '/api/bot/<token>/';
const card = { type: 'messageCard', notification: '报名', data: { tag: 'column', children: [{ tag: 'text', data: '周六狩猎报名' }] } };
const closed = { type: 'messageCard', notification: '报名已截止', data: JSON.stringify({ tag: 'text', data: '报名已截止' }) };
const credit = { authority: { icon: 'https://example.com/i.png', name: '公会联赛' }, slots: [[{ label: '段位', value: '大师' }]] };

/** One row per tool: the arguments an agent gives → the HTTP method, path and body Fanbook gets. */
export const ROWS: Row[] = [
  { tool: 'fanbook_get_me', args: () => ({}), method: 'GET', path: `${B}getMe`, body: () => ({}) },
  { tool: 'fanbook_get_my_commands', args: () => ({}), method: 'GET', path: `${B}getMyCommands`, body: () => ({}) },
  {
    tool: 'fanbook_set_guild_nick',
    args: (s) => ({ guild_id: s.main, nickname: '小助手' }),
    method: 'POST',
    path: `${B}robot/setGuildNick`,
    body: (s) => ({ guild_id: s.main, nickname: '小助手', bot_id: s.bot }),
  },
  { tool: 'fanbook_get_guild', args: (s) => ({ guild_id: s.main }), method: 'POST', path: `${B}guild`, body: (s) => ({ guild_id: s.main, user_id: s.bot }) },
  { tool: 'fanbook_list_guild_emoji', args: (s) => ({ guild_id: s.main }), method: 'GET', path: `${B}guild/emoji`, body: (s) => ({ guild_id: s.main }) },
  {
    tool: 'fanbook_list_invite_codes',
    args: (s) => ({ guild_id: s.main, size: 10 }),
    method: 'POST',
    path: `${B}invite/guildList`,
    body: (s) => ({ list_id: '0', guild_id: s.main, size: '10' }),
  },
  { tool: 'fanbook_get_invite_code', args: () => ({ c: 'UrKZ2FWU' }), method: 'POST', path: `${B}invite/codeInfo`, body: () => ({ c: 'UrKZ2FWU' }) },
  {
    tool: 'fanbook_list_guild_members',
    args: (s) => ({ guild_id: s.main }),
    method: 'POST',
    path: `${B}v2/guild/members`,
    body: (s) => ({ channel_id: '0', ranges: [{ start: 0n, end: 99n }], guild_id: s.main, user_id: s.bot }),
  },
  {
    tool: 'fanbook_search_guild_members',
    args: (s) => ({ guild_id: s.main, query: '小' }),
    method: 'POST',
    path: `${B}searchGuildMember`,
    body: (s) => ({ guild_id: n(s.main), query: '小' }),
  },
  {
    tool: 'fanbook_search_guild_members_by_username',
    args: (s) => ({ guild_id: s.main, username: [s.username(s.users.u1)] }),
    method: 'POST',
    path: `${B}searchGuildMemberByName`,
    body: (s) => ({ guild_id: n(s.main), username: [s.username(s.users.u1)] }),
  },
  {
    tool: 'fanbook_check_member_exists',
    args: (s) => ({ guild_id: s.main, member_id: s.users.u1 }),
    method: 'POST',
    path: `${B}guild/existsMember`,
    body: (s) => ({ guild_id: s.main, member_id: s.users.u1 }),
  },
  {
    tool: 'fanbook_get_chat_member',
    args: (s) => ({ user_id: s.users.u1, guild_id: s.main }),
    method: 'POST',
    path: `${B}getChatMember`,
    body: (s) => ({ user_id: n(s.users.u1), guild_id: n(s.main) }),
  },
  {
    tool: 'fanbook_mute_member',
    args: (s) => ({ target_uid: s.users.u4, target_guild_id: s.main, duration_in_second: 60 }),
    method: 'POST',
    path: `${B}forbidUserSpeaking`,
    body: (s) => ({ target_uid: s.users.u4, target_guild_id: s.main, duration_in_second: 60n }),
  },
  {
    tool: 'fanbook_kick_member',
    args: (s) => ({ user_id: s.users.u5, guild_id: s.main }),
    method: 'POST',
    path: `${B}kickChatMember`,
    body: (s) => ({ user_id: n(s.users.u5), guild_id: n(s.main) }),
  },
  {
    tool: 'fanbook_check_real_name_verified',
    args: (s) => ({ user_id: s.users.u0 }),
    method: 'GET',
    path: `${B}user/human_authentication`,
    body: (s) => ({ user_id: s.users.u0 }),
  },
  {
    tool: 'fanbook_check_user_guilds',
    args: (s) => ({ user_id: s.users.u0, guilds: [s.main, s.limited, s.foreign] }),
    method: 'POST',
    path: `${B}v2/checkUserGuilds`,
    body: (s) => ({ user_id: n(s.users.u0), guilds: [n(s.main), n(s.limited), n(s.foreign)] }),
  },
  { tool: 'fanbook_get_guild_roles', args: (s) => ({ guild_id: s.main }), method: 'POST', path: `${B}getGuildRoles`, body: (s) => ({ guild_id: n(s.main) }) },
  {
    tool: 'fanbook_list_role_members',
    args: (s) => ({ guild_id: s.main, role_id: s.vip }),
    method: 'POST',
    path: `${B}getRoleMembers`,
    body: (s) => ({ size: 50n, guild_id: n(s.main), role_id: n(s.vip) }),
  },
  {
    tool: 'fanbook_set_member_roles',
    args: (s) => ({ guild_id: s.main, user_id: s.users.u3, roles: [s.newbie] }),
    method: 'POST',
    path: `${B}setMemberRoles`,
    body: (s) => ({ guild_id: n(s.main), user_id: n(s.users.u3), roles: [n(s.newbie)] }),
  },
  {
    tool: 'fanbook_update_member_roles',
    args: (s) => ({ guild_id: s.main, user_id: s.users.u3, roles: [s.vip], operation: 'add' }),
    method: 'POST',
    path: `${B}v2/setMemberRoles`,
    body: (s) => ({ guild_id: n(s.main), user_id: n(s.users.u3), roles: [n(s.vip)], operation: 'add' }),
  },
  {
    tool: 'fanbook_create_role',
    args: (s) => ({ guild_id: s.main, name: '赛季冠军', color: 16766720, hoist: true }),
    method: 'PUT',
    path: `${B}guild/role`,
    body: (s) => ({ guild_id: s.main, name: '赛季冠军', color: 16766720n, hoist: true }),
    keep: (d, c) => (c.role = String(d.id)),
  },
  {
    tool: 'fanbook_update_role',
    args: (s, c) => ({ guild_id: s.main, id: c.role, permissions: 3072, name: '赛季冠军 S1' }),
    method: 'PATCH',
    path: `${B}v2/guild/role`,
    body: (s, c) => ({ guild_id: s.main, id: c.role, permissions: 3072n, name: '赛季冠军 S1' }),
  },
  {
    // Seed: DELETE v2/guild/role; DevOpen SDK: DELETE guild/role. No source settles it: guild/role
    // is picked (the one client known to delete roles uses it), and the simulator serves only it.
    tool: 'fanbook_delete_role',
    args: (s, c) => ({ guild_id: s.main, id: c.role }),
    method: 'DELETE',
    path: `${B}guild/role`,
    body: (s, c) => ({ guild_id: s.main, id: c.role }),
  },
  { tool: 'fanbook_list_channels', args: (s) => ({ guild_id: s.main }), method: 'POST', path: `${B}channel/list`, body: (s) => ({ guild_id: s.main }) },
  {
    tool: 'fanbook_list_channel_messages',
    args: (s) => ({ channel_id: s.chat, size: 10 }),
    method: 'POST',
    path: `${B}message/getList`,
    body: (s) => ({ channel_id: s.chat, size: '10' }),
    keep: (d, c) => (c.seeded = String((d.messages as Array<{ message_id: string }>).at(-1)?.message_id)),
  },
  {
    tool: 'fanbook_edit_channel',
    args: (s) => ({ channel_id: s.chat, guild_id: s.main, topic: '组队专用', parent_id: s.category }),
    method: 'POST',
    path: `${B}channel/edit`,
    body: (s) => ({ channel_id: s.chat, guild_id: s.main, topic: '组队专用', parent_id: s.category, user_id: s.bot }),
  },
  {
    tool: 'fanbook_get_private_chat',
    args: (s) => ({ user_id: s.users.u1 }),
    method: 'POST',
    path: `${B}getPrivateChat`,
    body: (s) => ({ user_id: n(s.users.u1) }),
  },
  {
    // desc is required by sendMessage (the seed marks it so); without one the card's notification line is sent.
    tool: 'fanbook_send_message',
    args: (s) => ({ chat_id: s.chat, text: card }),
    method: 'POST',
    path: `${B}sendMessage`,
    body: (s) => ({
      chat_id: n(s.chat),
      text: JSON.stringify({ ...card, data: JSON.stringify(card.data) }),
      desc: '报名',
      parse_mode: 'Fanbook',
    }),
    keep: (d, c) => (c.card = String(d.message_id)),
  },
  {
    tool: 'fanbook_send_photo',
    args: (s) => ({ chat_id: s.chat, photo: { Url: 'https://example.com/a.jpg' }, width: 800, height: 600 }),
    method: 'POST',
    path: `${B}sendPhoto`,
    body: (s) => ({ chat_id: n(s.chat), photo: { Url: 'https://example.com/a.jpg' }, width: 800n, height: 600n }),
    keep: (d, c) => (c.photo = String(d.message_id)),
  },
  {
    tool: 'fanbook_get_message',
    args: (s, c) => ({ chat_id: s.chat, message_id: c.photo }),
    method: 'POST',
    path: `${B}getMessage`,
    body: (s, c) => ({ chat_id: n(s.chat), message_id: n(c.photo) }),
  },
  {
    tool: 'fanbook_edit_message_text',
    args: (s, c) => ({ chat_id: s.chat, message_id: c.card, text: JSON.stringify(closed), parse_mode: 'Fanbook' }),
    method: 'POST',
    path: `${B}editMessageText`,
    body: (s, c) => ({ chat_id: n(s.chat), message_id: n(c.card), text: JSON.stringify(closed), parse_mode: 'Fanbook' }),
  },
  {
    tool: 'fanbook_edit_message_reply_markup',
    args: (s, c) => ({ chat_id: s.chat, message_id: c.photo, reply_markup: { inline_keyboard: [[{ text: '好', callback_data: 'ok' }]] } }),
    method: 'POST',
    path: `${B}editMessageReplyMarkup`,
    body: (s, c) => ({ chat_id: n(s.chat), message_id: n(c.photo), reply_markup: { inline_keyboard: [[{ text: '好', callback_data: 'ok' }]] } }),
  },
  {
    tool: 'fanbook_send_reaction',
    args: (s, c) => ({ channel_id: s.chat, message_id: c.seeded, emoji: '赞' }),
    method: 'POST',
    path: `${B}sendReaction`,
    body: (s, c) => ({ channel_id: s.chat, message_id: c.seeded, emoji: '%E8%B5%9E', user_id: s.bot }),
  },
  {
    tool: 'fanbook_pin_message',
    args: (s, c) => ({ chat_id: s.chat, message_id: c.photo }),
    method: 'POST',
    path: `${B}pinChatMessage`,
    body: (s, c) => ({ chat_id: n(s.chat), message_id: n(c.photo) }),
  },
  {
    tool: 'fanbook_unpin_message',
    args: (s, c) => ({ chat_id: s.chat, message_id: c.photo }),
    method: 'POST',
    path: `${B}unpinChatMessage`,
    body: (s, c) => ({ chat_id: n(s.chat), message_id: n(c.photo) }),
  },
  {
    tool: 'fanbook_send_notification',
    args: (s) => ({ channel_type: '1', to_user_id: s.users.u1, content: '今日签到 0/1', nonce: '463992311181799999' }),
    method: 'POST',
    path: `${B}sendNotication`,
    body: (s) => ({ channel_type: '1', to_user_id: s.users.u1, content: '今日签到 0/1', nonce: '463992311181799999' }),
  },
  { tool: 'fanbook_get_updates', args: () => ({ timeout: 0, limit: 5 }), method: 'POST', path: `${B}getUpdates`, body: () => ({ timeout: 0n, limit: 5n }) },
  { tool: 'fanbook_get_updates_nonblocking', args: () => ({}), method: 'POST', path: `${B}v2/getUpdates`, body: () => ({}) },
  {
    tool: 'fanbook_click_message_card',
    args: (s, c) => ({ key: '1', channel_id: s.chat, message_id: c.card }),
    method: 'POST',
    path: `${B}interaction/message_card/click`,
    body: (s, c) => ({ key: '1', channel_id: s.chat, message_id: c.card, user_id: s.bot }),
  },
  {
    tool: 'fanbook_cancel_click_message_card',
    args: (s, c) => ({ key: '1', channel_id: s.chat, message_id: c.card, user_id: s.bot }),
    method: 'POST',
    path: `${B}interaction/message_card/cancel_click`,
    body: (s, c) => ({ key: '1', channel_id: s.chat, message_id: c.card, user_id: s.bot }),
  },
  {
    tool: 'fanbook_claim_message_card_slot',
    args: (s, c) => ({ channel_id: s.chat, message_id: c.card, max: 5, user_id: s.users.u2 }),
    method: 'POST',
    path: `${B}interaction/message_card/auto`,
    body: (s, c) => ({ channel_id: s.chat, message_id: c.card, max: 5n, user_id: s.users.u2 }),
  },
  {
    tool: 'fanbook_list_message_card_users',
    args: (s, c) => ({ channel_id: s.chat, message_id: c.card }),
    method: 'POST',
    path: `${B}message_card/list_users`,
    body: (s, c) => ({ channel_id: s.chat, message_id: c.card }),
  },
  {
    tool: 'fanbook_delete_message',
    args: (s, c) => ({ chat_id: s.chat, message_id: c.photo }),
    method: 'POST',
    path: `${B}deleteMessage`,
    body: (s, c) => ({ chat_id: n(s.chat), message_id: n(c.photo) }),
  },
  {
    tool: 'fanbook_get_circle_info',
    args: (s) => ({ guild_id: s.main }),
    method: 'POST',
    path: `${B}v2/circle/info`,
    body: (s) => ({ guild_id: n(s.main) }),
  },
  {
    tool: 'fanbook_list_circle_posts',
    args: (s) => ({ guild_id: s.main, channel_id: s.circle, size: 10 }),
    method: 'POST',
    path: `${B}circle/postList`,
    body: (s) => ({ guild_id: s.main, channel_id: s.circle, size: '10' }),
    keep: (d, c) => {
      const posts = (d.records as Array<{ post: { post_id: string; topic_id: string } }>).map((r) => r.post);
      c.newPost = posts[0]!.post_id;
      c.newTopic = posts[0]!.topic_id;
      c.post = posts[1]!.post_id;
    },
  },
  { tool: 'fanbook_get_circle_post', args: (_, c) => ({ post_id: c.post }), method: 'POST', path: `${B}circle/detail`, body: (_, c) => ({ post_id: c.post }) },
  {
    // circle/reactionList and circle/commentList as the official Java SDK sends them; the seed's
    // v2/circle/* names for these two are in no client. One variant, served alone by the simulator.
    tool: 'fanbook_list_circle_reactions',
    args: (_, c) => ({ post_id: c.post, size: 10 }),
    method: 'POST',
    path: `${B}circle/reactionList`,
    body: (_, c) => ({ post_id: c.post, size: 10n }),
  },
  {
    tool: 'fanbook_list_circle_comments',
    args: (s, c) => ({ post_id: c.post, channel_id: s.circle, size: 10 }),
    method: 'POST',
    path: `${B}circle/commentList`,
    body: (s, c) => ({ post_id: c.post, channel_id: s.circle, size: '10' }),
    keep: (d, c) => (c.comment = (d.records as Array<{ comment_id: string; reply_count: number }>).find((r) => r.reply_count > 0)!.comment_id),
  },
  {
    tool: 'fanbook_list_circle_comment_replies',
    args: (_, c) => ({ post_id: c.post, comment_id: c.comment, size: 5 }),
    method: 'POST',
    path: `${B}v2/circle/commentReplyList`,
    body: (_, c) => ({ post_id: c.post, comment_id: c.comment, size: '5' }),
  },
  {
    tool: 'fanbook_list_circle_reaction_users',
    args: (s, c) => ({ guild_id: s.main, post_id: c.post }),
    method: 'POST',
    path: `${B}getCircleReactionList`,
    body: (s, c) => ({ guild_id: s.main, post_id: c.post }),
  },
  {
    tool: 'fanbook_list_circle_comment_users',
    args: (s, c) => ({ guild_id: s.main, post_id: c.post, size: 10 }),
    method: 'POST',
    path: `${B}getCircleCommentList`,
    body: (s, c) => ({ guild_id: s.main, post_id: c.post, size: 10n }),
  },
  {
    tool: 'fanbook_delete_circle_post',
    args: (s, c) => ({ post_id: c.newPost, channel_id: s.circle, topic_id: c.newTopic, reason: '重复发帖' }),
    method: 'DELETE',
    path: `${B}v2/circle/postDelete`,
    body: (s, c) => ({ post_id: c.newPost, channel_id: s.circle, topic_id: c.newTopic, reason: '重复发帖' }),
  },
  {
    tool: 'fanbook_get_guild_credit',
    args: (s) => ({ guild_id: s.main, user_id: s.users.u2 }),
    method: 'POST',
    path: `${B}getGuildCredit`,
    body: (s) => ({ guild_id: n(s.main), user_id: n(s.users.u2) }),
  },
  {
    tool: 'fanbook_set_guild_credit',
    args: (s) => ({ guild_id: s.main, user_id: s.users.u2, card_id: 'season-2-rank-u2', guild_credit: credit }),
    method: 'PUT',
    path: `${B}v2/guild/credit`,
    body: (s) => ({ guild_id: s.main, user_id: s.users.u2, card_id: 'season-2-rank-u2', guild_credit: credit }),
  },
  {
    tool: 'fanbook_set_game_credit',
    args: (s) => ({ chat_id: s.chat, user_id: s.users.u2, card_id: 'game-record-u2', game_credit: { game: '怪物猎人', kills: 12 } }),
    method: 'PUT',
    path: `${B}v2/guild/credit`,
    body: (s) => ({ chat_id: n(s.chat), user_id: s.users.u2, card_id: 'game-record-u2', game_credit: { game: '怪物猎人', kills: 12n } }),
  },
  {
    tool: 'fanbook_delete_guild_credit',
    args: (s) => ({ guild_id: s.main, user_id: s.users.u2, card_id: 'season-2-rank-u2' }),
    method: 'DELETE',
    path: `${B}v2/guild/credit`,
    body: (s) => ({ guild_id: s.main, user_id: s.users.u2, card_id: 'season-2-rank-u2' }),
  },
  {
    tool: 'fanbook_send_guild_notification',
    args: (s) => ({ guild_id: s.main, users: [s.users.u1], text: '周六活动开始' }),
    method: 'POST',
    path: `${B}guild/notification/send`,
    body: (s) => ({ guild_id: s.main, users: [s.users.u1], text: '周六活动开始' }),
    keep: (d, c) => {
      c.notice = String(d.message_id);
      c.noticeChat = String((d.chat as { id: string }).id);
    },
  },
  {
    tool: 'fanbook_recall_guild_notification',
    args: (s, c) => ({ guild_id: s.main, chat_id: c.noticeChat, message_id: c.notice }),
    method: 'POST',
    path: `${B}guild/notification/recall`,
    body: (s, c) => ({ guild_id: s.main, chat_id: c.noticeChat, message_id: c.notice }),
  },
  {
    tool: 'fanbook_list_quote_messages',
    args: (s, c) => ({ channel_id: s.chat, quote_id: c.seeded }),
    method: 'POST',
    path: `${B}v2/quotes`,
    body: (s, c) => ({ channel_id: s.chat, quote_id: c.seeded }),
  },
  {
    tool: 'fanbook_add_guild_user',
    args: (s) => ({ guild_id: s.main, member_id: s.users.u7, c: 'UrKZ2FWU' }),
    method: 'POST',
    path: `${B}v2/guild/addUser`,
    body: (s) => ({ guild_id: s.main, member_id: s.users.u7, c: 'UrKZ2FWU' }),
  },
  { tool: 'fanbook_oauth_get_me', args: () => ({}), method: 'POST', path: '/open/api/user/getMe', body: () => ({}) },
  { tool: 'fanbook_oauth_get_guilds', args: () => ({}), method: 'POST', path: '/open/api/guild/getGuilds', body: () => ({}) },
];
