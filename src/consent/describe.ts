import type { Operation, Platform } from '../platforms/types.js';
import { riskFor, type Risk } from './risk.js';

/** What a describer may use: where the call happens, and one read of the same platform. */
export interface DescribeKit {
  /** "on Fanvue account default": the platform's name for the place. */
  where: string;
  /** Runs a read row of the same platform by name; undefined when it fails, so a count is simply left out. */
  read(opName: string, args: Record<string, unknown>): Promise<unknown>;
}

/** One operation's sentence, in the platform's own terms ("Send this 214-character message … to the 1,204 members of …"). */
export type Describer = (args: Record<string, unknown>, kit: DescribeKit) => string | Promise<string>;

/** By operation name (the row's `name`, without the platform prefix). */
export type Describers = Readonly<Record<string, Describer>>;

const RISK_NOTE: Record<Risk, string> = {
  destructive: 'This cannot be undone.',
  audience: 'Many people will see or feel this.',
  money: 'This involves money.',
};

/** The question the user is asked: what will happen, what it risks, and that nothing happens without them. */
export async function describeCall(platform: Platform, op: Operation, args: Record<string, unknown>, kit: DescribeKit): Promise<string> {
  const own = platform.confirmations?.[op.name];
  let what: string | undefined;
  if (own) what = await Promise.resolve(own(args, kit)).catch(() => undefined);
  what ??= genericDescription(op, args, kit.where);
  const notes = [...riskFor(op)].map((r) => RISK_NOTE[r]);
  return [what, ...notes, 'Approve to send it; decline and nothing is sent.'].join(' ');
}

/** The row's title and its arguments, briefly: long texts as their length, lists as their size. */
export function genericDescription(op: Pick<Operation, 'title'>, args: Record<string, unknown>, where: string): string {
  const parts = Object.entries(args)
    .filter(([, v]) => v !== undefined)
    .slice(0, 8)
    .map(([k, v]) => `${k} ${brief(v)}`);
  return `${op.title} ${where}${parts.length ? ` with ${parts.join(', ')}` : ''}.`;
}

export function brief(v: unknown): string {
  if (typeof v === 'string') return v.length > 60 ? `(a ${v.length.toLocaleString('en-US')}-character text)` : JSON.stringify(v);
  if (Array.isArray(v)) return v.length <= 3 && v.every((x) => typeof x !== 'object') ? JSON.stringify(v) : `(${v.length} items)`;
  if (v && typeof v === 'object') return `(${Object.keys(v).length} fields)`;
  return String(v);
}

/** 1204 → "1,204", the way the user reads counts. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
