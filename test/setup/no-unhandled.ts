import { afterAll } from 'vitest';

/**
 * In production an unhandled rejection kills the server, so in the suite it is a failure even
 * when the test that caused it has already passed: every file ends by checking none happened.
 */
const seen: string[] = [];
const record = (kind: string) => (err: unknown) => {
  seen.push(`${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
};
process.on('unhandledRejection', record('unhandledRejection'));
process.on('uncaughtException', record('uncaughtException'));

afterAll(async () => {
  // Rejections surface a tick after the promise settles; give late ones a chance to show.
  await new Promise((r) => setTimeout(r, 20));
  if (seen.length) throw new Error(`unhandled during this file:\n${seen.join('\n')}`);
});
