import { timingSafeEqual } from 'node:crypto';
import type { SimRequest } from '../sim-host.js';
import { channelMethods } from './channels.js';
import { circleMethods } from './circles.js';
import { creditMethods } from './credits.js';
import { guildMethods } from './guild.js';
import { interactionMethods } from './interaction.js';
import { messageMethods } from './messages.js';
import { type BotMethod, type MethodTable, Raw } from './method.js';
import { Refusal, type Model } from './model.js';
import { roleMethods } from './roles.js';
import { BadParam, fail, ok, Params, rawJson, readFields, type Reply } from './wire.js';

export const BOT_PREFIX = '/api/bot/';

export const METHODS: MethodTable = {
  ...guildMethods,
  ...messageMethods,
  ...roleMethods,
  ...channelMethods,
  ...circleMethods,
  ...creditMethods,
  ...interactionMethods,
};

/** Methods answering in the open-API envelope, refusals included. */
const OPEN_ENVELOPE = new Set(['message/getList']);

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** `/api/bot/{token}/{method}`: the token in the path decides before anything else. */
export async function botApi(req: SimRequest, model: Model, token: string): Promise<Reply> {
  const rest = req.path.slice(BOT_PREFIX.length);
  const slash = rest.indexOf('/');
  let given = '';
  try {
    given = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
  } catch {
    // A malformed escape is a wrong token like any other.
  }
  if (slash < 0 || !sameToken(given, token)) return fail(401, 'Unauthorized', 401);
  const name = rest.slice(slash + 1);
  const method: BotMethod | undefined = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  if (!method) return fail(404, `Not Found: ${name}`, 404);
  if (!method.http.includes(req.method)) return fail(405, `Method Not Allowed: ${req.method} ${name}`, 405);
  try {
    const type = String(req.headers['content-type'] ?? '');
    const textual = req.method === 'GET' || type.includes('application/x-www-form-urlencoded');
    const result = await method.handle(new Params(readFields(req), textual), model, req);
    return result instanceof Raw ? result.reply : ok(result, method.plain);
  } catch (err) {
    let reply: Reply;
    if (err instanceof Refusal) reply = err.reply;
    else if (err instanceof BadParam) reply = fail(1001, `参数错误: ${err.message}`, 400);
    else throw err;
    if (!OPEN_ENVELOPE.has(name)) return reply;
    const { error_code, description } = JSON.parse(String(reply.body)) as { error_code: number; description: string };
    return rawJson(reply.status, { status: false, code: error_code, message: String(error_code), desc: description }, true);
  }
}
