import { accountInfo, userInfo } from '../present.js';
import { SimError, datetime, int, need, ok, paginate, str, type Ctx, type Route } from '../router.js';
import type { SimAccount, SimUser } from '../types.js';

const DAY = 86_400_000;
/** Sandbox sessions last a week, like a default Fresns token setting. */
const SESSION_MS = 7 * DAY;

export const decodePassword = (v: string | undefined): string | undefined => (v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8'));

function findAccount(ctx: Ctx, type: string, account: string): SimAccount | undefined {
  return ctx.state.accounts.find((a) => (type === 'email' ? a.email === account : a.phone === account));
}

/** A code sent to that address for one of these uses, still fresh (10 minutes); consumed on use. */
export function takeCode(ctx: Ctx, account: string | undefined, code: string, useTypes: number[]): void {
  const i = ctx.state.verifyCodes.findIndex((c) => c.account === account && c.code === code && useTypes.includes(c.useType) && c.at > ctx.now - 600_000);
  if (i < 0) throw new SimError(33203, 'The verification code is incorrect or has expired');
  ctx.state.verifyCodes.splice(i, 1);
}

export function me(ctx: Ctx): SimAccount {
  return need(ctx.state.accounts.find((a) => a.aid === ctx.aid), 31501, 'Account not logged in');
}

function accountSession(ctx: Ctx, a: SimAccount) {
  const token = ctx.ids.fsid(32);
  const expiresAt = ctx.now + SESSION_MS;
  ctx.state.accountTokens.set(token, { aid: a.aid, expiresAt });
  ctx.state.counters.accountLogins += 1;
  return {
    sessionToken: { aid: a.aid, token, expiredHours: SESSION_MS / 3_600_000, expiredDays: SESSION_MS / DAY, expiredDateTime: datetime(expiresAt) },
    items: { walletRecharges: [], walletWithdraws: [] },
    detail: accountInfo(ctx, a),
  };
}

function register(ctx: Ctx) {
  const type = str(ctx, 'type', { required: true, in: ['email', 'phone'] }) as string;
  const account = str(ctx, 'account', { required: true }) as string;
  const code = str(ctx, 'verifyCode', { required: true }) as string;
  const password = decodePassword(str(ctx, 'password', { required: true })) as string;
  const nickname = str(ctx, 'nickname', { required: true, max: 64 }) as string;
  if (type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(account)) throw new SimError(34101, 'The email format is incorrect');
  if (findAccount(ctx, type, account)) throw new SimError(34204, 'The account already exists');
  if (password.length < 6) throw new SimError(34104, 'The password must be at least 6 characters');
  takeCode(ctx, account, code, [1]);
  const aid = ctx.ids.fsid();
  const uid = ++ctx.state.seq.uid;
  const a: SimAccount = { aid, password, walletBalance: 0, users: [uid], waitDelete: false, waitDeleteAt: null, createdAt: ctx.now, ...(type === 'email' ? { email: account } : { phone: account, countryCode: int(ctx, 'countryCode') ?? 86 }) };
  const u: SimUser = { uid, aid, username: `user${uid}`, nickname, avatar: 'https://sandbox.fresns.test/assets/avatars/default.png', banner: null, bio: '', gender: 1, birthday: null, location: null, roleId: 3, verified: false, conversationLimit: 1, commentLimit: 1, createdAt: ctx.now };
  ctx.state.accounts.push(a);
  ctx.state.users.push(u);
  return ok(accountSession(ctx, a));
}

function login(ctx: Ctx) {
  const type = str(ctx, 'type', { required: true, in: ['email', 'phone'] }) as string;
  const account = str(ctx, 'account', { required: true }) as string;
  const password = decodePassword(str(ctx, 'password'));
  const code = str(ctx, 'verifyCode');
  if (password === undefined && code === undefined) throw new SimError(30000, 'The password field is required when verify code is not present.');
  const a = findAccount(ctx, type, account);
  if (!a) throw new SimError(34300, 'The account does not exist');
  if (code !== undefined) takeCode(ctx, account, code, [2]);
  else if (a.password !== password) throw new SimError(34304, 'Incorrect password');
  return ok(accountSession(ctx, a));
}

function edit(ctx: Ctx) {
  const a = me(ctx);
  const newPassword = decodePassword(str(ctx, 'newPassword'));
  if (newPassword !== undefined) {
    if (decodePassword(str(ctx, 'currentPassword')) !== a.password) throw new SimError(34304, 'Incorrect password');
    if (newPassword.length < 6) throw new SimError(34104, 'The password must be at least 6 characters');
    a.password = newPassword;
  }
  const newWallet = decodePassword(str(ctx, 'newWalletPassword'));
  if (newWallet !== undefined) {
    if (a.walletPassword !== undefined && decodePassword(str(ctx, 'currentWalletPassword')) !== a.walletPassword) throw new SimError(34502, 'Incorrect wallet password');
    a.walletPassword = newWallet;
  }
  const newEmail = str(ctx, 'newEmail');
  if (newEmail !== undefined) {
    if (ctx.state.accounts.some((x) => x.email === newEmail)) throw new SimError(34204, 'The account already exists');
    takeCode(ctx, newEmail, str(ctx, 'newVerifyCode', { required: true }) as string, [1, 3]);
    a.email = newEmail;
  }
  const newPhone = str(ctx, 'newPhone');
  if (newPhone !== undefined) {
    takeCode(ctx, newPhone, str(ctx, 'newVerifyCode', { required: true }) as string, [1, 3]);
    a.phone = newPhone;
    a.countryCode = int(ctx, 'newCountryCode') ?? a.countryCode ?? 86;
  }
  return ok(accountInfo(ctx, a));
}

export const accountRoutes: Route[] = [
  { method: 'POST', path: '/api/v2/account/register', name: 'account.register', login: 'none', write: true, handle: register },
  { method: 'POST', path: '/api/v2/account/login', name: 'account.login', login: 'none', write: true, handle: login },
  {
    method: 'PUT', path: '/api/v2/account/reset-password', name: 'account.reset.password', login: 'none', write: true,
    handle: (ctx) => {
      const type = str(ctx, 'type', { required: true, in: ['email', 'phone'] }) as string;
      const account = str(ctx, 'account', { required: true }) as string;
      const a = need(findAccount(ctx, type, account), 34300, 'The account does not exist');
      takeCode(ctx, account, str(ctx, 'verifyCode', { required: true }) as string, [2]);
      const pw = decodePassword(str(ctx, 'newPassword', { required: true })) as string;
      if (pw.length < 6) throw new SimError(34104, 'The password must be at least 6 characters');
      a.password = pw;
      return ok();
    },
  },
  { method: 'GET', path: '/api/v2/account/detail', name: 'account.detail', login: 'aid', handle: (ctx) => ok({ items: { walletRecharges: [], walletWithdraws: [] }, detail: accountInfo(ctx, me(ctx)) }) },
  {
    method: 'GET', path: '/api/v2/account/wallet-logs', name: 'account.wallet.logs', login: 'aid',
    handle: (ctx) => {
      const types = (str(ctx, 'type') ?? '').split(',').filter(Boolean).map(Number);
      const state = int(ctx, 'state', { min: 1, max: 5 });
      const logs = ctx.state.walletLogs
        .filter((l) => l.aid === ctx.aid && (!types.length || types.includes(l.type)) && (state === undefined || l.state === state))
        .sort((x, y) => y.createdAt - x.createdAt)
        .map(({ aid: _a, createdAt, ...l }) => ({ ...l, datetime: datetime(createdAt) }));
      return ok(paginate(ctx, logs, 50));
    },
  },
  {
    method: 'POST', path: '/api/v2/account/verify-identity', name: 'account.verify.identity', login: 'aid', write: true,
    handle: (ctx) => {
      const a = me(ctx);
      const type = str(ctx, 'type', { required: true, in: ['email', 'sms'] });
      takeCode(ctx, type === 'email' ? a.email : a.phone, str(ctx, 'verifyCode', { required: true }) as string, [4]);
      return ok();
    },
  },
  { method: 'PUT', path: '/api/v2/account/edit', name: 'account.edit', login: 'aid', write: true, handle: edit },
  {
    method: 'DELETE', path: '/api/v2/account/logout', name: 'account.logout', login: 'aid', write: true,
    handle: (ctx) => {
      for (const [t, s] of ctx.state.accountTokens) if (s.aid === ctx.aid) ctx.state.accountTokens.delete(t);
      for (const [t, s] of ctx.state.userTokens) if (s.aid === ctx.aid) ctx.state.userTokens.delete(t);
      return ok();
    },
  },
  {
    method: 'POST', path: '/api/v2/account/apply-delete', name: 'account.apply.delete', login: 'aid', write: true,
    handle: (ctx) => {
      const a = me(ctx);
      // AccountApplyDeleteDTO: codeType in:email,sms required; password required_without verifyCode.
      const codeType = str(ctx, 'codeType', { required: true, in: ['email', 'sms'] });
      const password = str(ctx, 'password');
      const code = str(ctx, 'verifyCode');
      if (!password && !code) throw new SimError(30000, 'The password field is required when verify code is not present.');
      if (password) {
        if (decodePassword(password) !== a.password) throw new SimError(34304, 'Incorrect password');
      } else takeCode(ctx, codeType === 'email' ? a.email : a.phone, code as string, [4]);
      a.waitDelete = true;
      a.waitDeleteAt = ctx.now + 30 * DAY;
      return ok({ deleteDateTime: datetime(a.waitDeleteAt) });
    },
  },
  {
    method: 'POST', path: '/api/v2/account/recall-delete', name: 'account.recall.delete', login: 'uid', write: true,
    handle: (ctx) => {
      const a = me(ctx);
      a.waitDelete = false;
      a.waitDeleteAt = null;
      return ok();
    },
  },
];

/** POST /api/v2/user/auth: a user of the logged-in account, with its own password if it has one. */
export function userAuth(ctx: Ctx) {
  const a = me(ctx);
  const key = str(ctx, 'uidOrUsername', { required: true }) as string;
  const u = ctx.state.users.find((x) => String(x.uid) === key || x.username === key);
  if (!u) throw new SimError(35200, 'User does not exist');
  if (u.aid !== a.aid) throw new SimError(35202, 'The user does not belong to this account');
  if (u.password !== undefined && decodePassword(str(ctx, 'password')) !== u.password) {
    throw new SimError(str(ctx, 'password') === undefined ? 34111 : 34304, str(ctx, 'password') === undefined ? 'This user requires a password' : 'Incorrect password');
  }
  const { token, expiresAt } = issueUserToken(ctx, a.aid, u.uid);
  return ok({
    sessionToken: { uid: u.uid, token, expiredHours: SESSION_MS / 3_600_000, expiredDays: SESSION_MS / DAY, expiredDateTime: datetime(expiresAt) },
    detail: userInfo({ ...ctx, uid: u.uid }, u),
  });
}

export function issueAccountToken(ctx: Pick<Ctx, 'state' | 'ids' | 'now'>, aid: string): { token: string; expiresAt: number } {
  const token = ctx.ids.fsid(32);
  const expiresAt = ctx.now + SESSION_MS;
  ctx.state.accountTokens.set(token, { aid, expiresAt });
  ctx.state.counters.accountLogins += 1;
  return { token, expiresAt };
}

export function issueUserToken(ctx: Pick<Ctx, 'state' | 'ids' | 'now'>, aid: string, uid: number): { token: string; expiresAt: number } {
  const token = ctx.ids.fsid(32);
  const expiresAt = ctx.now + SESSION_MS;
  ctx.state.userTokens.set(token, { aid, uid, expiresAt });
  ctx.state.counters.userLogins += 1;
  return { token, expiresAt };
}

/** The 3.x `authToken` object: both sessions with the expiry of the user one. */
export function authToken(aid: string, aidToken: string, uid: number, uidToken: string, expiresAt: number) {
  return { aid, aidToken, uid, uidToken, expiredHours: SESSION_MS / 3_600_000, expiredDays: SESSION_MS / DAY, expiredDateTime: datetime(expiresAt) };
}
