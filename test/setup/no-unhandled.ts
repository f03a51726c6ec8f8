import { afterAll } from 'vitest';

/**
 * In production an unhandled rejection kills the server, so in the suite it is a failure even
 * when the test that caused it has already passed: every file ends by checking none happened.
 * The listeners are added once per process: without isolation (npm run test:fast) this file runs
 * again for every test file in the same worker, and each file starts with an empty record.
 */
const KEY = Symbol.for('creator-mcp.test.unhandled');
const holder = globalThis as { [KEY]?: string[] };
const seen = (holder[KEY] ??= listen());
seen.length = 0;

function listen(): string[] {
  const list: string[] = [];
  const record = (kind: string) => (err: unknown) => {
    list.push(`${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  };
  process.on('unhandledRejection', record('unhandledRejection'));
  process.on('uncaughtException', record('uncaughtException'));
  return list;
}

afterAll(async () => {
  // Rejections surface a tick after the promise settles; give late ones a chance to show.
  await new Promise((r) => setTimeout(r, 20));
  if (seen.length) throw new Error(`unhandled during this file:\n${seen.join('\n')}`);
});
