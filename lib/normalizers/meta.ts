/**
 * Meta (Facebook/Instagram) Lead Ads, in the three shapes a workflow can hand us:
 * 1. the webhook notification (https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-leadgen/):
 *    `{object: 'page', entry: [{id, time, changes: [{field: 'leadgen', value: {leadgen_id, page_id, form_id,
 *    adgroup_id, ad_id, created_time}}]}]}` — ids only; the answers must be fetched from the Graph API;
 * 2. the Graph API lead (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving/):
 *    `{id, created_time, ad_id, form_id, field_data: [{name, values[]}], campaign_name, platform...}`;
 * 3. n8n's Facebook Lead Ads Trigger output (packages/nodes-base/nodes/FacebookLeadAds): simplified
 *    `{id, data: {<field>: value}, form: {id, name, locale, status}, ad: {id, name}, adset, page, created_time}`,
 *    or raw `{id, field_data, form: {..., questions: [{key, label}]}, ad, adset, page, created_time, event}`.
 */
import { cleanString, emptyLead, fieldForLabel, finalizeLead, isPlainObject, safeEntries, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { addEvent, applyAnswer, arrayAt, bodyRecord, humanizeKey, idString, isUtmField, listAnswer, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'meta';

function leadgenChanges(body: Record<string, unknown> | null): Array<Record<string, unknown>> {
	if (prop(body, 'object') !== 'page') return [];
	return arrayAt(body, 'entry')
		.flatMap((entry) => arrayAt(entry, 'changes'))
		.filter((change) => prop(change, 'field') === 'leadgen' && isPlainObject(prop(change, 'value')))
		.map((change) => prop(change, 'value') as Record<string, unknown>);
}

function isGraphLead(body: Record<string, unknown> | null): boolean {
	const fieldData = prop(body, 'field_data');
	return (
		idString(prop(body, 'id')) !== null &&
		Array.isArray(fieldData) &&
		fieldData.every((item) => isPlainObject(item) && typeof item.name === 'string' && Array.isArray(item.values))
	);
}

function isN8nSimplified(body: Record<string, unknown> | null): boolean {
	return (
		idString(prop(body, 'id')) !== null &&
		isPlainObject(prop(body, 'data')) &&
		isPlainObject(prop(body, 'form')) &&
		prop(body, 'created_time') !== undefined &&
		(isPlainObject(prop(body, 'ad')) || isPlainObject(prop(body, 'adset')) || isPlainObject(prop(body, 'page')))
	);
}

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return leadgenChanges(body).length > 0 || isGraphLead(body) || isN8nSimplified(body);
}

/** Meta's standard question keys (work_phone_number, company_name, job_title…) name the field even under a custom question label. */
function applyMetaField(lead: Lead, key: string, label: string, value: unknown): void {
	const field = fieldForLabel(key);
	if (field && !isUtmField(field)) setLeadField(lead, field, value);
	applyAnswer(lead, label, value);
}

/** Campaign and ad names are the closest thing Lead Ads have to utm tags. */
function applyAdAttribution(lead: Lead, body: Record<string, unknown>): void {
	const platform = cleanString(body.platform)?.toLowerCase();
	setLeadField(lead, 'utmSource', platform === 'ig' || platform === 'instagram' ? 'instagram' : 'facebook');
	setLeadField(lead, 'utmCampaign', body.campaign_name);
	setLeadField(lead, 'utmContent', body.ad_name ?? prop(objectAt(body, 'ad'), 'name'));
}

function leadFromNotification(change: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'ad');
	lead.externalId = idString(change.leadgen_id);
	lead.formId = idString(change.form_id);
	setLeadField(lead, 'submittedAt', change.created_time);
	setLeadField(lead, 'utmSource', 'facebook');
	addEvent(lead, 'ad_click', lead.submittedAt, idString(change.ad_id));
	return finalizeLead(lead);
}

function leadFromRecord(body: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'ad');
	const form = objectAt(body, 'form');
	const questionLabels = new Map<string, string>();
	for (const question of arrayAt(form, 'questions')) {
		const key = idString(prop(question, 'key'));
		const label = cleanString(prop(question, 'label'), 500);
		if (key && label) questionLabels.set(key, label);
	}
	const labelFor = (key: string) => questionLabels.get(key) ?? humanizeKey(key);

	for (const item of arrayAt(body, 'field_data')) {
		const key = cleanString(prop(item, 'name'), 200);
		if (key) applyMetaField(lead, key, labelFor(key), listAnswer(arrayAt(item, 'values')));
	}
	const simplified = objectAt(body, 'data');
	if (simplified && !Array.isArray(body.field_data)) {
		for (const [key, value] of safeEntries(simplified)) applyMetaField(lead, key, labelFor(key), value);
	}

	applyAdAttribution(lead, body);
	lead.externalId = idString(body.id);
	lead.formId = idString(body.form_id) ?? idString(prop(form, 'id'));
	lead.formName = cleanString(prop(form, 'name'), 500);
	setLeadField(lead, 'submittedAt', body.created_time);
	if (body.is_organic !== true) {
		addEvent(lead, 'ad_click', lead.submittedAt, idString(body.ad_id) ?? idString(prop(objectAt(body, 'ad'), 'id')));
	}
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const changes = leadgenChanges(body);
	if (changes.length > 0 || prop(body, 'object') === 'page') {
		const leads = changes.map(leadFromNotification);
		const ids = leads.map((lead) => lead.externalId).filter((id): id is string => id !== null);
		return { leads, eventId: ids.length ? ids.join(',') : null, eventType: 'leadgen' };
	}
	const lead = leadFromRecord(body);
	return { leads: [lead], eventId: lead.externalId, eventType: 'lead' };
}

export const metaNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Meta Lead Ads',
	channel: 'ad',
	detect,
	normalize,
};

/** The Graph API needs the lead id: exported for nodes that fetch `field_data` after a notification. */
export function metaLeadgenIds(body: unknown): string[] {
	return leadgenChanges(isPlainObject(body) ? body : null)
		.map((change) => idString(change.leadgen_id))
		.filter((id): id is string => id !== null);
}
