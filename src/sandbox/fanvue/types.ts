/** The simulated Fanvue world. Timestamps are ISO strings, money is USD cents, as on the wire. */

export type Relation = 'subscriber' | 'follower' | 'expired' | 'none';
export type MediaType = 'image' | 'video' | 'audio' | 'document';

export interface Fan {
  uuid: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  registeredAt: string;
  relation: Relation;
  subscribedAt: string | null;
  renewsAt: string | null;
  autoRenew: boolean;
  freeTrial: boolean;
  online: boolean;
  lastSeenAt: string | null;
  /** Fans that blocked messages cannot be contacted. */
  contactable: boolean;
}

export interface Message {
  uuid: string;
  senderUuid: string;
  recipientUuid: string;
  text: string | null;
  mediaUuids: string[];
  price: number | null;
  sentAt: string;
  type: string;
  isRead: boolean;
  purchasedAt: string | null;
  massMessageUuid: string | null;
}

export interface Chat {
  fanUuid: string;
  createdAt: string;
  isMuted: boolean;
  /** Whether the creator has read the fan's latest messages. */
  isRead: boolean;
  nickname: string | null;
  /** Oldest first. */
  messages: Message[];
}

export interface Media {
  uuid: string;
  name: string | null;
  caption: string | null;
  description: string | null;
  mediaType: MediaType;
  status: 'created' | 'processing' | 'ready' | 'error';
  createdAt: string;
  recommendedPrice: number | null;
  width: number | null;
  height: number | null;
  lengthMs: number | null;
  tags: string[];
  usage: Array<'subscribers' | 'followers' | 'ppv' | 'mass_messages'>;
  purchasedBy: string[];
  /** Stable per variant type, so signed URLs can change while ids stay. */
  variantUuids: Record<string, string>;
  /** An upload being processed turns ready at this time (epoch ms). */
  readyAt?: number;
}

export interface Comment {
  uuid: string;
  text: string;
  userUuid: string | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface Post {
  uuid: string;
  createdAt: string;
  text: string | null;
  price: number | null;
  mediaUuids: string[];
  mediaPreviewUuid: string | null;
  audience: 'subscribers' | 'followers-and-subscribers';
  publishAt: string | null;
  publishedAt: string | null;
  expiresAt: string | null;
  isPinned: boolean;
  collectionUuids: string[];
  deleted: boolean;
  comments: Comment[];
  likes: Array<{ userUuid: string; createdAt: string }>;
  tips: Array<{ userUuid: string; createdAt: string; gross: number; net: number }>;
}

export interface Earning {
  transactionOrderId: string;
  date: string;
  gross: number;
  net: number;
  source: 'subscription' | 'renewal' | 'tip' | 'message' | 'post' | 'referral';
  fanUuid: string | null;
  messageUuid?: string;
  postUuid?: string;
  status: 'availableForPayout' | 'pendingBalance';
}

export interface Reversal {
  date: string;
  gross: number;
  net: number;
  source: 'refund' | 'chargeback';
  fanUuid: string | null;
  messageUuid?: string;
  postUuid?: string;
}

export interface CustomList {
  uuid: string;
  name: string;
  createdAt: string;
  members: string[];
}

export interface Template {
  uuid: string;
  text: string | null;
  price: number | null;
  mediaUuids: string[];
  folderName: string | null;
}

export interface ListSelection {
  smartListUuids?: string[];
  customListUuids?: string[];
}

export interface MassMessage {
  uuid: string;
  text: string | null;
  status: 'SENT' | 'UNSENT' | 'SENDING' | 'FAILED' | 'MODERATED' | 'SCHEDULED';
  price: number | null;
  createdAt: string;
  publishedAt: string | null;
  scheduledAt: string | null;
  recipientUuids: string[];
  viewCount: number;
  purchaseCount: number;
  totalRevenue: number;
  mediaUuids: string[];
  includedLists: ListSelection;
  excludedLists: ListSelection;
}

export interface VaultFolder {
  name: string;
  createdAt: string;
  mediaUuids: string[];
}

export interface Collection {
  uuid: string;
  label: string;
  createdAt: string;
}

export interface TrackingLink {
  uuid: string;
  name: string;
  linkUrl: string;
  externalSocialPlatform: string;
  createdAt: string;
  clicks: number;
  users: Array<{ fanUuid: string; status: 'subscriber' | 'follower' | 'expired' | 'deleted' | null; metadata: Record<string, string> | null }>;
  earnings: { totalGross: number; totalNet: number } | null;
}

export interface Notification {
  uuid: string;
  createdAt: string;
  eventType: number;
  isRead: boolean;
  data: Record<string, unknown>;
  originatorUuid: string | null;
}

export interface Upload {
  uploadId: string;
  mediaUuid: string;
  /** partNumber → ETag of the bytes received. */
  parts: Map<number, { etag: string; size: number }>;
  completed: boolean;
}

export interface Creator {
  uuid: string;
  handle: string;
  displayName: string;
  email: string;
  bio: string;
  avatarUrl: string | null;
  bannerUrl: string | null;
  createdAt: string;
  lastPayoutAt: string | null;
  paidOut: number;
  percentile: number;
  fans: Map<string, Fan>;
  chats: Map<string, Chat>;
  media: Media[];
  vault: VaultFolder[];
  posts: Post[];
  collections: Collection[];
  customLists: CustomList[];
  templates: Template[];
  massMessages: MassMessage[];
  earnings: Earning[];
  reversals: Reversal[];
  trackingLinks: TrackingLink[];
  notifications: Notification[];
  uploads: Map<string, Upload>;
  entitlements: Array<{ entitlementId: string; mediaUuid: string; consumerId: string; source: string; sourceRef: string }>;
  mediaLinks: Map<string, { purchasedBy: string[] }>;
}

export interface TeamMember {
  uuid: string;
  email: string;
  displayName: string;
  nickname: string | null;
  isAdmin: boolean;
  creatorAccess: Array<{ uuid: string; role: 'ADMIN' | 'CHATTER' }>;
  stats: { messages: number; ppvsSent: number; ppvsUnlocked: number; revenue: number; activeHours: number; avgResponseMs: number | null };
}

export interface FanvueWorld {
  /** The logged-in user: a creator who also runs an agency managing `creators`. */
  principal: string;
  creators: Map<string, Creator>;
  team: TeamMember[];
  invites: Array<{ inviteUuid: string; email: string; kind: 'team' | 'creator' }>;
  apps: Map<string, { name: string; plans: Array<{ uuid: string; name: string; price: number }> }>;
}
