/**
 * The Fanbook simulator's state. Every ID is a decimal string internally; the wire format
 * (JSON integer or string) is decided per method when answering, as Fanbook does.
 */

export interface FbUser {
  user_id: string;
  /** The short Fanbook number shown as #1234567. */
  username: string;
  nickname: string;
  avatar: string;
  bot: boolean;
  dm_closed?: boolean;
  blocked_bot?: boolean;
  real_name_verified?: boolean;
}

export interface FbRole {
  id: string;
  name: string;
  position: number;
  permissions: number;
  color: number;
  mentionable: boolean;
  hoist: boolean;
  managed: boolean;
}

export interface FbMember {
  user_id: string;
  /** Role ids besides "everyone" (whose id is the guild id). */
  roles: string[];
  nick?: string;
  /** Unix seconds; muted while in the future. */
  muted_until?: number;
}

export interface FbChannel {
  channel_id: string;
  guild_id: string;
  name: string;
  /** 0 text, 1 voice, 4 category, 5 circle (Fanbook's ChannelTypeEnum). */
  type: number;
  topic: string;
  parent_id: string;
  icon: string;
}

export interface FbMessage {
  message_id: string;
  /** The channel, or the private chat id. */
  chat_id: string;
  guild_id: string;
  user_id: string;
  /** What Fanbook stores: `{"type":"text",…}` for plain text, the JSON as sent for rich text and cards. */
  content: string;
  /** ms */
  time: number;
  quote_l1: string | null;
  quote_l2: string | null;
  mentions: string[] | null;
  mention_roles: string[] | null;
  reply_markup: unknown;
  pinned: boolean;
  deleted: boolean;
  reactions: Array<{ emoji: string; user_id: string }>;
  /** Interactive card slots: key → user id. */
  slots: Map<string, string>;
  ephemeral_users?: string[];
}

export interface FbCircleComment {
  comment_id: string;
  user_id: string;
  content: string;
  created_at: number;
  replies: FbCircleComment[];
}

export interface FbCirclePost {
  post_id: string;
  guild_id: string;
  channel_id: string;
  topic_id: string;
  user_id: string;
  title: string;
  content: string;
  created_at: number;
  has_video: boolean;
  reactions: Array<{ reaction_id: string; user_id: string; emoji: string }>;
  comments: FbCircleComment[];
  deleted: boolean;
}

export interface FbInvite {
  code: string;
  guild_id: string;
  channel_id: string;
  inviter: string;
  uses: number;
  max_uses: number;
  /** Unix seconds, 0 = never. */
  expire_time: number;
}

export interface FbGuild {
  guild_id: string;
  name: string;
  icon: string;
  owner_id: string;
  description: string;
  roles: FbRole[];
  members: Map<string, FbMember>;
  /** Whether the bot may manage roles, mute, kick and delete others' messages here. */
  bot_can_manage: boolean;
  emoji: Array<{ id: string; name: string; url: string }>;
  circle: { channel_id: string; topics: Array<{ topic_id: string; name: string }> };
}

export interface FbCredit {
  card_id: string;
  guild_credit?: unknown;
  game_credit?: unknown;
  updated_at: number;
}

export interface FbUpdate {
  update_id: string;
  message: unknown;
}

export interface FbBot {
  id: string;
  username: string;
  first_name: string;
  owner_id: string;
  avatar: string;
  user_token: string;
}

export interface FanbookState {
  bot: FbBot;
  users: Map<string, FbUser>;
  guilds: Map<string, FbGuild>;
  channels: Map<string, FbChannel>;
  /** Private chats: chat id → the user on the other side. */
  privateChats: Map<string, string>;
  /** Oldest first. */
  messages: FbMessage[];
  posts: FbCirclePost[];
  invites: FbInvite[];
  /** `${guild_id}:${user_id}` → card_id → card. */
  credits: Map<string, Map<string, FbCredit>>;
  updates: FbUpdate[];
  notifications: Array<{ to_user_id: string; channel_type: string; content: string; nonce: string }>;
  commands: Array<{ command: string; description: string }>;
}
