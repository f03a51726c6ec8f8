import { describe, expect, it } from 'vitest';
import { gatewayAddress, retryDelay } from '../../../src/platforms/fanbook/gateway.js';
import { eventOfFrame, readFrame } from '../../../src/platforms/fanbook/gateway-events.js';

const BOT = '405327427904995328';
const NOW = 1_700_000_000_000;

describe('gateway frames (shapes from fanbook-open/websocket-doc) as inbox events', () => {
  it('a text push that @mentions the bot is a mention; ids stay exact strings', () => {
    const frame = readFrame(
      `{"action":"push","data":{"content":"{\\"type\\":\\"text\\",\\"text\\":\\"\${@!${BOT}}\${/签到}\\",\\"contentType\\":67}","time":1663057604639,"user_id":"173022860380475392","channel_id":"384533822017904640","message_id":"410348543337861120","quote_l1":null,"quote_l2":null,"guild_id":"357042844231282688","channel_type":0,"status":0,"nonce":"408877101677064193","ctype":67,"mentions":[{"nickname":"bot","user_id":"${BOT}"}],"member":{"nick":null,"roles":[],"guild_card":[]},"author":{"nickname":"Peng","username":"279968","avatar":"a","avatar_nft":null,"bot":false},"desc":""},"ack":-1,"seq":null}`,
    );
    expect(eventOfFrame(frame, BOT, NOW)).toEqual({
      id: 'msg:410348543337861120',
      type: 'mention',
      kind: 'mention',
      receivedAt: NOW,
      payload: {
        kind: 'mention',
        message_id: '410348543337861120',
        guild_id: '357042844231282688',
        channel_id: '384533822017904640',
        user_id: '173022860380475392',
        author: { nickname: 'Peng', username: '279968', bot: false },
        time: 1663057604639,
        content_type: 'text',
        text: `\${@!${BOT}}\${/签到}`,
        mentions: [BOT],
      },
    });
  });

  it('an unquoted 64-bit id keeps every digit (the frame is read losslessly)', () => {
    const frame = readFrame('{"action":"push","data":{"content":"{\\"type\\":\\"text\\",\\"text\\":\\"hi\\"}","user_id":173022860380475392,"channel_id":"1","message_id":410348543337861121,"guild_id":"2","channel_type":0}}');
    expect(eventOfFrame(frame, BOT, NOW)?.payload).toMatchObject({ message_id: '410348543337861121', user_id: '173022860380475392' });
  });

  it('sorts joins, quits, DMs, reactions, rich text and circle posts; drops the bot\'s own and unknown frames', () => {
    const push = (data: Record<string, unknown>) => ({ action: 'push', data: { user_id: '11', channel_id: '22', guild_id: '33', message_id: '44', channel_type: 0, ...data } });
    const kind = (f: unknown) => eventOfFrame(f, BOT, NOW)?.type;
    expect(kind(push({ content: JSON.stringify({ user_id: '11', type: 'newJoin', message_id: '44', code: 'ECEK3F9r' }), msg_type: 6 }))).toBe('member_join');
    expect(kind({ action: 'guildNotice', data: { method: 'userQuit', guild_id: '33', user_id: '11' } })).toBe('member_quit');
    expect(kind(push({ content: '{"type":"text","text":"hi"}', channel_type: 3, guild_id: '0' }))).toBe('dm');
    expect(kind(push({ content: '{"type":"reaction","action":"add","id":"9","emoji":{"name":"x"}}' }))).toBe('reaction');
    expect(kind({ action: 'circleEnter', data: { records: { guild_id: '33', channel_id: '22', user_id: '11', post_id: '55', title: 't' }, method: 'post_add' } })).toBe('circle_post');
    expect(kind({ action: 'circle', data: { method: 'reaction', post_id: '55', user_id: '11', guild_id: '33' } })).toBe('circle_reaction');
    const rich = eventOfFrame(push({ content: JSON.stringify({ type: 'richText', title: 'hh', document: '[{"insert":"hhjj\\n"}]' }) }), BOT, NOW);
    expect(rich?.payload).toMatchObject({ content_type: 'richText', text: 'hh\nhhjj\n' });
    expect(kind(push({ content: '{"type":"text","text":"mine"}', user_id: BOT }))).toBeUndefined();
    expect(kind({ action: 'pong', data: { time: 1 } })).toBeUndefined();
    expect(kind({ action: 'push', data: { content: 'no ids' } })).toBeUndefined();
  });

  it('caps the text an event keeps', () => {
    const e = eventOfFrame({ action: 'push', data: { user_id: '1', channel_id: '2', guild_id: '3', message_id: '4', content: JSON.stringify({ type: 'text', text: 'x'.repeat(10_000) }) } }, BOT, NOW);
    expect(((e?.payload as { text: string }).text).length).toBe(2000);
  });
});

describe('gateway address and reconnect timing', () => {
  it('builds the documented query: id, dId, v=1.6.60 and base64 super-properties', () => {
    const url = new URL(gatewayAddress('wss://gateway-bot.fanbook.mobi/websocket', 'user+token/=', BOT));
    expect(url.origin + url.pathname).toBe('wss://gateway-bot.fanbook.mobi/websocket');
    expect(url.searchParams.get('id')).toBe('user+token/=');
    expect(url.searchParams.get('dId')).toBe(`bot${BOT}`);
    expect(url.searchParams.get('v')).toBe('1.6.60');
    expect(JSON.parse(Buffer.from(url.searchParams.get('x-super-properties') ?? '', 'base64').toString())).toEqual({
      platform: 'bot',
      version: '1.6.60',
      channel: 'office',
      device_id: `bot${BOT}`,
      build_number: '1',
    });
  });

  it('backs off exponentially with jitter, capped at 60 s', () => {
    expect([0, 1, 2, 3].map((n) => retryDelay(n, {}, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([0, 1, 2, 3].map((n) => retryDelay(n, {}, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(50, {}, () => 1)).toBe(60_000);
    expect(retryDelay(50, {}, () => 0)).toBe(30_000);
  });
});
