import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { LEFT_OUT } from '../../src/platforms/fresns/operations/index.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { fresnsSim, tool } from '../platforms/fresns/helpers.js';
import { rowsFor, type Shared } from '../platforms/fresns/rows.js';

/**
 * Every line of the seed (fresns-api-v2.txt) → the tool that implements it, or "left out"
 * (then LEFT_OUT in the platform says why). Copied here: tests never read the shared seeds.
 */
const SEED: Record<string, string> = {
  全局配置信息: 'get_configs', 状态码信息: 'get_code_messages', 扩展档案配置: 'get_archives', 上传用的令牌: 'get_upload_token', 用户角色: 'list_roles',
  地图服务商: 'LEFT_OUT', 内容类型: 'get_content_types', 表情图: 'list_stickers', 阻止词: 'list_block_words',
  输入提示信息: 'get_input_tips', 回调返参查询: 'get_callback', 发送验证码: 'send_verify_code', 上传日志: 'upload_log', 上传文件: 'upload_file',
  文件下载链接: 'get_file_link', 下载过文件的用户: 'list_file_users',
  注册: 'register_account', 登录: 'login_account', 重置密码: 'reset_password', 获取账号详情: 'get_account', 钱包交易记录: 'list_wallet_logs',
  身份验证: 'verify_identity', 修改账号资料: 'edit_account', 退出登录: 'logout', 申请删除账号: 'apply_delete_account', 撤销删除申请: 'recall_delete_account',
  获取用户列表: 'list_users', 获取用户详情: 'get_user', 获取用户认识的关注者: 'list_followers_you_follow', 获取用户互动的用户列表: 'list_user_interactions',
  获取用户标记的内容列表: 'list_user_marks', 用户登录: 'login_user', 用户面板: 'get_user_panel', 修改用户资料: 'edit_user', 操作标记: 'toggle_mark', 标记备注: 'set_mark_note',
  '[通知]获取消息列表': 'list_notifications', '[通知]更新阅读状态': 'mark_notifications_read', '[通知]删除消息': 'delete_notifications',
  '[对话]获取对话列表': 'list_conversations', '[对话]获取对话详情': 'get_conversation', '[对话]获取消息列表': 'list_conversation_messages',
  '[对话]置顶对话': 'pin_conversation', '[对话]更新阅读状态': 'mark_conversation_read', '[对话]发送消息': 'send_message', '[对话]删除对话或对话的消息': 'delete_conversation',
  获取树结构小组列表: 'get_group_tree', 获取小组分类: 'list_group_categories', 获取小组列表: 'list_groups', 获取小组详情: 'get_group', 获取小组互动的用户列表: 'list_group_interactions',
  获取话题列表: 'list_hashtags', 获取话题详情: 'get_hashtag', 获取话题互动的用户列表: 'list_hashtag_interactions',
  获取帖子列表: 'list_posts', 获取关注对象的帖子列表: 'list_followed_posts', 获取位置附近的帖子列表: 'list_nearby_posts', 获取帖子详情: 'get_post',
  获取帖子互动的用户列表: 'list_post_interactions', 获取帖子的附属用户列表: 'list_post_users', 获取帖子的日志列表: 'list_post_logs', 获取帖子日志详情: 'get_post_log', 删除帖子: 'delete_post',
  获取评论列表: 'list_comments', 获取关注对象的评论列表: 'list_followed_comments', 获取位置附近的评论列表: 'list_nearby_comments', 获取评论详情: 'get_comment',
  获取评论互动的用户列表: 'list_comment_interactions', 获取评论的日志列表: 'list_comment_logs', 获取评论日志详情: 'get_comment_log', 删除评论: 'delete_comment',
  '快速发表(帖子)': 'quick_publish', '快速发表(评论)': 'quick_publish', 编辑器配置信息: 'get_editor_config', '获取草稿列表(帖子)': 'list_drafts', '获取草稿列表(评论)': 'list_drafts',
  '创建草稿(帖子)': 'create_draft', '创建草稿(评论)': 'create_draft', '生成编辑草稿(帖子)': 'generate_draft', '生成编辑草稿(评论)': 'generate_draft',
  '获取草稿详情(帖子)': 'get_draft', '获取草稿详情(评论)': 'get_draft', '更新草稿内容(帖子)': 'update_draft', '更新草稿内容(评论)': 'update_draft',
  '提交发表(或审核)': 'publish_draft', 撤回审核中草稿: 'recall_draft', 删除草稿: 'delete_draft',
  '搜索:用户': 'search_users', '搜索:小组': 'search_groups', '搜索:话题': 'search_hashtags', '搜索:帖子': 'search_posts', '搜索:评论': 'search_comments',
};

describe.each([2, 3] as const)('Fresns %s.x request table: one row per tool, through the MCP client against the simulator', (version) => {
  let h: Harness;
  let client: Client;
  let uploads: string;
  const shared = {} as Shared;
  const rows = rowsFor(version);
  beforeAll(async () => {
    uploads = await mkdtemp(path.join(os.tmpdir(), 'fresns-table-'));
    await writeFile(path.join(uploads, 'cover.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    // The version is configured, so the catalog is exactly that version's (auto lists the union).
    h = await startHarness({ env: { CREATOR_MCP_UPLOAD_DIR: uploads, FRESNS_API_VERSION: String(version) }, flags: { toolsets: 'fresns' }, fresnsVersion: version });
    client = await h.client();
    shared.sim = fresnsSim(h);
  });
  afterAll(async () => {
    await h.close();
    await rm(uploads, { recursive: true, force: true });
  });

  it.runIf(version === 2)('accounts for every seed operation: a tool, or left out with a reason', async () => {
    const tools = new Set((await client.listTools()).tools.map((t) => t.name));
    for (const [seed, name] of Object.entries(SEED)) {
      if (name === 'LEFT_OUT') expect(LEFT_OUT.some((l) => l.seed.includes(seed) && l.reason.length > 20), seed).toBe(true);
      else expect(tools.has(`fresns_${name}`), `${seed} → fresns_${name}`).toBe(true);
    }
    expect(LEFT_OUT).toHaveLength(Object.values(SEED).filter((n) => n === 'LEFT_OUT').length);
  });

  it('has a row for every Fresns tool of this version, and no row for a tool it does not offer', async () => {
    const tools = (await client.listTools()).tools.map((t) => t.name).filter((n) => n.startsWith('fresns_')).sort();
    expect([...new Set(rows.map((r) => `fresns_${r.tool}`))].sort()).toEqual(tools);
  });

  it(`sends each call to its ${version === 3 ? '/api/fresns/v1' : '/api/v2'} route, signed, and returns the unwrapped payload`, async () => {
    for (const row of rows) {
      const name = `fresns_${row.tool}`;
      const args = row.args(shared);
      const data = await tool(client, name, args).catch((e: Error) => {
        throw new Error(`${name} ${JSON.stringify(args)}: ${e.message}`);
      });
      const wanted = row.path(shared);
      const req = [...shared.sim.host.requests].reverse().find((r) => r.path === wanted);
      expect(req, `${name} never reached ${wanted}`).toBeDefined();
      expect(req!.method, name).toBe(row.method);
      // 2.x: MD5 (32 hex digits); 3.x: SHA-256 (64).
      expect(req!.headers['x-fresns-signature'], name).toMatch(version === 3 ? /^[0-9a-f]{64}$/ : /^[0-9a-f]{32}$/);
      row.sent?.(req!, shared);
      row.check?.(data, shared);
    }
  });
});
