import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { startHarness, type Harness } from '../helpers/harness.js';

const PLATFORM_BUDGET = 4_000;
const COMBINED_BUDGET = 8_000;
const URIS = ['afdian', 'fanvue', 'fanbook', 'fresns'].map((p) => `${p}://automation-context`);

const text = async (client: Client, uri: string) => ((await client.readResource({ uri })).contents[0] as { text: string }).text;

for (const seedScale of [1, 10]) {
  describe(`context token budgets on the ${seedScale === 1 ? 'sandbox seed' : 'ten-times seed'}`, () => {
    let h: Harness;
    let client: Client;
    beforeAll(async () => {
      h = await startHarness({ seedScale });
      client = await h.client();
    });
    afterAll(() => h.close());

    it.each(URIS)(`%s stays within ${PLATFORM_BUDGET} o200k tokens and starts with needsYou`, async (uri) => {
      const body = await text(client, uri);
      const ctx = JSON.parse(body) as Record<string, unknown>;
      expect(ctx.failedSections).toBeUndefined();
      expect(Object.keys(ctx)).toContain('needsYou');
      expect(encode(body).length).toBeLessThanOrEqual(PLATFORM_BUDGET);
    });

    it(`creator://automation-context stays within ${COMBINED_BUDGET} o200k tokens`, async () => {
      const body = await text(client, 'creator://automation-context');
      const ctx = JSON.parse(body) as { platforms: Record<string, { status: string }> };
      expect(Object.keys(ctx.platforms).sort()).toEqual(['afdian', 'fanbook', 'fanvue', 'fresns']);
      expect(encode(body).length).toBeLessThanOrEqual(COMBINED_BUDGET);
    });
  });
}
