import * as z from 'zod';
import { listedAs } from '../../listed-schema.js';
import { idValue, wire } from '../ids.js';

/**
 * Rich text and message cards are JSON inside a JSON string, and their `document` / `data` are
 * JSON strings again. Agents get that escaping wrong, so `text` also accepts the object and the
 * client serialises each level. Its fields are explained in fanbook://guides/messages, so the
 * listed schema names only the discriminating `type`; zod checks the rest.
 */
const formatted = listedAs(
  z.looseObject({
    type: z.enum(['richText', 'messageCard']),
    title: z.string().optional(),
    document: z.union([z.string(), z.array(z.unknown())]).optional(),
    notification: z.string().optional(),
    data: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  }),
  { type: 'object', properties: { type: { enum: ['richText', 'messageCard'] } }, required: ['type'] },
);

/** The examples live in fanbook://guides/messages (guides.ts), read once instead of listed with every tool. */
export const messageText = (limit: string) =>
  z
    .union([z.string().min(1), formatted])
    .describe(`Plain text or a richText/messageCard object; ${limit}`);

const button = z.looseObject({
  text: z.string().min(1),
  callback_data: z.string().optional(),
  url: z.string().optional(),
});

/** The description's example shows the shape; the guide has the rest (url buttons, removal). */
export const replyMarkup = listedAs(
  z.looseObject({ inline_keyboard: z.array(z.array(button)).optional() }),
  { type: 'object' },
  'Buttons: {"inline_keyboard":[[{"text":"Join","callback_data":"join"}]]}; presses arrive as callback_query updates.',
);

export const parseMode = z
  .enum(['Fanbook'])
  .describe('Set for you when text is an object.');

/** Users of an ephemeral message: user IDs, or ["all"] for everyone online in the channel. */
export const ephemeralUsers = listedAs(
  z.array(z.union([z.literal('all'), idValue])).min(1),
  { type: 'array', items: { type: 'string' }, minItems: 1 },
  'With ephemeral: user IDs, or ["all"] (everyone online).',
).register(wire, { wire: 'string' });

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
  if (v.text && typeof v.text === 'object') {
    const t = v.text as { type?: unknown; document?: unknown; data?: unknown };
    if (t.type === 'richText' && t.document === undefined) ctx.addIssue({ code: 'custom', path: ['text', 'document'], message: 'richText needs document' });
    if (t.type === 'messageCard' && t.data === undefined) ctx.addIssue({ code: 'custom', path: ['text', 'data'], message: 'messageCard needs data' });
    return;
  }
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
