/**
 * Telegram Bot API updates (https://core.telegram.org/bots/api#update): `{update_id, message: {message_id,
 * from: {id, is_bot, first_name, last_name, username, language_code}, chat: {id, type}, date (unix s),
 * text | caption | photo | voice | contact: {phone_number, user_id}...}}`, as Telegram posts them to a
 * webhook and as n8n's Telegram Trigger outputs them (the update as it came, one item, with the file
 * as binary `data` when it downloads one: n8n-nodes-base 2.41.1 dist/nodes/Telegram/TelegramTrigger.node.js
 * line 362 and util/triggerUtils.js lines 44-55).
 *
 * One lead per message a person sent to the bot in a private chat (`chat.type: "private"`, or no
 * type and the chat's id being the sender's, as in Telegram's oldest sample): `message`, and
 * `business_message` from the customer of a Telegram Business account the bot serves (the chat is
 * the customer's, so the owner's own replies, sent from another id, are no leads). Everything else
 * is ignored: groups, supergroups and channels (people there talk to each other, not to the
 * business), bots, service messages (a pinned message, a payment), `edited_message` (the message
 * was counted when it was sent; an edit is not a new one), `callback_query` (a tapped inline
 * button: its `data` is the bot's own code, its `message` the bot's own, and it has no time), inline queries,
 * polls, members joining, reactions.
 *
 * The user id is `from.id`, the handle `@username`; the phone only from a contact the person shared
 * of themselves (`contact.user_id` is theirs); the bot's own id is not in an update, so
 * `businessId` is null unless the message came through a business connection.
 * `from.language_code` is the language of the person's Telegram app: the lead's language only when
 * what they wrote does not tell (an Iranian may run Telegram in English and write Persian).
 */
import { cleanString, finalizeLead, isPlainObject, toIsoDate } from '../lead/fields';
import { languageFromTag } from '../lead/language';
import type { Lead } from '../lead/types';
import { bodyRecord, chatMessageLead, idString, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'telegram';

/** The optional fields of an Update (Bot API 9): exactly one of them comes with each `update_id`. */
const UPDATE_KINDS = [
	'message',
	'edited_message',
	'channel_post',
	'edited_channel_post',
	'business_connection',
	'business_message',
	'edited_business_message',
	'deleted_business_messages',
	'message_reaction',
	'message_reaction_count',
	'inline_query',
	'chosen_inline_result',
	'callback_query',
	'shipping_query',
	'pre_checkout_query',
	'purchased_paid_media',
	'poll',
	'poll_answer',
	'my_chat_member',
	'chat_member',
	'chat_join_request',
	'chat_boost',
	'removed_chat_boost',
] as const;

/** Updates holding a new message someone sent: to the bot, or to the business account it serves. */
const NEW_MESSAGE_KINDS: ReadonlySet<string> = new Set(['message', 'business_message']);

/** Why an update of another kind holds no lead, in words safe to show. */
const IGNORED_KINDS: Readonly<Record<string, string>> = {
	edited_message: 'edited message (counted when it was sent)',
	edited_business_message: 'edited message (counted when it was sent)',
	callback_query: 'button tap (callback query)',
};

/**
 * What a message holds, in the order Telegram's own fields overlap: an animation also fills
 * `document`, a venue also fills `location`. A message with none of these is a service message.
 */
const CONTENT_TYPES = ['text', 'animation', 'photo', 'video', 'video_note', 'voice', 'audio', 'document', 'sticker', 'contact', 'venue', 'location', 'poll', 'dice', 'story', 'paid_media'] as const;

/** A phone number a contact may hold: Telegram sends the digits, with or without "+". */
const CONTACT_PHONE = /^\+?[1-9]\d{6,14}$/;

function updateKind(body: Record<string, unknown> | null): string | null {
	return UPDATE_KINDS.find((kind) => isPlainObject(prop(body, kind)) || Array.isArray(prop(body, kind))) ?? null;
}

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return Number.isSafeInteger(prop(body, 'update_id')) && updateKind(body) !== null;
}

/** Telegram times are seconds since the epoch. */
function fromSeconds(value: unknown): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	const date = new Date(value * 1000);
	return Number.isNaN(date.getTime()) ? null : toIsoDate(date.toISOString());
}

function contentType(message: Record<string, unknown>): string | null {
	return CONTENT_TYPES.find((type) => prop(message, type) !== undefined) ?? null;
}

/** The number of a contact the person shared of themselves, "+<digits>"; someone else's contact is not theirs. */
function ownPhone(message: Record<string, unknown>, userId: string): string | null {
	const contact = objectAt(message, 'contact');
	if (!contact || idString(contact.user_id) !== userId) return null;
	const phone = cleanString(contact.phone_number, 40)?.replace(/[\s().-]/g, '');
	return phone && CONTACT_PHONE.test(phone) ? (phone.startsWith('+') ? phone : `+${phone}`) : null;
}

type MessageReading = { lead: Lead } | { ignored: string };

function readMessage(message: Record<string, unknown>, businessId: string | null): MessageReading {
	const from = objectAt(message, 'from');
	const chat = objectAt(message, 'chat');
	const userId = idString(prop(from, 'id'));
	const chatId = idString(prop(chat, 'id'));
	const chatType = prop(chat, 'type');
	if (chatType !== undefined && chatType !== 'private') return { ignored: `${typeof chatType === 'string' && /^[a-z]{1,20}$/.test(chatType) ? chatType : 'group'} chat message` };
	if (!from || !userId || !chatId) return { ignored: 'message without a sender' };
	if (from.is_bot === true) return { ignored: 'message from a bot' };
	// in a private chat the chat is the person: a message from anyone else is the business's own (Telegram Business)
	if (chatId !== userId) return { ignored: "the business's own message" };
	const type = contentType(message);
	if (!type) return { ignored: 'service message' };
	const messageId = idString(message.message_id);
	if (!messageId) return { ignored: 'message without an id' };
	const text = typeof message.text === 'string' ? message.text : typeof message.caption === 'string' ? message.caption : null;
	const username = cleanString(from.username, 100);
	const lead = chatMessageLead({
		channel: 'telegram',
		userId,
		handle: username ? `@${username.replace(/^@/, '')}` : null,
		businessId,
		message: { id: `${chatId}:${messageId}`, at: fromSeconds(message.date), text, type },
		phone: ownPhone(message, userId),
	});
	if (!lead) return { ignored: 'message without an id' };
	// the name comes in its two parts: a two-word first name ("Mohammad Reza") stays whole
	lead.firstName = cleanString(from.first_name, 500);
	lead.lastName = cleanString(from.last_name, 500);
	finalizeLead(lead);
	lead.language ??= languageFromTag(from.language_code);
	return { lead };
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const eventId = idString(body.update_id);
	const kind = updateKind(body);
	if (!kind) return { leads: [], eventId, eventType: null, ignored: 'update without content' };
	if (!NEW_MESSAGE_KINDS.has(kind)) return { leads: [], eventId, eventType: kind, ignored: IGNORED_KINDS[kind] ?? kind.replace(/_/g, ' ') };
	const message = objectAt(body, kind) as Record<string, unknown>;
	const reading = readMessage(message, kind === 'business_message' ? idString(message.business_connection_id) : null);
	if ('ignored' in reading) return { leads: [], eventId, eventType: kind, ignored: reading.ignored };
	return { leads: [reading.lead], eventId, eventType: kind };
}

export const telegramNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Telegram Bot API',
	channel: 'chat',
	detect,
	normalize,
};
