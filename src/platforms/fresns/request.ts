import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { fillPath } from '../../http/request-kit.js';
import { resolveUpload } from '../../uploads.js';
import type { Operation } from '../types.js';
import type { FresnsExtra } from './operations/define.js';

export interface BuiltRequest {
  path: string;
  query?: URLSearchParams;
  json?: Record<string, unknown>;
  form?: FormData;
}

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.heic': 'image/heic',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
};

/** Laravel's `boolean` rule accepts 1/0 but not "true"/"false" in query strings and forms. */
const scalar = (v: unknown): string => (typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * PHP builds arrays from multipart names such as `fileInfo[0][name]`; a JSON string in one field
 * stays a string and fails Fresns' `array` rule (30000).
 */
function appendBracketed(form: FormData, name: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) appendBracketed(form, `${name}[${k}]`, v);
    return;
  }
  form.append(name, scalar(value));
}

/**
 * Turns validated tool arguments into a Fresns request: path placeholders filled and removed,
 * passwords Base64-encoded, GET arguments in the query, others as JSON or multipart (files are
 * taken only from the upload directory and streamed from disk).
 */
export async function buildRequest(op: Operation, input: Record<string, unknown>, extra: FresnsExtra, uploadDir: string | undefined): Promise<BuiltRequest> {
  const { path: filled, used } = fillPath(op.path, input);
  const rest: Record<string, unknown> = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && !used.has(k)));
  for (const f of extra.base64 ?? []) {
    if (typeof rest[f] === 'string') rest[f] = Buffer.from(rest[f] as string, 'utf8').toString('base64');
  }
  if (op.method === 'GET') {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(rest)) query.set(k, scalar(v));
    return { path: filled, query };
  }
  if (extra.body === 'multipart') {
    const form = new FormData();
    for (const [k, v] of Object.entries(rest)) {
      if (extra.files?.includes(k)) {
        const file = await resolveUpload(uploadDir, String(v));
        // A file-backed Blob: fetch streams it from disk while sending, so a 2 GiB video never sits in memory.
        const blob = await openAsBlob(file.path, { type: MIME[path.extname(file.path).toLowerCase()] ?? 'application/octet-stream' });
        form.append(k, blob, path.basename(file.path));
      } else if (extra.arrays?.includes(k)) {
        appendBracketed(form, k, v);
      } else {
        form.append(k, extra.jsonStrings?.includes(k) ? JSON.stringify(v) : scalar(v));
      }
    }
    return { path: filled, form };
  }
  return Object.keys(rest).length ? { path: filled, json: rest } : { path: filled };
}
