/**
 * LINE Messaging API webhooks (https://developers.line.biz/en/reference/messaging-api/#webhooks):
 * `{destination, events: [{type, mode, timestamp (ms), source: {type, userId, groupId | roomId},
 * webhookEventId, deliveryContext: {isRedelivery}, replyToken, message: {id, type, text, quoteToken...}}]}`.
 * n8n ships no LINE trigger: the body comes through the Lead Intake Trigger or n8n's Webhook node.
 *
 * One lead per `message` event, from the person who sent it: `source.userId` (one-on-one chats;
 * in a group or multi-person chat only when LINE sends the sender's id), in `active` and `standby`
 * mode alike (standby: another module answers the chat, the person still wrote). Every other
 * event is no lead: `follow` (a friend added the account or unblocked it: no message yet),
 * `unfollow`, `unsend`, `postback`
 * (the data a button carries is the bot's own code, not what the person wrote), `join`, `beacon`,
 * and the rest. A delivery without a message event, LINE's "Verify" of the webhook URL
 * (`events: []`) among them, is ignored so that it is answered 200, as LINE requires.
 * The person's name and picture need a call to LINE's profile API: the lead has none.
 */
import { cleanString, isPlainObject, toIsoDate } from '../lead/fields';
import type { Lead } from '../lead/types';
import { arrayAt, bodyRecord, chatMessageLead, idString, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'line';

/** An event type named in an ignored reason: LINE's own words, never personal data. */
const SAFE_EVENT_TYPE = /^[A-Za-z]{1,40}$/;

function isLineWebhook(body: Record<string, unknown> | null): boolean {
	const events = prop(body, 'events');
	return typeof prop(body, 'destination') === 'string' && Array.isArray(events) && events.every((event) => isPlainObject(event) && typeof event.type === 'string');
}

function detect(input: DeliveryInput): boolean {
	return isLineWebhook(bodyRecord(input));
}

/** LINE times are milliseconds since the epoch. */
function fromMilliseconds(value: unknown): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : toIsoDate(date.toISOString());
}

/** The person who sent the message, or null when LINE does not name them (possible in group and multi-person chats). */
function senderOf(event: Record<string, unknown>): string | null {
	return idString(prop(objectAt(event, 'source'), 'userId'));
}

function leadFromMessageEvent(event: Record<string, unknown>, businessId: string | null): Lead | null {
	const message = objectAt(event, 'message');
	const userId = senderOf(event);
	if (!message || !userId) return null;
	const type = cleanString(message.type, 50) ?? 'unknown';
	return chatMessageLead({
		channel: 'line',
		userId,
		handle: null,
		businessId,
		// a text message's text; a sticker's text is what the person typed with it
		message: { id: idString(message.id) ?? '', at: fromMilliseconds(event.timestamp), text: typeof message.text === 'string' ? message.text : null, type },
	});
}

function ignoredReason(events: Array<Record<string, unknown>>): string {
	if (events.length === 0) return 'no events (LINE checks the webhook URL this way)';
	const types = [...new Set(events.map((event) => (SAFE_EVENT_TYPE.test(String(event.type)) ? String(event.type) : 'unknown')))];
	const unnamed = events.some((event) => event.type === 'message') ? '; messages without a sender id' : '';
	return `no message from a person (${types.join(', ')})${unnamed}`;
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const businessId = idString(body.destination);
	const events = arrayAt(body, 'events').filter(isPlainObject);
	const leads: Lead[] = [];
	const eventIds = new Set<string>();
	for (const event of events) {
		if (event.type !== 'message') continue;
		const lead = leadFromMessageEvent(event, businessId);
		if (!lead) continue;
		leads.push(lead);
		const eventId = idString(event.webhookEventId);
		if (eventId) eventIds.add(eventId);
	}
	if (leads.length === 0) return { leads: [], eventId: null, eventType: 'message', ignored: ignoredReason(events) };
	return { leads, eventId: eventIds.size ? [...eventIds].join(',') : null, eventType: 'message' };
}

export const lineNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'LINE Messaging API',
	channel: 'chat',
	detect,
	normalize,
};
