import type { Guide } from '../types.js';

/** Read on demand instead of sent in every tools/list: fanbook_send_message points here. */
const messages = `# Fanbook messages

Applies to fanbook_send_message, fanbook_edit_message_text, fanbook_edit_message_reply_markup and fanbook_send_photo.
IDs (chat_id, message_id, user and role IDs) are decimal strings such as "463992311181737985".

## Plain text
\`{"chat_id":"…","text":"Welcome to the guild!"}\`: no parse_mode. 1-150000 bytes (edit: 1-102400).

## Mentions
Work in any text, plain or rich: \`\${@!user_id}\` for a user, \`\${@&role_id}\` for a role, e.g.
\`"\${@!463992311181737985} welcome!"\`. List the same IDs in \`mentions\` / \`mention_roles\`, or nobody is notified.
\`selective: true\` shows the message only to the sender and the users mentioned.

## Rich text
Give \`text\` as an object; creator-mcp serialises it the way Fanbook wants (JSON inside a JSON string) and sets
\`parse_mode: "Fanbook"\`. A finished JSON string with \`parse_mode: "Fanbook"\` works too.

\`\`\`json
{"type":"richText","title":"Check-in","document":[
  {"insert":"You checked in 3 days in a row!\\n"},
  {"insert":{"_type":"image","source":"https://example.com/a.jpg","width":500,"height":500,"_inline":false}}
]}
\`\`\`
Each node of \`document\` inserts text (\`"\\n"\` ends a line) or an image. Set \`desc\` (at most 200 characters) to a
short summary: it is the preview in the chat list and notifications.

## Message cards
\`\`\`json
{"type":"messageCard","notification":"Quest done","data":{"tag":"column","children":[
  {"tag":"text","data":"Quest done","style":{"fontSize":16}},
  {"tag":"markdown","data":"You earned **100** points"}
]}}
\`\`\`
\`notification\` is the line shown in notifications and the chat list; \`data\` is the widget tree (object, or its JSON
string). Cards with clickable slots are read and driven with the fanbook_interaction tools
(fanbook_click_message_card, fanbook_list_message_card_users). To change a card in place (a live scoreboard, a
closed poll), call fanbook_edit_message_text with the same chat_id and message_id instead of posting again.

## Buttons (inline keyboards)
\`\`\`json
{"inline_keyboard":[[{"text":"Join","callback_data":"join"},{"text":"Rules","url":"https://fanbook.mobi/UrKZ2FWU"}]]}
\`\`\`
One inner array per row. A press of a \`callback_data\` button reaches the bot as a \`callback_query\` update: through
the event gateway (creator_wait_for_events), or fanbook_get_updates for bots Fanbook opened it to.
fanbook_edit_message_reply_markup replaces the keyboard; \`{"inline_keyboard":[]}\` removes every button.
Telegram-style keyboard, remove_keyboard and force_reply objects are passed through as given.

## Ephemeral messages
\`ephemeral: true\` with \`users: ["user_id", …]\` or \`["all"]\` (everyone online in the channel): a temporary message only
those users see; it is not stored, not synced and takes no reactions. \`entity\`: 1 visible (default), 0 invisible.

## Replies and threads
\`reply_to_message_id\` quotes a message. Inside a thread, \`reply_to_message_id\` is the quoted message's \`quote_l1\`
and \`reply_to_message_id_level_2\` the message replied to.

## Other options
\`unreactive\` 1 forbids reactions; \`disable_web_page_preview\` keeps links from unfurling; \`disable_notification\`
sends silently; \`guild_id\` also delivers into that guild's community notifications; \`selective\` shows the message
only to the sender and the mentioned users. \`parse_mode\` ("Fanbook") is set for you when \`text\` is an object.

## Errors and limits
- 1008: the bot is not in the guild. 1012: no permission. 1037: the user closed private messages.
- 10002 (or HTTP 400): send rate limit, about one message per second for bots not on Fanbook's whitelist; wait and
  send again only if the message was certainly not sent.
- fanbook_send_message is not idempotent: a retry sends a second message.
`;

export const guides: readonly Guide[] = [{ topic: 'messages', title: 'Fanbook messages: rich text, cards, mentions, buttons', text: messages }];
