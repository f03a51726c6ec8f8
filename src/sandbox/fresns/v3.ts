import { accountInfo, userInfo } from './present.js';
import { SimError, ok, str, type Ctx, type Route } from './router.js';
import { authToken, issueAccountToken, issueUserToken, me } from './routes/account.js';

/**
 * Fresns 3.x (`/api/fresns/v1`, routes file and DTOs of v3.6.2) as a view of the 2.x routes: the
 * same handlers under 3.x's own methods and paths, with the fields 3.x renamed translated back.
 * A 2.x route without an entry here does not exist in 3.x and answers 404, like Laravel would.
 * Written from the Fresns sources, not from the client's table, so one mistake cannot agree with itself.
 */
interface V3Entry {
  method: string;
  path: string;
  /** 3.x field name → the 2.x name the handler reads; a 2.x name sent to 3.x is ignored, as Laravel ignores unknown fields. */
  fields?: Record<string, string>;
  /** Body fields the 2.x handler needs that 3.x has no field for (set whatever the client sent). */
  fixed?: Record<string, unknown>;
  /** Path parameters that 3.x takes in the query instead (timelines: `?type=`), with their default. */
  queryParams?: Record<string, string>;
}

const P = '/api/fresns/v1';
const POST_FIELDS = { quotePid: 'postQuotePid', gid: 'postGid', title: 'postTitle', commentPrivate: 'postIsCommentPrivate' };

const V3: Record<string, V3Entry> = {
  'global.configs': { method: 'GET', path: `${P}/global/configs` },
  'global.archives': { method: 'GET', path: `${P}/global/{type}/archives` },
  'global.roles': { method: 'GET', path: `${P}/global/roles` },
  'global.content.types': { method: 'GET', path: `${P}/global/{type}/content-types` },
  'global.stickers': { method: 'GET', path: `${P}/global/stickers` },
  'common.input.tips': { method: 'GET', path: `${P}/common/input-tips` },
  'common.callback': { method: 'GET', path: `${P}/common/callback` },
  'common.file.link': { method: 'GET', path: `${P}/file/{fid}/link` },
  'common.file.users': { method: 'GET', path: `${P}/file/{fid}/users` },
  'account.detail': { method: 'GET', path: `${P}/account/detail` },
  'account.wallet.logs': { method: 'GET', path: `${P}/account/wallet-records` },
  'account.logout': { method: 'DELETE', path: `${P}/account/auth-token` },
  'user.list': { method: 'GET', path: `${P}/user/list` },
  'user.detail': { method: 'GET', path: `${P}/user/{uidOrUsername}/detail` },
  'user.followers.you.follow': { method: 'GET', path: `${P}/user/{uidOrUsername}/followers-you-follow` },
  'user.interaction': { method: 'GET', path: `${P}/user/{uidOrUsername}/interaction/{type}` },
  'user.mark.list': { method: 'GET', path: `${P}/user/{uidOrUsername}/mark/{markType}/{listType}` },
  'user.panel': { method: 'GET', path: `${P}/user/overview` },
  'user.edit': { method: 'PATCH', path: `${P}/user/profile` },
  // UserMarkDTO: markType is the mark (like…), type the kind of object (user…)
  'user.mark': { method: 'POST', path: `${P}/user/mark`, fields: { markType: 'interactionType', type: 'markType' } },
  'notification.list': { method: 'GET', path: `${P}/notification/list` },
  'notification.read': { method: 'PATCH', path: `${P}/notification/read-status` },
  'notification.delete': { method: 'DELETE', path: `${P}/notification/delete` },
  'conversation.list': { method: 'GET', path: `${P}/conversation/list` },
  'conversation.send.message': { method: 'POST', path: `${P}/conversation/message` },
  'group.tree': { method: 'GET', path: `${P}/group/tree` },
  'group.list': { method: 'GET', path: `${P}/group/list` },
  'group.detail': { method: 'GET', path: `${P}/group/{gid}/detail` },
  'group.interaction': { method: 'GET', path: `${P}/group/{gid}/interaction/{type}` },
  'hashtag.list': { method: 'GET', path: `${P}/hashtag/list` },
  'hashtag.detail': { method: 'GET', path: `${P}/hashtag/{hid}/detail` },
  'hashtag.interaction': { method: 'GET', path: `${P}/hashtag/{hid}/interaction/{type}` },
  'post.list': { method: 'GET', path: `${P}/post/list` },
  'post.follow': { method: 'GET', path: `${P}/post/timelines`, queryParams: { type: 'all' } },
  'post.nearby': { method: 'GET', path: `${P}/post/nearby` },
  'post.detail': { method: 'GET', path: `${P}/post/{pid}/detail` },
  'post.interaction': { method: 'GET', path: `${P}/post/{pid}/interaction/{type}` },
  'post.users': { method: 'GET', path: `${P}/post/{pid}/users` },
  'post.logs': { method: 'GET', path: `${P}/post/{pid}/histories` },
  'post.delete': { method: 'DELETE', path: `${P}/post/{pid}` },
  'comment.list': { method: 'GET', path: `${P}/comment/list` },
  'comment.follow': { method: 'GET', path: `${P}/comment/timelines`, queryParams: { type: 'all' } },
  'comment.nearby': { method: 'GET', path: `${P}/comment/nearby` },
  'comment.detail': { method: 'GET', path: `${P}/comment/{cid}/detail` },
  'comment.interaction': { method: 'GET', path: `${P}/comment/{cid}/interaction/{type}` },
  'comment.logs': { method: 'GET', path: `${P}/comment/{cid}/histories` },
  'comment.delete': { method: 'DELETE', path: `${P}/comment/{cid}` },
  'editor.quick.publish': { method: 'POST', path: `${P}/editor/{type}/publish`, fields: POST_FIELDS },
  'editor.config': { method: 'GET', path: `${P}/editor/{type}/configs` },
  'editor.drafts': { method: 'GET', path: `${P}/editor/{type}/drafts` },
  // EditorDraftCreateDTO has no createType: every 3.x draft is a normal one
  'editor.create': { method: 'POST', path: `${P}/editor/{type}/draft`, fields: POST_FIELDS, fixed: { createType: 1 } },
  'editor.generate': { method: 'POST', path: `${P}/editor/{type}/edit/{fsid}` },
  'editor.detail': { method: 'GET', path: `${P}/editor/{type}/draft/{draftId#}` },
  'editor.update': { method: 'PUT', path: `${P}/editor/{type}/draft/{draftId#}`, fields: { ...POST_FIELDS, deleteLocation: 'deleteMap' } },
  'editor.publish': { method: 'POST', path: `${P}/editor/{type}/draft/{draftId#}` },
  'editor.recall': { method: 'PATCH', path: `${P}/editor/{type}/draft/{draftId#}` },
  'editor.delete': { method: 'DELETE', path: `${P}/editor/{type}/draft/{draftId#}` },
  'search.users': { method: 'GET', path: `${P}/search/users` },
  'search.groups': { method: 'GET', path: `${P}/search/groups` },
  'search.hashtags': { method: 'GET', path: `${P}/search/hashtags` },
  'search.posts': { method: 'GET', path: `${P}/search/posts` },
  'search.comments': { method: 'GET', path: `${P}/search/comments` },
};

/** Renames 3.x fields to the handler's 2.x names; 2.x names that 3.x renamed are dropped. */
function translate(values: Iterable<[string, unknown]>, fields: Record<string, string>): Array<[string, unknown]> {
  const renamedAway = new Set(Object.values(fields).filter((v2) => !Object.hasOwn(fields, v2)));
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of values) {
    if (Object.hasOwn(fields, k)) out.push([fields[k] as string, v]);
    else if (!renamedAway.has(k)) out.push([k, v]);
  }
  return out;
}

/** DetailDTO and the list DTOs (3.x): `filterType` whitelist/blacklist with `filterKeys`, instead of 2.x's two fields. */
function keyFilters(ctx: Ctx): Ctx {
  const query = new URLSearchParams([...ctx.query].filter(([k]) => k !== 'whitelistKeys' && k !== 'blacklistKeys'));
  const type = query.get('filterType');
  if (type !== null) {
    if (type !== 'whitelist' && type !== 'blacklist') throw new SimError(30000, 'The selected filter type is invalid.');
    const keys = query.get('filterKeys');
    if (!keys) throw new SimError(30000, 'The filter keys field is required when filter type is present.');
    query.set(`${type}Keys`, keys);
  }
  return { ...ctx, query };
}

function asV3(route: Route, entry: V3Entry): Route {
  return {
    ...route,
    method: entry.method,
    path: entry.path,
    handle(ctx) {
      let next: Ctx = route.method === 'GET' ? keyFilters(ctx) : ctx;
      if (entry.fields) {
        const body = { ...Object.fromEntries(translate(Object.entries(ctx.body), entry.fields)), ...entry.fixed };
        const query = new URLSearchParams(translate(ctx.query, entry.fields).map(([k, v]): [string, string] => [k, String(v)]));
        next = { ...next, body, query };
      }
      if (entry.queryParams) {
        const params = { ...next.params };
        for (const [name, fallback] of Object.entries(entry.queryParams)) params[name] = next.query.get(name) ?? fallback;
        next = { ...next, params };
      }
      return route.handle(next);
    },
  };
}

/** POST account/auth-token (AccountLoginDTO, v3.6.2): a loginToken from the account center, once, within 5 minutes. */
function loginWithToken(ctx: Ctx) {
  const loginToken = str(ctx, 'loginToken', { required: true }) as string;
  const entry = ctx.state.loginTokens.get(loginToken);
  if (!entry) throw new SimError(31506, 'Login token does not exist');
  if (entry.used || entry.at + 5 * 60_000 < ctx.now) throw new SimError(31507, 'Login token has expired or has been used');
  entry.used = true;
  const a = ctx.state.accounts.find((x) => x.aid === entry.aid);
  if (!a) throw new SimError(31502, 'Account does not exist');
  const aidToken = issueAccountToken(ctx, a.aid).token;
  const { token: uidToken, expiresAt } = issueUserToken(ctx, a.aid, entry.uid);
  return ok({ authToken: authToken(a.aid, aidToken, entry.uid, uidToken, expiresAt), items: { walletRecharges: [], walletWithdraws: [] }, detail: accountInfo(ctx, a) });
}

/** POST user/auth-token (UserLoginDTO): the user's pin is compared as typed (no Base64 in 3.x). */
function userLogin(ctx: Ctx) {
  const a = me(ctx);
  const key = str(ctx, 'uidOrUsername', { required: true }) as string;
  const u = ctx.state.users.find((x) => String(x.uid) === key || x.username === key);
  if (!u || u.aid !== a.aid) throw new SimError(31602, 'The user does not belong to this account');
  const pin = str(ctx, 'pin');
  if (u.password !== undefined && pin !== u.password) throw new SimError(pin === undefined ? 34111 : 34304, pin === undefined ? 'This user requires a password' : 'Incorrect password');
  const aidToken = ctx.aidToken ?? '';
  const { token: uidToken, expiresAt } = issueUserToken(ctx, a.aid, u.uid);
  return ok({ authToken: authToken(a.aid, aidToken, u.uid, uidToken, expiresAt), detail: userInfo({ ...ctx, uid: u.uid }, u) });
}

/** PATCH user/mark-note (UserMarkNoteDTO): no interactionType in 3.x; the note goes on the user's mark of that object (32201 when none). */
function markNote(ctx: Ctx) {
  const target = str(ctx, 'type', { required: true, in: ['user', 'group', 'hashtag', 'geotag', 'post', 'comment'] });
  const fsid = str(ctx, 'fsid', { required: true });
  const mine = ctx.state.marks.filter((x) => x.uid === ctx.uid && x.markType === target && x.fsid === fsid);
  const m = mine.find((x) => x.interactionType === 'follow') ?? mine[0];
  if (!m) throw new SimError(32201, 'Record does not exist');
  m.note = str(ctx, 'note', { max: 128 }) ?? null;
  return ok();
}

const V3_ONLY: Route[] = [
  { method: 'PATCH', path: `${P}/user/mark-note`, name: 'user.mark.note', login: 'uid', write: true, handle: markNote },
  { method: 'POST', path: `${P}/account/auth-token`, name: 'account.login', login: 'none', write: true, handle: loginWithToken },
  { method: 'POST', path: `${P}/user/auth-token`, name: 'user.login', login: 'aid', write: true, handle: userLogin },
];

/** The 3.x route table made from the 2.x one. */
export function v3Routes(v2: readonly Route[]): Route[] {
  const mapped = v2.flatMap((r) => {
    const entry = V3[r.name];
    return entry ? [asV3(r, entry)] : [];
  });
  return [...V3_ONLY, ...mapped];
}

/** `GET /api/fresns/v1/global/status`: the site's status file, outside the header checks (no envelope). */
export const STATUS_PATH = `${P}/global/status`;
export const STATUS = { name: 'Fresns', activate: true, deactivateDescribe: { default: '' } };
