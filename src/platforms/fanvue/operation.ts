import type * as z from 'zod';
import type { CallOptions, Operation, PlatformDeps } from '../types.js';

/** What a multi-request operation (the upload) gets to work with. */
export interface RunContext {
  /** One Fanvue API request for `op` with the client's auth, version header and error rules. */
  request(op: Operation, input: Record<string, unknown>, options?: CallOptions): Promise<unknown>;
  /** deps.http sends requests outside the API (a presigned upload URL) without the bearer token. */
  deps: PlatformDeps;
}

/** An operation row plus what only the Fanvue client needs to know about it. */
export interface FanvueOperation<I extends z.ZodObject = z.ZodObject> extends Operation<I> {
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

/** Identity with the Fanvue fields kept, so each row's callbacks see its own input type. */
export function fanvueOperation<I extends z.ZodObject>(op: FanvueOperation<I>): FanvueOperation {
  return { docs: FANVUE_DOCS, ...op } as unknown as FanvueOperation;
}

export const FANVUE_DOCS = 'https://api.fanvue.com/docs';
