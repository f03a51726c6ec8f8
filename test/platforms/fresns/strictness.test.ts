import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFresnsSimulator, type FresnsSimulator } from '../../../src/sandbox/fresns/index.js';
import { RawFresns } from './raw.js';

/** The simulator refuses what Fresns 2.x refuses, with Fresns' own code (DTO rules of v2.21.4). */
describe('Fresns simulator strictness (2.x)', () => {
  let sim: FresnsSimulator;
  let raw: RawFresns;
  beforeAll(async () => {
    sim = createFresnsSimulator();
    await sim.start();
    raw = new RawFresns(sim);
    await raw.loginV2();
  });
  afterAll(() => sim.stop());

  it.each([
    ['/api/v2/user/list', 'follower'],
    ['/api/v2/user/list', 'blocker'],
    ['/api/v2/search/users', 'follower'],
    ['/api/v2/group/list', 'comment'],
    ['/api/v2/hashtag/list', 'comment'],
    ['/api/v2/search/groups', 'comment'],
    ['/api/v2/search/hashtags', 'comment'],
    ['/api/v2/search/posts', 'commentTime'],
    ['/api/v2/post/list', 'postDigest'],
    ['/api/v2/group/list', 'sortOrder'],
  ])('%s refuses orderType %s with 30000', async (path, orderType) => {
    const answer = await raw.send('GET', path, { query: { orderType, searchKey: 'a' } });
    expect(answer).toMatchObject({ code: 30000, data: null });
    expect(answer.message).toMatch(/orderType/);
  });

  it.each([
    ['/api/v2/user/list', 'follow'],
    ['/api/v2/group/list', 'rating'],
    ['/api/v2/hashtag/list', 'postDigest'],
    ['/api/v2/search/comments', 'commentTime'],
  ])('%s accepts orderType %s', async (path, orderType) => {
    expect(await raw.send('GET', path, { query: { orderType, searchKey: 'a' } })).toMatchObject({ code: 0 });
  });

  it('search honours the sort order instead of ignoring it', async () => {
    const by = async (orderDirection: string) =>
      (await raw.send('GET', '/api/v2/search/users', { query: { searchKey: 'a', orderType: 'follow', orderDirection } })).data.list.map((u: { uid: number }) => u.uid);
    const desc = await by('desc');
    expect(desc[0]).toBe(100001);
    expect(await by('asc')).toEqual([...desc].reverse());
    const posts = await raw.send('GET', '/api/v2/search/posts', { query: { searchKey: 'e', orderType: 'comment' } });
    const counts = posts.data.list.map((p: { commentCount: number }) => p.commentCount);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  });

  it('apply-delete takes codeType email or sms only, and needs password or verifyCode', async () => {
    const pw = Buffer.from(sim.credentials.password).toString('base64');
    expect(await raw.send('POST', '/api/v2/account/apply-delete', { json: { codeType: 'password', password: pw } })).toMatchObject({ code: 30000 });
    expect(await raw.send('POST', '/api/v2/account/apply-delete', { json: { password: pw } })).toMatchObject({ code: 30000 });
    expect(await raw.send('POST', '/api/v2/account/apply-delete', { json: { codeType: 'email' } })).toMatchObject({ code: 30000 });
    expect(sim.state.accounts[0]?.waitDelete).not.toBe(true);
  });

  it('upload-file refuses fileInfo and moreJson sent as JSON text (they are array fields)', async () => {
    const form = (entries: Array<[string, string]>) => {
      const f = new FormData();
      for (const [k, v] of [['usageType', '7'], ['tableName', 'post_logs'], ['tableColumn', 'id'], ['tableId', '1'], ['type', 'image'], ['uploadMode', 'fileInfo'], ...entries] as Array<[string, string]>) f.append(k, v);
      return f;
    };
    const before = sim.state.files.length;
    const asText = await raw.send('POST', '/api/v2/common/upload-file', { form: form([['fileInfo', '[{"name":"a.jpg","size":1}]']]) });
    expect(asText).toMatchObject({ code: 30000 });
    expect(asText.message).toMatch(/fileInfo must be an array/);
    const moreAsText = await raw.send('POST', '/api/v2/common/upload-file', { form: form([['fileInfo[0][name]', 'a.jpg'], ['moreJson', '{"a":1}']]) });
    expect(moreAsText).toMatchObject({ code: 30000 });
    expect(sim.state.files.length).toBe(before);
    const ok = await raw.send('POST', '/api/v2/common/upload-file', { form: form([['fileInfo[0][name]', 'a.jpg'], ['fileInfo[0][size]', '9'], ['moreJson[a]', '1']]) });
    expect(ok).toMatchObject({ code: 0, data: [{ name: 'a.jpg', size: 9 }] });
  });

  it('a wrong type is refused with 30000 (pageSize must be an integer, searchKey is required)', async () => {
    expect(await raw.send('GET', '/api/v2/user/list', { query: { pageSize: 'ten' } })).toMatchObject({ code: 30000 });
    expect(await raw.send('GET', '/api/v2/search/users', {})).toMatchObject({ code: 30000 });
  });
});
