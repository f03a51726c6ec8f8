import * as z from 'zod';
import { fanvueOperation } from '../operation.js';
import { paging, uuid } from '../params.js';

const toolset = 'fanvue_account';

export const accountOperations = [
  fanvueOperation({
    name: 'get_current_user',
    alwaysLoad: true,
    title: 'Get the logged-in Fanvue user',
    description:
      'Returns the user the login belongs to: uuid, handle, displayName, bio, email, isCreator, avatarUrl, bannerUrl, createdAt, and for creators fanCounts {followersCount, subscribersCount}, contentCounts and likesCount. Use it first to check the login works and whose account the other tools act on.',
    method: 'GET',
    path: '/users/me',
    input: z.object({}),
    kind: 'read',
    toolset,
    auth: ['read:self'],
    operationId: 'getCurrentUser',
  }),
  fanvueOperation({
    name: 'get_account',
    title: 'Get the Fanvue account overview',
    description:
      'Returns the profile plus account {status (active or suspended), earnings {total, availableBalance, lastPayoutAt}, fans {followers, subscribers}}. Money is in USD cents (e.g. 125000 = $1,250.00). Use it for a quick balance and audience headcount.',
    method: 'GET',
    path: '/users/account',
    input: z.object({}),
    kind: 'read',
    toolset,
    auth: ['read:self'],
    operationId: 'getAccount',
  }),
  fanvueOperation({
    name: 'list_notifications',
    title: 'List Fanvue notifications',
    description:
      'Lists notifications newest first: uuid, createdAt, eventType, isRead, data (shape varies by type), originator {uuid, handle, displayName} and receiverUuid. eventType ids: 6 post comment, 7 post like, 9 purchase, 10 new subscriber, 11 tip, 12 new follower, 14 promotion, 19 creator promo payment, 26 account health, 27 poll closed, 28 fan churn risk. Page-based: {data, pagination {page, size, hasMore}}.',
    method: 'GET',
    path: '/notifications',
    input: z.object({
      ...paging,
      eventType: z.number().int().optional().describe('Only notifications of this event type id (e.g. 10 = new subscriber, 11 = tip).'),
    }),
    kind: 'read',
    toolset,
    auth: ['read:self'],
    operationId: 'listNotifications',
  }),
  fanvueOperation({
    name: 'get_app_subscription',
    title: 'Get the user’s subscription to an app',
    description:
      'For developers of a paid Fanvue app: whether the logged-in user has an active paid plan for the app appUuid (status, planName, currentPeriodEnd, cancelAtPeriodEnd); agency members also get managedCreators with each creator’s state. The login must belong to that app.',
    method: 'GET',
    path: '/apps/{appUuid}/subscription/me',
    input: z.object({ appUuid: uuid('The app’s UUID (from the Fanvue developer area).') }),
    kind: 'read',
    toolset,
    auth: ['read:self'],
    operationId: 'getAppCurrentUserSubscription',
  }),
  fanvueOperation({
    name: 'get_app_subscription_status',
    title: 'Get an app’s pricing plan status',
    description:
      'For developers of a Fanvue app: the lifecycle of its pricing plans (overallStatus notConfigured, pendingSetup, active, withdrawn, mixed or unavailable, and each plan with billingType, price, interval and status).',
    method: 'GET',
    path: '/apps/{appUuid}/subscription-status',
    input: z.object({ appUuid: uuid('The app’s UUID (from the Fanvue developer area).') }),
    kind: 'read',
    toolset,
    auth: ['read:self'],
    operationId: 'getAppSubscriptionStatus',
  }),
];
