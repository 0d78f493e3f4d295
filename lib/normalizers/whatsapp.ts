/**
 * WhatsApp Business Cloud API, in the two shapes a workflow can hand us:
 * 1. the webhook (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples):
 *    `{object: 'whatsapp_business_account', entry: [{id, changes: [{field: 'messages', value: {messaging_product:
 *    'whatsapp', metadata: {display_phone_number, phone_number_id}, contacts: [{profile: {name}, wa_id}],
 *    messages: [{from, id, timestamp, type, text | image | button | interactive | location | referral...}],
 *    statuses: [{id, status, timestamp, recipient_id}]}}]}]}`;
 * 2. n8n's WhatsApp Trigger output (packages/nodes-base/nodes/WhatsApp/WhatsAppTrigger.node.ts, webhook()):
 *    one item per change, `{...change.value, field: change.field}`.
 * One lead per message the person sent. Reactions, system notices and the statuses of the
 * business's own messages (sent, delivered, read, failed) are no leads: a delivery holding only
 * those is ignored.
 */
import { cleanString, isPlainObject, toIsoDate } from '../lead/fields';
import type { AnswerValue, Lead, LeadEvent, LeadUtm } from '../lead/types';
import { arrayAt, bodyRecord, chatMessageLead, idString, objectAt, path, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'whatsapp';

/** Message types that are not something the person wrote or chose: a reaction to a message, a notice that they changed number. */
const NOT_A_MESSAGE: Readonly<Record<string, string>> = { reaction: 'reaction', system: 'system notice' };

/** A wa_id is the person's number without "+": a phone only when it has a phone's length. */
const WA_ID_PHONE = /^[1-9]\d{6,14}$/;

/** A notification's field or status named in an ignored reason: Meta's own words, never personal data. */
const SAFE_WORD = /^[a-z_]{1,40}$/;

/** The `value` of every change of a webhook, with its field. */
function webhookValues(body: Record<string, unknown> | null): Array<{ field: string | null; value: Record<string, unknown> }> {
	if (prop(body, 'object') !== 'whatsapp_business_account') return [];
	return arrayAt(body, 'entry')
		.flatMap((entry) => arrayAt(entry, 'changes'))
		.filter((change) => isPlainObject(prop(change, 'value')))
		.map((change) => ({ field: cleanString(prop(change, 'field'), 100), value: prop(change, 'value') as Record<string, unknown> }));
}

/** A change's value on its own: what n8n's WhatsApp Trigger outputs (with `field`), or a value a workflow picked out of the webhook. */
function isChangeValue(body: Record<string, unknown> | null): boolean {
	return prop(body, 'messaging_product') === 'whatsapp' && (Array.isArray(prop(body, 'messages')) || Array.isArray(prop(body, 'statuses')));
}

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return webhookValues(body).length > 0 || isChangeValue(body);
}

/** What the person wrote or chose: the text, a caption, the title of a tapped button or list row. */
function messageText(message: Record<string, unknown>, type: string): unknown {
	switch (type) {
		case 'text':
			return path(message, 'text', 'body');
		case 'image':
		case 'video':
		case 'document':
			return path(message, type, 'caption');
		case 'button':
			return path(message, 'button', 'text');
		case 'interactive':
			return path(message, 'interactive', 'button_reply', 'title') ?? path(message, 'interactive', 'list_reply', 'title');
		case 'order':
			return path(message, 'order', 'text');
		default:
			return null;
	}
}

/**
 * A message that came from a click-to-WhatsApp ad or post carries `referral`: its link, headline and
 * ad id are kept as answers; only `source_type: "ad"` is paid traffic (Meta's sample writes the
 * choice as "ad or post", which says neither).
 */
function referralAttribution(referral: Record<string, unknown> | null, at: string | null): { answers: Record<string, AnswerValue>; utm: Partial<LeadUtm>; events: LeadEvent[] } {
	if (!referral) return { answers: {}, utm: {}, events: [] };
	const adId = idString(referral.source_id);
	const answers: Record<string, AnswerValue> = {
		'Ad id': adId,
		'Ad headline': cleanString(referral.headline, 500),
		'Ad URL': cleanString(referral.source_url, 2000),
	};
	if (cleanString(referral.source_type)?.toLowerCase() !== 'ad') return { answers, utm: {}, events: [] };
	return { answers, utm: { source: adPlatform(referral.source_url), medium: 'paid' }, events: [{ type: 'ad_click', at, value: adId }] };
}

/** The platform the ad ran on, from its link: instagram.com or facebook.com / fb.me; null when the link does not say. */
function adPlatform(url: unknown): string | null {
	const text = cleanString(url, 2000);
	if (!text) return null;
	let host: string;
	try {
		host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase();
	} catch {
		return null;
	}
	const within = (domain: string) => host === domain || host.endsWith(`.${domain}`);
	if (within('instagram.com')) return 'instagram';
	if (within('facebook.com') || within('fb.me') || within('fb.com')) return 'facebook';
	return null;
}

/** A shared location as the person would read it: its name, its address, its coordinates. */
function locationAnswer(location: Record<string, unknown> | null): string | null {
	const coordinates = [location?.latitude, location?.longitude].every((part) => typeof part === 'number' && Number.isFinite(part)) ? `${location?.latitude as number}, ${location?.longitude as number}` : null;
	const parts = [cleanString(location?.name, 500), cleanString(location?.address, 500), coordinates].filter((part): part is string => part !== null);
	return parts.length ? parts.join(' · ') : null;
}

interface ValueReading {
	leads: Lead[];
	/** why parts of the delivery made no lead, in the order met: "reaction", status names */
	skipped: string[];
	statuses: string[];
}

function readValue(field: string | null, value: Record<string, unknown>, reading: ValueReading): void {
	if (field !== null && field !== 'messages') {
		reading.skipped.push(SAFE_WORD.test(field) ? `${field} notification` : 'notification');
		return;
	}
	const businessId = idString(path(value, 'metadata', 'phone_number_id'));
	const contacts = arrayAt(value, 'contacts').filter(isPlainObject);
	for (const status of arrayAt(value, 'statuses')) {
		const name = cleanString(prop(status, 'status'), 40)?.toLowerCase() ?? 'unknown';
		reading.statuses.push(SAFE_WORD.test(name) ? name : 'unknown');
	}
	for (const message of arrayAt(value, 'messages')) {
		if (!isPlainObject(message)) continue;
		const type = cleanString(message.type, 50)?.toLowerCase() ?? 'unknown';
		if (Object.prototype.hasOwnProperty.call(NOT_A_MESSAGE, type)) {
			reading.skipped.push(NOT_A_MESSAGE[type]);
			continue;
		}
		const from = idString(message.from);
		// the profile is sent beside the messages; with a single contact it is the sender's
		const contact = contacts.find((candidate) => idString(candidate.wa_id) === from) ?? (contacts.length === 1 ? contacts[0] : null);
		const userId = idString(prop(contact, 'wa_id')) ?? from;
		if (!userId) continue;
		const name = cleanString(path(contact, 'profile', 'name'), 500);
		const at = toIsoDate(message.timestamp);
		const { answers, utm, events } = referralAttribution(objectAt(message, 'referral'), at);
		if (type === 'location') answers.Location = locationAnswer(objectAt(message, 'location'));
		// the business wrote these ids into its buttons and lists: rules can tell the choices apart by them
		const replyId = type === 'button' ? path(message, 'button', 'payload') : (path(message, 'interactive', 'button_reply', 'id') ?? path(message, 'interactive', 'list_reply', 'id'));
		if (replyId !== undefined) answers['Reply id'] = cleanString(replyId, 500);
		const lead = chatMessageLead({
			channel: 'whatsapp',
			userId,
			handle: name,
			businessId,
			message: { id: idString(message.id) ?? '', at, text: messageText(message, type) as string | null, type },
			name,
			phone: WA_ID_PHONE.test(userId) ? `+${userId}` : null,
			answers,
			utm,
			events,
		});
		if (lead) reading.leads.push(lead);
	}
}

/** "status update (delivered, read); reaction": what the delivery held instead of a message, without anything personal. */
function ignoredReason(reading: ValueReading): string {
	const parts: string[] = [];
	const statuses = [...new Set(reading.statuses)];
	if (statuses.length) parts.push(`status update (${statuses.join(', ')})`);
	parts.push(...new Set(reading.skipped));
	return parts.length ? parts.join('; ') : 'no message';
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const values = isChangeValue(body) ? [{ field: cleanString(prop(body, 'field'), 100), value: body }] : webhookValues(body);
	const reading: ValueReading = { leads: [], skipped: [], statuses: [] };
	for (const { field, value } of values) readValue(field, value, reading);
	if (reading.leads.length === 0) return { leads: [], eventId: null, eventType: 'message', ignored: ignoredReason(reading) };
	const ids = reading.leads.map((lead) => lead.externalId as string);
	return { leads: reading.leads, eventId: ids.join(','), eventType: 'message' };
}

export const whatsappNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'WhatsApp Business (Cloud API)',
	channel: 'chat',
	detect,
	normalize,
};
