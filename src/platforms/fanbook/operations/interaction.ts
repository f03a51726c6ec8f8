import * as z from 'zod';
import { strId } from '../ids.js';
import { botOperation } from '../operation.js';

const card = {
  channel_id: strId('The channel of the message card.'),
  message_id: strId('The message card (its message_id).'),
  user_id: strId('The user who clicks; leave out for the bot.').optional(),
};
/** Fanbook takes the clicking user as optional; creator-mcp makes "the bot" explicit. */
const BY_BOT = { botIdDefaults: ['user_id'] } as const;
const key = z.string().min(1).max(64).describe('The slot, e.g. "3" for the third seat.');

export const interactionOperations = [
  botOperation({
    name: 'click_message_card',
    title: 'Click a slot of a message card',
    description:
      'Takes slot key of an interactive card for user_id (e.g. a seat in a sign-up card) and updates the card for everyone; fanbook_claim_message_card_slot picks a free slot.',
    method: 'POST',
    method_path: 'interaction/message_card/click',
    input: z.object({ key, ...card }),
    kind: 'write',
    toolset: 'fanbook_interaction',
  }, BY_BOT),
  botOperation({
    name: 'cancel_click_message_card',
    title: 'Release a slot of a message card',
    description: 'Undoes a click: releases the slot (key) that user_id holds on an interactive message card, so someone else can take it.',
    method: 'POST',
    method_path: 'interaction/message_card/cancel_click',
    input: z.object({ key, ...card }),
    kind: 'write',
    idempotent: true,
    toolset: 'fanbook_interaction',
  }, BY_BOT),
  botOperation({
    name: 'claim_message_card_slot',
    title: 'Claim a free slot of a message card',
    description:
      'Takes the next free slot (1..max) of an interactive card for user_id and returns its key; fails when all are taken ("first N" sign-ups).',
    method: 'POST',
    method_path: 'interaction/message_card/auto',
    input: z.object({ ...card, max: z.number().int().min(1).max(50).describe('How many slots the card has (at most 50).') }),
    kind: 'write',
    toolset: 'fanbook_interaction',
  }, BY_BOT),
];
