import * as z from 'zod';
import { intId, strId } from '../ids.js';
import { botOperation } from '../operation.js';

const target = {
  chat_id: intId('A group chat (its channel_id) whose member gets the card. Give chat_id or guild_id (at least one).').optional(),
  guild_id: strId('The guild (server) whose member gets the card. Give chat_id or guild_id (at least one).').optional(),
  user_id: strId('The member.'),
  card_id: z
    .string()
    .min(10)
    .max(64)
    .describe('Your ID for this card, at least 10 characters (a UUID works). The same card_id updates or deletes the card later.'),
};

function chatOrGuild(v: { chat_id?: unknown; guild_id?: unknown }, ctx: z.RefinementCtx) {
  if (v.chat_id === undefined && v.guild_id === undefined) ctx.addIssue({ code: 'custom', path: ['guild_id'], message: 'give guild_id or chat_id (at least one)' });
}

const slot = z.object({
  label: z.string().optional(),
  img: z.string().optional(),
  value: z.string(),
});

const guildCredit = z
  .object({
    authority: z.object({ icon: z.string(), name: z.string() }).optional(),
    title: z.object({ img: z.string() }).optional(),
    slots: z.array(z.array(slot).min(1)).min(1),
  })
  .describe(
    '{"authority":{"icon","name"},"title":{"img"},"slots":[[{"label":"Rank","value":"Diamond"}]]}; slot rows of {label or img, value}.',
  );

export const creditOperations = [
  botOperation({
    name: 'get_guild_credit',
    title: "Get a member's honour cards",
    description:
      "Returns the honour cards (credits: badges, titles, game records) that bots set on a member's profile in this guild, each with its card_id.",
    method: 'POST',
    method_path: 'getGuildCredit',
    input: z.object({
      guild_id: intId('Guild ID.'),
      user_id: intId('The member.'),
    }),
    kind: 'read',
    toolset: 'fanbook_credits',
  }),
  botOperation({
    name: 'set_guild_credit',
    title: "Set an honour card on a member's profile",
    description:
      "Creates or replaces honour card card_id on a member's guild profile: a title image beside their name, label/value slots on the profile. Returns true.",
    method: 'PUT',
    method_path: 'v2/guild/credit',
    input: z.object({ ...target, guild_credit: guildCredit }).superRefine(chatOrGuild),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_credits',
  }),
  botOperation({
    name: 'set_game_credit',
    title: "Set a game record card on a profile",
    description:
      "Creates or replaces a game record card (GameCredit) on a member's profile, card_id as in fanbook_set_guild_credit; game_credit is sent as given. Returns true.",
    method: 'PUT',
    method_path: 'v2/guild/credit',
    input: z
      .object({
        ...target,
        game_credit: z.record(z.string(), z.unknown()).describe('The GameCredit object, sent as given.'),
      })
      .superRefine(chatOrGuild),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_credits',
  }),
  botOperation({
    name: 'delete_guild_credit',
    title: "Remove an honour card from a profile",
    description: "Removes the honour or game card card_id from a member's profile. Cannot be undone (set it again to restore it). Returns true.",
    method: 'DELETE',
    method_path: 'v2/guild/credit',
    input: z.object(target).superRefine(chatOrGuild),
    kind: 'destructive',
    idempotent: true,
    toolset: 'fanbook_credits',
  }),
];
