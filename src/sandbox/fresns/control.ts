import type { SimRequest, SimResponse } from '../sim-host.js';
import { notify } from './publishing.js';
import type { FresnsSimulator } from './simulator.js';

/** The sandbox's own endpoints; a real Fresns site has nothing under this prefix. */
export const CONTROL_PREFIX = '/__sandbox/';

const json = (status: number, value: unknown): SimResponse => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) });

function bodyOf(req: SimRequest): Record<string, unknown> {
  if (!req.text.trim()) return {};
  const v: unknown = JSON.parse(req.text);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * Pokes for people trying the sandbox and for tests: expire sessions, skew the clock, drop a
 * header like a misconfigured proxy would, read the verification codes "sent", or make someone
 * comment on the creator's latest post.
 */
export function handleControl(req: SimRequest, sim: FresnsSimulator): SimResponse {
  const name = req.path.slice(CONTROL_PREFIX.length);
  let body: Record<string, unknown>;
  try {
    body = bodyOf(req);
  } catch {
    return json(400, { error: 'body must be JSON' });
  }
  const st = sim.state;
  switch (`${req.method} ${name}`) {
    case 'POST expire-sessions':
      sim.expireSessions();
      return json(200, { expired: st.accountTokens.size + st.userTokens.size });
    case 'POST clock':
      sim.clockOffsetMs = Number(body.offsetMs ?? 0);
      return json(200, { clockOffsetMs: sim.clockOffsetMs });
    case 'POST drop-headers':
      sim.droppedHeaders = new Set((Array.isArray(body.headers) ? body.headers : []).map((h) => String(h).toLowerCase()));
      return json(200, { dropped: [...sim.droppedHeaders] });
    case 'POST login-token': {
      // What the 3.x account center does after a password login: a loginToken for the client.
      const account = st.accounts.find((a) => a.email === String(body.account ?? sim.credentials.account) || a.phone === String(body.account));
      if (!account || (body.password !== undefined && account.password !== body.password)) return json(403, { error: 'unknown account or wrong password' });
      const uid = Number(body.uid ?? account.users[0]);
      if (!account.users.includes(uid)) return json(403, { error: 'that user is not in the account' });
      return json(200, { loginToken: sim.issueLoginToken(account.aid, uid), expiresInSeconds: 300 });
    }
    case 'GET verify-codes':
      return json(200, { codes: st.verifyCodes });
    case 'POST comment': {
      const creator = sim.credentials.creatorUid;
      const post = st.posts.filter((p) => p.uid === creator && !p.deleted).sort((a, b) => b.createdAt - a.createdAt)[0];
      if (!post) return json(404, { error: 'the creator has no post' });
      const uid = Number(body.uid ?? 100004);
      const content = String(body.content ?? 'Nice post! (sent from the sandbox)');
      const cid = `Sbx${String(st.comments.length).padStart(5, '0')}`;
      const now = sim.now();
      st.comments.push({ cid, pid: post.pid, parentCid: null, uid, content, isMarkdown: false, isAnonymous: false, hashtags: [], map: null, fids: [], sticky: false, createdAt: now, editedAt: null, deleted: false });
      notify(st, { uid: creator, type: 8, content, actionUid: uid, actionTarget: 'comment', actionFsid: cid, createdAt: now });
      return json(200, { pid: post.pid, cid });
    }
    default:
      return json(404, { error: `unknown sandbox endpoint ${req.method} ${req.path}` });
  }
}
