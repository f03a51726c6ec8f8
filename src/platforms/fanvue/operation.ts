import type * as z from 'zod';
import { defineOperation, type CallOptions, type Operation, type PlatformDeps } from '../types.js';

/** What a multi-request operation (the upload) gets to work with. */
export interface RunContext {
  /** One Fanvue API request for `op` with the client's auth, version header and error rules. */
  request(op: FanvueOperation, input: Record<string, unknown>, options?: CallOptions): Promise<unknown>;
  /** deps.http sends requests outside the API (a presigned upload URL) without the bearer token. */
  deps: PlatformDeps;
}

/** What only the Fanvue client needs to know about a row: its platform slot. */
export interface FanvueExtras<I extends z.ZodObject = z.ZodObject> {
  /** Array query parameters sent as repeated keys (the spec's default explode); all others are comma-joined. */
  repeated?: readonly string[];
  /** The answer is text/plain (the upload part URL), not JSON. */
  textAnswer?: boolean;
  /** Several requests in one tool (the upload); replaces the single request. */
  run?(ctx: RunContext, input: z.output<I>, options: CallOptions): Promise<unknown>;
  /** The operationId in Fanvue's OpenAPI document (spec/fanvue-openapi.json); tests hold each row to it. */
  operationId: string;
  /** For the agency mirrors: the creator-self tool this one mirrors. */
  mirrorOf?: string;
}

export type FanvueOperation = Operation<z.ZodObject, FanvueExtras>;

/** A Fanvue row as written: the common fields and the Fanvue ones side by side. */
export type FanvueRow<I extends z.ZodObject> = Omit<Operation<I>, 'x' | 'docs'> & { docs?: string } & FanvueExtras<I>;

/** Moves the Fanvue fields into the platform slot; each row's callbacks see its own input type. */
export function fanvueOperation<I extends z.ZodObject>(row: FanvueRow<I>): FanvueOperation {
  const { repeated, textAnswer, run, operationId, mirrorOf, ...common } = row;
  const x: FanvueExtras<I> = { operationId };
  if (repeated) x.repeated = repeated;
  if (textAnswer) x.textAnswer = textAnswer;
  if (run) x.run = run;
  if (mirrorOf) x.mirrorOf = mirrorOf;
  return defineOperation<I, FanvueExtras<I>>({ docs: FANVUE_DOCS, ...common, x });
}

export const FANVUE_DOCS = 'https://api.fanvue.com/docs';
