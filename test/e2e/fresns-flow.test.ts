import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { FresnsSimulator } from '../../src/sandbox/fresns/index.js';
import { errorText, startHarness, type Harness } from '../helpers/harness.js';
import { CREATOR_UID, fresnsSim, tool, type Json } from '../platforms/fresns/helpers.js';

// A 1x1 PNG, so the simulator sees a real image upload.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

// Both client eras against 2.x, and the newer era against a 3.x site (FRESNS_API_VERSION=auto detects it).
for (const [era, version] of [['legacy', 2], ['auto', 2], ['auto', 3]] as const) {
  describe(`Fresns ${version}.x in the sandbox, end to end (${era} era)`, () => {
    let h: Harness;
    let client: Client;
    let sim: FresnsSimulator;
    let uploads: string;
    beforeAll(async () => {
      uploads = await mkdtemp(path.join(os.tmpdir(), 'fresns-uploads-'));
      await writeFile(path.join(uploads, 'cover.png'), PNG);
      h = await startHarness({ env: { CREATOR_MCP_UPLOAD_DIR: uploads }, fresnsVersion: version });
      client = await h.client(era);
      sim = fresnsSim(h);
    });
    afterAll(async () => {
      await h.close();
      await rm(uploads, { recursive: true, force: true });
    });

    it('logs in, publishes, comments, finds it by search, messages, handles notifications and deletes the post', async () => {
      const marker = `sandbox-flow-${era}-${version}-${Date.now()}`;
      // Publishing needs the user session: creator-mcp logs in by itself (account, then user) on
      // 2.x; a 3.x sandbox hands over the session the site's login page made (FRESNS_AID…).
      const published = await tool(client, 'fresns_quick_publish', {
        type: 'post',
        postTitle: `Flow ${era}`,
        content: `Hello from an agent ${marker} #sandbox#`,
        postGid: 'Dxp9Lf2a',
        image: 'cover.png',
      });
      expect(published).toMatchObject({ type: 'post', draftId: null });
      const pid = published.fsid as string;
      if (version === 2) expect(sim.state.counters.accountLogins).toBeGreaterThanOrEqual(1);
      expect(sim.host.requests.at(-1)!.path).toBe(version === 3 ? '/api/fresns/v1/editor/post/publish' : '/api/v2/editor/post/quick-publish');

      const list = await tool(client, 'fresns_list_posts', { uidOrUsername: String(CREATOR_UID), pageSize: 5 });
      expect(list.list[0].pid).toBe(pid);
      expect(list.list[0].files.images).toHaveLength(1);
      expect(list.pagination).toMatchObject({ currentPage: 1, pageSize: 5 });
      expect(typeof list.hasMore).toBe('boolean');

      const comment = await tool(client, 'fresns_quick_publish', { type: 'comment', commentPid: pid, content: `First! ${marker}` });
      const thread = await tool(client, 'fresns_list_comments', { pid });
      expect(thread.list.map((c: Json) => c.cid)).toEqual([comment.fsid]);
      const post = await tool(client, 'fresns_get_post', { pid });
      expect(post.detail).toMatchObject({ pid, commentCount: 1, title: `Flow ${era}` });

      const found = await tool(client, 'fresns_search_posts', { searchKey: marker });
      expect(found.list.map((p: Json) => p.pid)).toEqual([pid]);

      const sent = await tool(client, 'fresns_send_message', { uidOrUsername: 'mei_chen', message: `ping ${marker}` });
      const conversations = await tool(client, 'fresns_list_conversations', {});
      const withMei = conversations.list.find((c: Json) => c.user?.username === 'mei_chen');
      expect(withMei.latestMessage).toMatchObject({ id: sent.id, content: `ping ${marker}` });
      if (version === 2) {
        // 3.x keys a conversation's messages by the other user; that tool is 2.x only for now.
        const messages = await tool(client, 'fresns_list_conversation_messages', { conversationId: withMei.id, pageSize: 1 });
        expect(messages.list[0]).toMatchObject({ isMe: true, content: `ping ${marker}` });
      }

      // Someone comments on the creator's post: a new unread notification.
      const poke = await fetch(`${sim.baseUrl}/__sandbox/comment`, { method: 'POST', body: JSON.stringify({ content: `reply ${marker}` }) });
      expect(poke.status).toBe(200);
      const unread = await tool(client, 'fresns_list_notifications', { status: false, types: '8' });
      const mine = unread.list.find((n: Json) => n.content === `reply ${marker}`);
      expect(mine).toMatchObject({ type: 8, readStatus: false, actionUser: { username: 'mei_chen' } });
      await tool(client, 'fresns_mark_notifications_read', { type: 'choose', notificationIds: String(mine.id) });
      const after = await tool(client, 'fresns_list_notifications', { status: false, types: '8' });
      expect(after.list.some((n: Json) => n.id === mine.id)).toBe(false);
      await tool(client, 'fresns_mark_notifications_read', { type: 'all', notificationType: 0 });
      const panel = await tool(client, 'fresns_get_user_panel', {});
      expect(panel.unreadNotifications.all).toBe(0);
      await tool(client, 'fresns_delete_notifications', { type: 'all', notificationType: 8 });
      const comments = await tool(client, 'fresns_list_notifications', { types: '8' });
      expect(comments.pagination.total).toBe(0);

      await tool(client, 'fresns_delete_post', { pid });
      const gone = errorText(await client.callTool({ name: 'fresns_get_post', arguments: { pid } }));
      expect(gone).toMatch(/^Fresns fresns_get_post failed \(HTTP 200, code 37300\): Post does not exist\./);
      const again = await tool(client, 'fresns_search_posts', { searchKey: marker });
      expect(again.list).toEqual([]);
    });
  });
}
