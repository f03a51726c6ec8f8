import type { IncomingMessage } from 'node:http';

export type BodyResult = { body: Buffer } | { refused: 413 | 408 };

/**
 * Reads a request body up to `limit` bytes within `timeoutMs`. A declared Content-Length over
 * the limit is refused before one byte is read; a body that grows past it, or arrives too slowly,
 * is refused as soon as that is known. The caller answers and closes the connection, so nothing
 * more is read from a refused client.
 */
export async function readBody(req: IncomingMessage, limit: number, timeoutMs = 0): Promise<BodyResult> {
  if (declaredTooLarge(req, limit)) return { refused: 413 };
  return new Promise<BodyResult>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onError);
      if ('refused' in result) req.pause();
      resolve(result);
    };
    const timer = timeoutMs > 0 ? setTimeout(() => finish({ refused: 408 }), timeoutMs) : undefined;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish({ refused: 413 });
      chunks.push(chunk);
    };
    const onEnd = () => finish({ body: Buffer.concat(chunks) });
    // A client that resets mid-body gets no answer; an empty refusal ends the handler quietly.
    const onError = () => finish({ refused: 408 });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onError);
  });
}

export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}
