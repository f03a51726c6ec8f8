/** The simulated Fresns site's data, as plain records (presentation lives in present.ts). */

export type MarkKind = 'like' | 'dislike' | 'follow' | 'block';
export type MarkTarget = 'user' | 'group' | 'hashtag' | 'post' | 'comment';

export interface SimKey {
  appId: string;
  appSecret: string;
  platformId: number;
  /** Only "core" (Main API) keys may call the API. */
  type: 'core' | 'manage';
  enabled: boolean;
  readOnly: boolean;
}

export interface SimAccount {
  aid: string;
  email?: string;
  phone?: string;
  countryCode?: number;
  password: string;
  walletPassword?: string;
  walletBalance: number;
  users: number[];
  waitDelete: boolean;
  waitDeleteAt: number | null;
  createdAt: number;
}

export interface SimUser {
  uid: number;
  aid: string;
  username: string;
  nickname: string;
  password?: string;
  avatar: string;
  banner: string | null;
  bio: string;
  gender: number;
  birthday: string | null;
  location: string | null;
  roleId: number;
  verified: boolean;
  conversationLimit: number;
  commentLimit: number;
  createdAt: number;
}

export interface SimGroup {
  gid: string;
  gname: string;
  description: string;
  /** 1 category, 2 group. */
  type: 1 | 2;
  parentGid: string | null;
  recommend: boolean;
  createdAt: number;
}

export interface SimHashtag {
  hid: string;
  hname: string;
  description: string;
  createdAt: number;
}

export interface SimMap {
  mapId: number;
  latitude: number;
  longitude: number;
  poi: string;
}

export interface SimPost {
  pid: string;
  uid: number;
  gid: string | null;
  title: string | null;
  content: string;
  isMarkdown: boolean;
  isAnonymous: boolean;
  hashtags: string[];
  quotedPid: string | null;
  commentDisabled: boolean;
  commentPrivate: boolean;
  stickyState: number;
  digestState: number;
  map: SimMap | null;
  fids: string[];
  users: number[];
  viewCount: number;
  createdAt: number;
  editedAt: number | null;
  editedCount: number;
  deleted: boolean;
}

export interface SimComment {
  cid: string;
  pid: string;
  parentCid: string | null;
  uid: number;
  content: string;
  isMarkdown: boolean;
  isAnonymous: boolean;
  hashtags: string[];
  map: SimMap | null;
  fids: string[];
  sticky: boolean;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
}

/** A published version of a post or comment (post_logs / comment_logs with state 3). */
export interface SimLog {
  id: number;
  kind: 'post' | 'comment';
  fsid: string;
  uid: number;
  title: string | null;
  content: string;
  createdAt: number;
}

export interface SimDraft {
  id: number;
  kind: 'post' | 'comment';
  uid: number;
  /** The published content this draft edits, when it came from "generate". */
  fsid: string | null;
  createType: number;
  editorFskey: string | null;
  fields: Record<string, unknown>;
  fids: string[];
  /** 1 editing, 2 under review, 3 published, 4 rejected. */
  state: 1 | 2 | 3 | 4;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface SimMark {
  uid: number;
  interactionType: MarkKind;
  markType: MarkTarget;
  fsid: string;
  note: string | null;
  createdAt: number;
}

export interface SimConversation {
  id: number;
  aUid: number;
  bUid: number;
  pinnedBy: number[];
  deletedBy: number[];
}

export interface SimMessage {
  id: number;
  conversationId: number;
  senderUid: number;
  /** 1 text, 2 file. */
  type: 1 | 2;
  content: string | null;
  fid: string | null;
  createdAt: number;
  readBy: number[];
  deletedBy: number[];
}

export interface SimNotification {
  id: number;
  uid: number;
  /** 1 system, 2 recommend, 3 like, 4 dislike, 5 follow, 6 block, 7 mention, 8 comment, 9 quote. */
  type: number;
  content: string | null;
  actionUid: number | null;
  actionTarget: MarkTarget | null;
  actionFsid: string | null;
  read: boolean;
  createdAt: number;
}

export interface SimFile {
  fid: string;
  type: 'image' | 'video' | 'audio' | 'document';
  name: string;
  mime: string;
  size: number;
  uploaderUid: number;
  usageType: number;
  tableName: string;
  tableKey: string;
  createdAt: number;
  downloads: Array<{ uid: number; at: number }>;
}

export interface SimSession {
  aid: string;
  uid?: number;
  expiresAt: number | null;
}

export interface SimState {
  keys: SimKey[];
  accounts: SimAccount[];
  users: SimUser[];
  groups: SimGroup[];
  hashtags: SimHashtag[];
  posts: SimPost[];
  comments: SimComment[];
  logs: SimLog[];
  drafts: SimDraft[];
  marks: SimMark[];
  conversations: SimConversation[];
  messages: SimMessage[];
  notifications: SimNotification[];
  files: SimFile[];
  roles: Array<{ rid: number; type: number; name: string; nicknameColor: string | null; status: boolean }>;
  stickers: Array<{ code: string; name: string; stickers: Array<{ code: string; name: string; image: string }> }>;
  blockWords: Array<{ word: string; replaceWord: string | null; contentMode: number; userMode: number; conversationMode: number }>;
  configs: Record<string, { value: unknown; tag: string }>;
  codeMessages: Record<string, string>;
  archives: Array<{ usageType: string; fskey: string; name: string; code: string; formElement: string; required: boolean; options: unknown[] }>;
  contentTypes: Record<'post' | 'comment', Array<{ fskey: string; name: string; value: string }>>;
  walletLogs: Array<{ id: number; aid: string; type: number; amount: number; openingBalance: number; closingBalance: number; state: number; remark: string; createdAt: number }>;
  verifyCodes: Array<{ type: 'email' | 'sms'; account: string; useType: number; code: string; at: number }>;
  uploadLogs: Array<Record<string, unknown>>;
  callbacks: Array<{ fskey: string; ulid: string; callbackKey: string; callbackType: number; callbackData: unknown }>;
  accountTokens: Map<string, SimSession>;
  userTokens: Map<string, SimSession>;
  /** 3.x: tokens the account center hands out after a login, exchanged once within 5 minutes. */
  loginTokens: Map<string, { aid: string; uid: number; at: number; used: boolean }>;
  /** How many account logins and user logins succeeded (tests count re-logins). */
  counters: { accountLogins: number; userLogins: number };
  seq: { notification: number; message: number; conversation: number; draft: number; log: number; uid: number; walletLog: number };
}
