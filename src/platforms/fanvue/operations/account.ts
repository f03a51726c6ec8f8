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
      'The logged-in user (uuid, handle, displayName, email, isCreator, fanCounts…). Call it first to check the login and whose account the tools act on.',
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
      'Profile plus account {status, earnings {total, availableBalance, lastPayoutAt}, fans {followers, subscribers}}; money in USD cents. A quick balance and headcount.',
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
      'Notifications, newest first: eventType 6 comment, 7 like, 9 purchase, 10 subscriber, 11 tip, 12 follower, 14 promotion, 19 promo payment, 26 account health, 27 poll closed, 28 churn risk.',
    method: 'GET',
    path: '/notifications',
    input: z.object({
      ...paging,
      eventType: z.number().int().optional().describe('Only this eventType.'),
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
      'For app developers: the logged-in user’s paid plan for app appUuid (status, planName, currentPeriodEnd, cancelAtPeriodEnd; managedCreators for agencies). The login must belong to that app.',
    method: 'GET',
    path: '/apps/{appUuid}/subscription/me',
    input: z.object({ appUuid: uuid('From the Fanvue developer area.') }),
    kind: 'read',
    toolset,
    auth: ['read:self'],
    operationId: 'getAppCurrentUserSubscription',
  }),
  fanvueOperation({
    name: 'get_app_subscription_status',
    title: 'Get an app’s pricing plan status',
    description:
      'For app developers: the state of an app’s pricing plans: overallStatus (notConfigured, pendingSetup, active, withdrawn, mixed, unavailable) and each plan’s billingType, price, interval, status.',
    method: 'GET',
    path: '/apps/{appUuid}/subscription-status',
    input: z.object({ appUuid: uuid('From the Fanvue developer area.') }),
    kind: 'read',
    toolset,
    auth: ['read:self'],
    operationId: 'getAppSubscriptionStatus',
  }),
];
