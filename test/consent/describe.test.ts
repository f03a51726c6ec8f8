import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { fanbookOf, seedOf } from '../platforms/fanbook/helpers.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';
import { DECLINE, MASS, httpClient, massArgs, text } from './helpers.js';

/**
 * The question says what will happen in the platform's terms, with counts from one cheap read;
 * when that read fails the question is still asked, without the count. Every answer here is
 * "decline", so nothing is sent.
 */
describe('what the user is asked', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { CREATOR_MCP_CONFIRM: 'risky' } });
  });
  afterAll(() => h?.close());

  async function ask(name: string, args: Record<string, unknown>): Promise<string> {
    const asked: string[] = [];
    const r = await (await httpClient(h, 'auto', { answer: DECLINE, asked })).callTool({ name, arguments: args });
    expect(text(r)).toMatch(/^The user declined/);
    expect(asked).toHaveLength(1);
    return asked[0]!;
  }

  it('Fanvue: the list size Fanvue reports; a failing count read leaves out the count, not the question', async () => {
    expect(await ask(MASS, { ...massArgs(), mediaUuids: ['5f0c1a38-2d3b-4c47-9e0e-0b7a3f1b2c4d'], price: 500 })).toMatch(
      /^Send this 28-character message with 1 media file locked behind a price of \$5\.00 to the [\d,]+ members of the list 'Subscribers' on Fanvue account default\. Many people will see or feel this\. Approve to send it/,
    );
    fanvueOf(h).api.injectFault({ kind: 'status-before', status: 403, pathPrefix: '/chats/lists/smart', times: 3 });
    expect(await ask(MASS, massArgs())).toMatch(/^Send this 28-character message to the members of the lists 'subscribers' on Fanvue account default\./);
    fanvueOf(h).api.clearFaults();
  });

  it('Fanbook: a role overwrite names the roles as the guild shows them, with their member counts', async () => {
    const s = seedOf(fanbookOf(h));
    expect(await ask('fanbook_set_member_roles', { guild_id: s.main, user_id: s.users.u3, roles: [s.newbie] })).toMatch(
      new RegExp(`^Replace every role of user ${s.users.u3} in guild ${s.main} with exactly '新人'( \\(\\d+ members\\))? \\(roles not listed are removed\\) on Fanbook account default\\. This cannot be undone\\.`),
    );
  });

  it('others: the row title and a brief of the arguments', async () => {
    expect(await ask('fanvue_delete_post', { uuid: '5f0c1a38-2d3b-4c47-9e0e-0b7a3f1b2c4d' })).toBe(
      'Delete a Fanvue post on Fanvue account default with uuid "5f0c1a38-2d3b-4c47-9e0e-0b7a3f1b2c4d". This cannot be undone. Approve to send it; decline and nothing is sent.',
    );
  });
});
