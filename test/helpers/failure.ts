import type { PlatformError } from '../../src/http/errors.js';

/** The PlatformError a call rejects with; fails the test when the call succeeds instead. */
export async function failure(p: Promise<unknown>): Promise<PlatformError> {
  try {
    await p;
  } catch (err) {
    return err as PlatformError;
  }
  throw new Error('expected a failure');
}
