import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineOperation } from '../../src/platforms/types.js';
import { operations as afdianRows } from '../../src/platforms/afdian/operations.js';
import { operations as fanbookRows } from '../../src/platforms/fanbook/operations/index.js';
import { operations as fanvueRows } from '../../src/platforms/fanvue/operations/index.js';
import { operations as fresnsRows } from '../../src/platforms/fresns/operations/index.js';

const common = {
  name: 'list_things',
  title: 'List things',
  description: 'Lists things.',
  method: 'GET' as const,
  path: '/things',
  input: z.object({ page: z.number().optional() }),
  kind: 'read' as const,
  toolset: 'test_things',
};

/**
 * The one row shape: the platform slot reaches each client typed, a row cannot leave out a slot
 * its platform needs (checked by the typecheck of this file), and each row's callbacks see its
 * own input.
 */
describe('operation rows: one shape with a typed platform slot', () => {
  it('types the slot and each row callback by the row itself', () => {
    const row = defineOperation<typeof common.input, { api: 'bot' }>({
      ...common,
      x: { api: 'bot' },
      shape: (data, input) => ({ data, page: input.page ?? 1 }),
    });
    expect(row.x.api).toBe('bot');
    expect(row.shape?.([], { page: 2 })).toEqual({ data: [], page: 2 });
    // @ts-expect-error a platform that needs a slot cannot get a row without it
    defineOperation<typeof common.input, { api: 'bot' }>(common);
    // @ts-expect-error a callback sees only its own row's input
    defineOperation({ ...common, shape: (_data, input) => input.nope });
    // A platform with nothing to add leaves the slot out.
    expect(defineOperation(common).x).toBeUndefined();
  });

  it("gives every row of every platform the slot its client reads", () => {
    expect(afdianRows.length).toBeGreaterThan(0);
    for (const op of afdianRows) expect(op.x, op.name).toBeUndefined();
    expect(fanbookRows.length).toBeGreaterThan(50);
    for (const op of fanbookRows) {
      expect(['bot', 'open'], op.name).toContain(op.x.api);
      expect(['json', 'form', 'query'], op.name).toContain(op.x.encoding);
    }
    expect(fanvueRows.length).toBeGreaterThan(50);
    for (const op of fanvueRows) expect(op.x.operationId, op.name).toMatch(/^[a-zA-Z]+$/);
    expect(fresnsRows.length).toBeGreaterThan(50);
    for (const op of fresnsRows) {
      expect(['none', 'account', 'user'], op.name).toContain(op.x.login);
      // The login a row needs is also what its docs and errors show.
      expect(op.auth ?? [], op.name).toEqual(op.x.login === 'none' ? [] : op.x.login === 'account' ? ['account'] : ['account', 'user']);
    }
  });
});
