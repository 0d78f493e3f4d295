/**
 * Google Ads lead form webhooks (https://developers.google.com/google-ads/webhook/docs/implementation):
 * `{lead_id, api_version, form_id, campaign_id, adgroup_id, creative_id, gcl_id, google_key, is_test,
 * user_column_data: [{column_id, column_name, string_value}]}`. `google_key` is the shared secret:
 * it is checked by lib/intake/signatures.ts, never copied onto the lead, and removed from the
 * delivery (withoutGoogleKey) before anything else reads it.
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, setLeadField, type MappableField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { addEvent, applyAnswer, arrayAt, bodyRecord, humanizeKey, idString, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'googleads';

/** The body field in which Google Ads sends the key the user typed next to the webhook URL. */
export const GOOGLE_KEY_FIELD = 'google_key';

/**
 * The delivery without its shared secret, so no copy of it reaches execution data, the raw-body
 * output or the Redis journal. A body without the field is returned as it is.
 */
export function withoutGoogleKey<T>(body: T): T {
	if (Array.isArray(body)) return body.map((entry: unknown) => withoutGoogleKey(entry)) as T;
	if (!isPlainObject(body) || !Object.prototype.hasOwnProperty.call(body, GOOGLE_KEY_FIELD)) return body;
	const { [GOOGLE_KEY_FIELD]: _secret, ...rest } = body;
	return rest as T;
}

const COLUMN_FIELDS: Record<string, MappableField> = {
	EMAIL: 'email',
	WORK_EMAIL: 'email',
	FULL_NAME: 'fullName',
	FIRST_NAME: 'firstName',
	LAST_NAME: 'lastName',
	PHONE_NUMBER: 'phone',
	WORK_PHONE: 'phone',
	COMPANY_NAME: 'company',
	JOB_TITLE: 'jobTitle',
	COUNTRY: 'country',
};

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return idString(prop(body, 'lead_id')) !== null && Array.isArray(prop(body, 'user_column_data'));
}

function leadFromWebhook(body: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'ad');
	for (const column of arrayAt(body, 'user_column_data')) {
		if (!isPlainObject(column)) continue;
		const columnId = cleanString(column.column_id, 100)?.toUpperCase() ?? null;
		const label = cleanString(column.column_name, 500) ?? (columnId ? humanizeKey(columnId) : null);
		const value = column.string_value;
		const field = columnId ? COLUMN_FIELDS[columnId] : undefined;
		if (field) setLeadField(lead, field, value);
		if (label) applyAnswer(lead, label, value);
	}
	lead.externalId = idString(body.lead_id);
	lead.formId = idString(body.form_id);
	setLeadField(lead, 'submittedAt', body.lead_submit_time);
	setLeadField(lead, 'utmSource', 'google');
	setLeadField(lead, 'utmCampaign', body.campaign_id);
	// the click id is what offline-conversion uploads need, so it rides on the ad_click event
	addEvent(lead, 'ad_click', lead.submittedAt, idString(body.gcl_id));
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const lead = leadFromWebhook(body);
	return {
		leads: [lead],
		eventId: lead.externalId,
		// "Send test data" in Google Ads sets is_test; keep those apart from real leads
		eventType: body.is_test === true || body.is_test === 'true' ? 'test_lead' : 'lead',
	};
}

export const googleAdsNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Google Ads Lead Forms',
	channel: 'ad',
	detect,
	normalize,
};
