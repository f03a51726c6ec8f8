/**
 * Chinese words creators type, with the English words tool names and descriptions use. A
 * platform's own terms sit in every one of its tools' hints, so they pick the platform but not
 * the tool; these pick the tool. Plain vocabulary, no platform names.
 */
export const SYNONYMS: Readonly<Record<string, string>> = {
  赞助: 'sponsor sponsorship',
  发电: 'sponsor',
  订单: 'order',
  方案: 'plan',
  帖子: 'post',
  发帖: 'create post',
  评论: 'comment',
  回复: 'reply comment',
  角色: 'role',
  成员: 'member',
  消息: 'message',
  私信: 'conversation message',
  通知: 'notification',
  频道: 'channel',
  用户: 'user',
  粉丝: 'fan follower subscriber',
  订阅: 'subscriber subscription',
  收入: 'earnings',
  媒体: 'media',
  图片: 'image media',
  上传: 'upload',
  删除: 'delete',
  置顶: 'pin',
  群组: 'group',
  小组: 'group',
  关注: 'follow',
  点赞: 'like',
};
