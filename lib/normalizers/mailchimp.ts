/**
 * Mailchimp audience webhooks (https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/),
 * form-encoded: `type=subscribe|unsubscribe|profile|upemail|cleaned|campaign`, `fired_at`,
 * `data[id]`, `data[list_id]`, `data[email]`, `data[merges][FNAME|LNAME|EMAIL|PHONE|COMPANY...]`.
 * Depending on the body parser the keys arrive flat (`data[email]`) or already nested; both work.
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, safeEntries, setLeadField, type MappableField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { addEvent, applyAnswer, composeId, expandedBodyRecord, idString, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'mailchimp';

const EVENT_TYPES = new Set(['subscribe', 'unsubscribe', 'profile', 'upemail', 'cleaned', 'campaign']);

/** Default audience merge tags; any other tag is kept as an answer under its tag. */
const MERGE_FIELDS: Record<string, MappableField> = {
	EMAIL: 'email',
	FNAME: 'firstName',
	LNAME: 'lastName',
	PHONE: 'phone',
	COMPANY: 'company',
	WEBSITE: 'website',
	COUNTRY: 'country',
	JOBTITLE: 'jobTitle',
	TITLE: 'jobTitle',
};
const SKIPPED_MERGES = new Set(['GROUPINGS', 'ADDRESS']);

function detect(input: DeliveryInput): boolean {
	const body = expandedBodyRecord(input);
	const type = prop(body, 'type');
	const data = objectAt(body, 'data');
	return typeof type === 'string' && EVENT_TYPES.has(type) && data !== null && (prop(body, 'fired_at') !== undefined || prop(data, 'list_id') !== undefined);
}

function applyMerges(lead: Lead, merges: Record<string, unknown>): void {
	for (const [tag, value] of safeEntries(merges)) {
		const upper = tag.toUpperCase();
		if (SKIPPED_MERGES.has(upper) || isPlainObject(value)) continue;
		const field = MERGE_FIELDS[upper];
		if (field) setLeadField(lead, field, value);
		else applyAnswer(lead, tag, value);
	}
}

function leadFromEvent(type: string, body: Record<string, unknown>, data: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'newsletter');
	// upemail carries new_email/old_email instead of email
	setLeadField(lead, 'email', data.email ?? data.new_email);
	const merges = objectAt(data, 'merges');
	if (merges) applyMerges(lead, merges);

	lead.formId = idString(data.list_id);
	lead.externalId = idString(data.id) ?? idString(data.new_id);
	setLeadField(lead, 'submittedAt', body.fired_at);

	if (type === 'subscribe') {
		lead.consent.marketing = true;
		addEvent(lead, 'newsletter_signup', lead.submittedAt);
	} else if (type === 'unsubscribe') {
		lead.consent.marketing = false;
		addEvent(lead, 'newsletter_unsubscribe', lead.submittedAt, cleanString(data.reason, 100));
	}
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = expandedBodyRecord(input) ?? {};
	const type = cleanString(body.type, 50) ?? '';
	const data = objectAt(body, 'data') ?? {};
	const lead = leadFromEvent(type, body, data);
	return {
		leads: [lead],
		// Mailchimp sends no delivery id; a retry repeats type, audience, member and fired_at exactly
		eventId: composeId(type, data.list_id, lead.externalId ?? lead.email, body.fired_at),
		eventType: type || null,
	};
}

export const mailchimpNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Mailchimp',
	channel: 'newsletter',
	detect,
	normalize,
};
