import * as z from 'zod';
import { idValue, wire } from '../ids.js';

/**
 * Rich text and message cards are JSON inside a JSON string, and their `document` / `data` are
 * JSON strings again. Agents get that escaping wrong, so `text` also accepts the object and the
 * client serialises each level.
 */
const formatted = z
  .looseObject({
    type: z.enum(['richText', 'messageCard']).describe('"richText" or "messageCard".'),
    title: z.string().describe('richText: the title.').optional(),
    document: z.union([z.string(), z.array(z.unknown())]).describe('richText: the insert nodes (array, or its JSON string).').optional(),
    notification: z.string().describe('messageCard: the line shown in notifications and the chat list.').optional(),
    data: z.union([z.string(), z.record(z.string(), z.unknown())]).describe('messageCard: the widget tree (object, or its JSON string).').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'richText' && v.document === undefined) ctx.addIssue({ code: 'custom', path: ['document'], message: 'richText needs document' });
    if (v.type === 'messageCard' && v.data === undefined) ctx.addIssue({ code: 'custom', path: ['data'], message: 'messageCard needs data' });
  });

export const TEXT_HELP = [
  'The message.',
  'Plain text: "Welcome to the guild!" (no parse_mode).',
  'Rich text (parse_mode "Fanbook"): {"type":"richText","title":"Check-in","document":[{"insert":"You checked in 3 days in a row!\\n"},{"insert":{"_type":"image","source":"https://example.com/a.jpg","width":500,"height":500,"_inline":false}}]} — each node inserts text ("\\n" ends a line) or an image.',
  'Message card (parse_mode "Fanbook"): {"type":"messageCard","notification":"Quest done","data":{"tag":"column","children":[{"tag":"text","data":"Quest done","style":{"fontSize":16}},{"tag":"markdown","data":"You earned **100** points"}]}}.',
  'Give these as an object (creator-mcp serialises document/data and the whole text the way Fanbook wants), or as the finished JSON string.',
  'Mentions work in any text: ${@!user_id} for a user, ${@&role_id} for a role, e.g. "${@!463992311181737985} welcome!"; list the same IDs in mentions / mention_roles so they are notified.',
].join(' ');

export const messageText = (limit: string) => z.union([z.string().min(1), formatted]).describe(`${TEXT_HELP} ${limit}`);

const button = z.looseObject({
  text: z.string().min(1),
  callback_data: z.string().optional(),
  url: z.string().optional(),
});

export const replyMarkup = z
  .looseObject({ inline_keyboard: z.array(z.array(button)).optional() })
  .describe(
    'Buttons under the message: {"inline_keyboard":[[{"text":"Join","callback_data":"join"},{"text":"Rules","url":"https://fanbook.mobi/UrKZ2FWU"}]]} — one inner array per row; a press of a callback_data button reaches the bot through fanbook_get_updates. Telegram-style keyboard, remove_keyboard and force_reply objects are passed through as given.',
  );

export const parseMode = z
  .enum(['Fanbook'])
  .describe('"Fanbook" for rich text and message cards (set automatically when text is an object); leave out for plain text.');

/** Users of an ephemeral message: user IDs, or ["all"] for everyone online in the channel. */
export const ephemeralUsers = z
  .array(z.union([z.literal('all'), idValue]))
  .min(1)
  .describe('With ephemeral: who sees the message, as user IDs (decimal strings), or ["all"] for everyone online in the channel.')
  .register(wire, { wire: 'string' });

/** Serialises an object `text` level by level and turns on parse_mode; checks a string `text` that claims to be formatted. */
export function prepareText(values: Record<string, unknown>): Record<string, unknown> {
  const text = values.text;
  if (text === undefined || typeof text === 'string') return values;
  const t = { ...(text as Record<string, unknown>) };
  if (t.type === 'richText' && typeof t.document !== 'string') t.document = JSON.stringify(t.document);
  if (t.type === 'messageCard' && typeof t.data !== 'string') t.data = JSON.stringify(t.data);
  return { ...values, text: JSON.stringify(t), parse_mode: 'Fanbook' };
}

/** Longest preview taken from the text; Fanbook shows a line of it in the chat list. */
const PREVIEW_CHARS = 200;

/**
 * sendMessage requires desc, the preview in the chat list and notifications. Unless the agent
 * gives one, it is what a person would see there: the start of a plain text, a card's own
 * notification line, a rich text's title, or a label saying what kind of message it is.
 */
export function previewOf(text: unknown, parseMode: unknown): string {
  let t: unknown = text;
  if (typeof text === 'string') {
    if (parseMode !== 'Fanbook') return [...text].slice(0, PREVIEW_CHARS).join('') || ' ';
    try {
      t = JSON.parse(text);
    } catch {
      return '[消息]';
    }
  }
  const o = (t ?? {}) as { type?: unknown; notification?: unknown; title?: unknown };
  const own = o.type === 'messageCard' ? o.notification : o.title;
  if (typeof own === 'string' && own.trim()) return [...own].slice(0, PREVIEW_CHARS).join('');
  return o.type === 'messageCard' ? '[卡片消息]' : '[富文本]';
}

/** sendMessage: text objects as Fanbook's JSON strings, and the required desc filled in. */
export function prepareSend(values: Record<string, unknown>): Record<string, unknown> {
  const desc = values.desc ?? previewOf(values.text, values.parse_mode);
  return { ...prepareText(values), desc };
}

/** A string text with parse_mode "Fanbook" must already be the JSON Fanbook parses. */
export function checkFormattedText(v: { text?: unknown; parse_mode?: unknown }, ctx: z.RefinementCtx): void {
  if (v.parse_mode !== 'Fanbook' || typeof v.text !== 'string') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(v.text);
  } catch {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'with parse_mode "Fanbook", text must be rich-text or card JSON (or pass it as an object)' });
    return;
  }
  const type = (parsed as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') ctx.addIssue({ code: 'custom', path: ['text'], message: 'rich-text or card JSON needs a "type" ("richText" or "messageCard")' });
}
