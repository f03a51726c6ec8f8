import * as z from 'zod';
import { unlistedShape } from '../../listed-schema.js';
import type { FresnsOperation } from './define.js';
import { doc, fresnsOp } from './define.js';
import { accountType, countryCode, deviceToken, password, paging, verifyCode } from './params.js';

/** The account (aid) side of a session: codes, register, login, profile, wallet, deletion. */
export const accountOperations: readonly FresnsOperation[] = [
  fresnsOp({
    name: 'send_verify_code',
    title: 'Send a Fresns verification code',
    description:
      'Sends a code by email or SMS: register (useType 1, templateId 2), code login or reset (useType 2, templateIds 7, 5), bind empty email/phone (3), confirm the account (4). One per minute, five per 10 minutes.',
    method: 'POST',
    path: '/api/v2/common/send-verify-code',
    input: z.object({
      type: z.enum(['email', 'sms']).describe('Send by "email" or "sms".'),
      useType: z.number().int().min(1).max(5).describe('1 new account, 2 existing account, 3 empty email/phone, 4 this account, 5 send directly.'),
      templateId: z.number().int().min(1).max(8).describe('1-8 (2 register, 5 reset password, 7 login…).'),
      account: z.string().min(1).describe('Email or phone number; not used with useType 4.').optional(),
      countryCode: countryCode.optional(),
    }),
    kind: 'write',
    toolset: 'account',
    login: 'none',
    docs: doc('common/send-verify-code'),
  }),
  fresnsOp({
    name: 'register_account',
    title: 'Register a Fresns account',
    description:
      'Creates an account with its first user (nickname), after a code (fresns_send_verify_code useType 1, templateId 2); returns aid and users. The session is kept (then fresns_login_account). Not on private-mode sites.',
    method: 'POST',
    path: '/api/v2/account/register',
    input: z.object({
      type: accountType,
      account: z.string().min(1).describe('The email address or phone number to register.'),
      countryCode: countryCode.optional(),
      verifyCode,
      password: password('The new account password'),
      nickname: z.string().min(1).max(64).describe('Nickname of the first user of the account.'),
      deviceToken: deviceToken.optional(),
    }),
    kind: 'write',
    toolset: 'account',
    login: 'none',
    base64: ['password'],
    session: 'strip-token',
    docs: doc('account/register'),
  }),
  fresnsOp({
    name: 'login_account',
    title: 'Log in to a Fresns account',
    description:
      'Logs in with password or code (fresns_send_verify_code useType 2, templateId 7) and replaces creator-mcp\'s session; returns the account with its users (the token is kept, never shown). Then fresns_login_user (automatic for one user without password). Not needed with FRESNS_ACCOUNT/FRESNS_PASSWORD.',
    method: 'POST',
    path: '/api/v2/account/login',
    input: z
      .object({
        type: accountType,
        account: z.string().min(1).describe('The email address or phone number.'),
        countryCode: countryCode.optional(),
        password: password('The account password (or give verifyCode)').optional(),
        verifyCode: verifyCode.optional(),
        deviceToken: deviceToken.optional(),
      })
      .superRefine((v, ctx) => {
        if ((v.password === undefined) === (v.verifyCode === undefined)) {
          ctx.addIssue({ code: 'custom', path: ['password'], message: 'give password or verifyCode (one of them)' });
        }
      }),
    kind: 'write',
    toolset: 'account',
    login: 'none',
    base64: ['password'],
    session: 'account-login',
    docs: doc('account/login'),
  }),
  fresnsOp({
    name: 'reset_password',
    title: 'Reset a Fresns account password',
    description:
      'Sets a new login password for an account with a verification code (fresns_send_verify_code useType 2, templateId 5). The old password stops working at once.',
    method: 'PUT',
    path: '/api/v2/account/reset-password',
    input: z.object({
      type: accountType,
      account: z.string().min(1).describe('The email address or phone number of the account.'),
      countryCode: countryCode.optional(),
      verifyCode,
      newPassword: password('The new password'),
    }),
    kind: 'destructive',
    idempotent: true,
    toolset: 'account',
    login: 'none',
    base64: ['newPassword'],
    docs: doc('account/reset-password'),
  }),
  fresnsOp({
    name: 'get_account',
    title: 'Get the logged-in Fresns account',
    description:
      'Returns the account: aid, masked email and phone, verification, wallet, connected platforms, deletion request (waitDelete, waitDeleteDateTime) and its users (uid, username, nickname, hasPassword).',
    method: 'GET',
    path: '/api/v2/account/detail',
    input: z.object({}),
    kind: 'read',
    toolset: 'account',
    login: 'account',
    docs: doc('account/detail'),
  }),
  fresnsOp({
    name: 'list_wallet_logs',
    title: 'List Fresns wallet transactions',
    description:
      'Lists wallet transactions, newest first, paginated: type (1 recharge, 2 unfreeze, 3 income transfer, 4 income reversal, 5 withdraw, 6 freeze, 7 expense transfer, 8 expense reversal), amount (decimal, site currency), balances, state, remark.',
    method: 'GET',
    path: '/api/v2/account/wallet-logs',
    input: z.object({
      type: z.string().regex(/^[1-8](,[1-8])*$/).describe('Only these types, comma-separated, e.g. "1,3".').optional(),
      state: z.number().int().min(1).max(5).describe('1 pending, 2 processing, 3 success, 4 failed, 5 refunded.').optional(),
      ...paging(50),
    }),
    kind: 'read',
    toolset: 'account',
    login: 'account',
    docs: doc('account/wallet-logs'),
  }),
  fresnsOp({
    name: 'verify_identity',
    title: 'Verify the Fresns account identity',
    description:
      'Confirms that the logged-in person owns the account with a code sent by fresns_send_verify_code (useType 4). Some account changes (email, phone) require it first.',
    method: 'POST',
    path: '/api/v2/account/verify-identity',
    input: z.object({
      type: z.enum(['email', 'sms']).describe('Where the code was sent: "email" or "sms".'),
      verifyCode,
    }),
    kind: 'write',
    idempotent: true,
    toolset: 'account',
    login: 'account',
    docs: doc('account/verify-identity'),
  }),
  fresnsOp({
    name: 'edit_account',
    title: 'Edit the Fresns account',
    description:
      'Changes the account: email or phone (with codes), login password (currentPassword + newPassword), wallet password, or disconnects a platform. Only given fields change.',
    method: 'PUT',
    path: '/api/v2/account/edit',
    input: z.object({
      codeType: z.enum(['email', 'sms']).describe('Where verifyCode was sent, when one is given.').optional(),
      verifyCode: verifyCode.optional(),
      newEmail: z.string().email().describe('New email address (needs newVerifyCode sent to it).').optional(),
      newPhone: z.string().regex(/^\d{5,20}$/).describe('New phone number (needs newCountryCode and newVerifyCode).').optional(),
      newCountryCode: countryCode.optional(),
      newVerifyCode: z.string().min(1).max(12).describe('Code sent to the new email or phone.').optional(),
      currentPassword: password('The current login password').optional(),
      newPassword: password('The new login password').optional(),
      // Wallet and housekeeping fields: rare, explained in fresns://guides/content.
      ...unlistedShape({
        currentWalletPassword: password('The current wallet password').optional(),
        newWalletPassword: password('The new wallet password').optional(),
        updateLastLoginTime: z.boolean().describe('true only refreshes the last login time.').optional(),
        disconnectPlatformId: z.number().int().min(1).describe('Disconnect this connected platform (connect id).').optional(),
      }),
      deviceToken: deviceToken.optional(),
    }),
    kind: 'destructive',
    toolset: 'account',
    login: 'account',
    base64: ['currentPassword', 'newPassword', 'currentWalletPassword', 'newWalletPassword'],
    docs: doc('account/edit'),
  }),
  fresnsOp({
    name: 'logout',
    title: 'Log out of Fresns',
    description:
      'Ends the current Fresns session on the site and removes it from creator-mcp\'s token store. A later tool that needs a login logs in again only when FRESNS_ACCOUNT and FRESNS_PASSWORD are set; otherwise use fresns_login_account.',
    method: 'DELETE',
    path: '/api/v2/account/logout',
    input: z.object({}),
    kind: 'write',
    idempotent: true,
    toolset: 'account',
    login: 'none',
    session: 'logout',
    docs: doc('account/logout'),
  }),
  fresnsOp({
    name: 'apply_delete_account',
    title: 'Request deletion of the Fresns account',
    description:
      'Asks the site to delete the account and all its users after its waiting period (waitDeleteDateTime in fresns_get_account); confirm with the password or a code. fresns_recall_delete_account withdraws it until then.',
    method: 'POST',
    path: '/api/v2/account/apply-delete',
    input: z
      .object({
        codeType: z.enum(['email', 'sms']).describe('Where the account is reached (required even with password).'),
        password: password('The account password; give it or verifyCode').optional(),
        verifyCode: verifyCode.describe('The code sent by email or SMS; give it or password.').optional(),
      })
      .superRefine((v, ctx) => {
        if (v.password === undefined && v.verifyCode === undefined) ctx.addIssue({ code: 'custom', path: ['verifyCode'], message: 'give password or verifyCode' });
      }),
    kind: 'destructive',
    toolset: 'account',
    login: 'account',
    base64: ['password'],
    docs: doc('account/apply-delete'),
  }),
  fresnsOp({
    name: 'recall_delete_account',
    title: 'Withdraw the account deletion request',
    description: 'Withdraws a pending deletion request of the logged-in account, so it stays. Harmless when none is pending. (Fresns 2.x name: recall-delete; 3.x calls it revoke.)',
    method: 'POST',
    path: '/api/v2/account/recall-delete',
    input: z.object({}),
    kind: 'write',
    idempotent: true,
    toolset: 'account',
    login: 'user',
    docs: doc('account/recall-delete'),
  }),
];
