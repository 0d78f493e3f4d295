/**
 * Instagram messaging webhooks (Messenger Platform for Instagram, and Instagram Platform with
 * Business Login: https://developers.facebook.com/docs/instagram-platform/webhooks/examples/):
 * `{object: 'instagram', entry: [{id, time, messaging: [{sender: {id}, recipient: {id}, timestamp (ms),
 * message: {mid, text, attachments, is_echo, is_deleted, quick_reply, reply_to, referral} | postback |
 * reaction | read | message_edit | referral}]}]}`; the dashboard's test notifications and some
 * subscriptions send the same event as `changes: [{field: 'messages', value: {sender, recipient, timestamp, message}}]`.
 * One lead per message the person sent, or per icebreaker / button they tapped (a postback). The
 * business's own messages echoed back, reactions, reads, edits, deletions and comments are no leads.
 * Instagram sends no username or phone: the person is their Instagram-scoped id.
 */
import { cleanString, isPlainObject, toIsoDate } from '../lead/fields';
import type { AnswerValue, Lead, LeadEvent, LeadUtm } from '../lead/types';
import { arrayAt, bodyRecord, chatMessageLead, composeId, idString, objectAt, path, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'instagram';

/** Messaging events that are not a message from the person, by the key that names them, and how an ignored delivery names them. */
const NOT_A_MESSAGE: ReadonlyArray<readonly [string, string]> = [
	['reaction', 'reaction'],
	['read', 'read'],
	['message_edit', 'message edit'],
	['referral', 'referral'],
	['optin', 'opt-in'],
	['delivery', 'delivery'],
];

/** A notification's field named in an ignored reason: Meta's own words, never personal data. */
const SAFE_WORD = /^[a-z_]{1,40}$/;

interface MessagingEvent {
	event: Record<string, unknown>;
	/** the Instagram professional account the notification is for */
	accountId: string | null;
}

interface Reading {
	events: MessagingEvent[];
	/** changes of fields that hold no message (comments, mentions...) */
	skipped: string[];
}

function readBody(body: Record<string, unknown> | null): Reading {
	const reading: Reading = { events: [], skipped: [] };
	if (prop(body, 'object') !== 'instagram') return reading;
	for (const entry of arrayAt(body, 'entry')) {
		const accountId = idString(prop(entry, 'id'));
		for (const event of arrayAt(entry, 'messaging')) if (isPlainObject(event)) reading.events.push({ event, accountId });
		for (const change of arrayAt(entry, 'changes')) {
			const field = cleanString(prop(change, 'field'), 100);
			const value = prop(change, 'value');
			if (isPlainObject(value) && isPlainObject(value.sender)) reading.events.push({ event: value, accountId });
			else reading.skipped.push(field && SAFE_WORD.test(field) ? field : 'notification');
		}
	}
	return reading;
}

function detect(input: DeliveryInput): boolean {
	const reading = readBody(bodyRecord(input));
	return reading.events.length > 0 || reading.skipped.length > 0;
}

/** An ad the conversation started from (click-to-Instagram-Direct): its id and title are kept as answers, the traffic is paid Instagram. */
function adReferral(referral: Record<string, unknown> | null, at: string | null): { answers: Record<string, AnswerValue>; utm: Partial<LeadUtm>; events: LeadEvent[] } {
	const adId = idString(prop(referral, 'ad_id'));
	if (!referral || !adId || cleanString(referral.source)?.toUpperCase() !== 'ADS') return { answers: {}, utm: {}, events: [] };
	return {
		answers: { 'Ad id': adId, 'Ad headline': cleanString(path(referral, 'ads_context_data', 'ad_title'), 500) },
		utm: { source: 'instagram', medium: 'paid' },
		events: [{ type: 'ad_click', at, value: adId }],
	};
}

/** What the person sent: the message's type as Instagram names it, its text, and its id. */
function personMessage(event: Record<string, unknown>): { id: string | null; type: string; text: unknown; referral: Record<string, unknown> | null } | string {
	const message = objectAt(event, 'message');
	if (message) {
		if (message.is_echo === true) return 'echo';
		if (message.is_deleted === true) return 'deleted message';
		const attachment = arrayAt(message, 'attachments').find(isPlainObject);
		const type = isPlainObject(message.quick_reply) ? 'quick_reply' : attachment ? cleanString(attachment.type, 50) ?? 'attachment' : message.is_unsupported === true ? 'unsupported' : 'text';
		return { id: idString(message.mid), type, text: message.text, referral: objectAt(message, 'referral') };
	}
	const postback = objectAt(event, 'postback');
	// an icebreaker or a button the person tapped: its title is what they chose
	if (postback) return { id: idString(postback.mid), type: 'postback', text: postback.title, referral: objectAt(postback, 'referral') };
	const other = NOT_A_MESSAGE.find(([key]) => prop(event, key) !== undefined);
	return other ? other[1] : 'event';
}

function leadOf({ event, accountId }: MessagingEvent, skipped: string[]): Lead | null {
	const sent = personMessage(event);
	if (typeof sent === 'string') {
		skipped.push(sent);
		return null;
	}
	const userId = idString(path(event, 'sender', 'id'));
	const at = toIsoDate(event.timestamp);
	// a message without a mid (never seen, but a retry must still repeat the same id)
	const id = sent.id ?? composeId(userId, event.timestamp);
	if (!userId || !id) return null;
	const { answers, utm, events } = adReferral(sent.referral, at);
	return chatMessageLead({
		channel: 'instagram',
		userId,
		// the username needs a call to the Graph API
		handle: null,
		businessId: idString(path(event, 'recipient', 'id')) ?? accountId,
		message: { id, at, text: sent.text as string | null, type: sent.type },
		answers,
		utm,
		events,
	});
}

function normalize(input: DeliveryInput): NormalizeResult {
	const reading = readBody(bodyRecord(input));
	const skipped = [...reading.skipped];
	const leads = reading.events.map((event) => leadOf(event, skipped)).filter((lead): lead is Lead => lead !== null);
	if (leads.length === 0) return { leads, eventId: null, eventType: 'message', ignored: [...new Set(skipped)].join('; ') || 'no message' };
	return { leads, eventId: leads.map((lead) => lead.externalId as string).join(','), eventType: 'message' };
}

export const instagramNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Instagram messaging',
	channel: 'chat',
	detect,
	normalize,
};
