/**
 * Typeform webhooks (https://www.typeform.com/developers/webhooks/example-payload/):
 * `{event_id, event_type: 'form_response', form_response: {form_id, token, submitted_at,
 * hidden, definition: {id, title, fields[]}, answers[]}}`. Answers point at their question by
 * `field.id` / `field.ref`; the question title lives in `definition.fields`.
 *
 * n8n's Typeform Trigger (n8n-nodes-base/dist/nodes/Typeform/TypeformTrigger.node.js, webhook(),
 * lines 188-268 in 2.41.1) hands on three more shapes: with "Simplify Answers" on and "Only
 * Answers" off, the envelope above with `form_response.answers` replaced by `{<question title>:
 * value}`; with both off, the envelope as sent; with "Simplify Answers" off and "Only Answers" on
 * (node version 1.1), the answers keyed by field id, `{<field id>: {type, field, <type>: value}}`.
 * The default (both on) is `{<question title>: value}` alone, which only the node type tells apart
 * from any form post (see typeformTriggerNormalizer in ./n8nTriggers).
 */
import { cleanString, emptyLead, finalizeLead, isPlainObject, safeEntries, setLeadField } from '../lead/fields';
import type { Lead } from '../lead/types';
import { applyAnswer, applyTracking, arrayAt, bodyRecord, emptyResultLead, idString, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'typeform';

function isEnvelope(body: Record<string, unknown> | null): boolean {
	const eventType = prop(body, 'event_type');
	return typeof eventType === 'string' && eventType.startsWith('form_response') && isPlainObject(prop(body, 'form_response'));
}

/** One Typeform answer object: `{type: 'email', field: {id, type, ref}, email: '...'}`. */
function isAnswer(value: unknown): value is Record<string, unknown> {
	const field = prop(value, 'field');
	return typeof prop(value, 'type') === 'string' && idString(prop(field, 'id')) !== null && typeof prop(field, 'type') === 'string';
}

/** The Typeform Trigger's "Only Answers" output (node version 1.1+): answer objects keyed by their field id. */
function isAnswersById(body: Record<string, unknown> | null): body is Record<string, unknown> {
	if (!body) return false;
	// a field id is Typeform's own random id: 'constructor' or 'prototype' never is one (and is no reason to refuse a delivery)
	const entries = safeEntries(body).filter(([key]) => key !== 'constructor' && key !== 'prototype');
	return entries.length > 0 && entries.every(([id, answer]) => isAnswer(answer) && idString(prop(prop(answer, 'field'), 'id')) === id);
}

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return isEnvelope(body) || isAnswersById(body);
}

/** The value of one answer, by its declared type. */
function answerValue(answer: Record<string, unknown>): unknown {
	const type = typeof answer.type === 'string' ? answer.type : '';
	switch (type) {
		case 'choice': {
			const choice = objectAt(answer, 'choice');
			return choice ? (prop(choice, 'label') ?? prop(choice, 'other') ?? null) : null;
		}
		case 'choices': {
			const choices = objectAt(answer, 'choices');
			if (!choices) return null;
			const labels = arrayAt(choices, 'labels');
			const other = prop(choices, 'other');
			return other === undefined || other === null ? labels : [...labels, other];
		}
		case 'payment': {
			const payment = objectAt(answer, 'payment');
			return payment ? (prop(payment, 'amount') ?? null) : null;
		}
		default:
			return type ? (prop(answer, type) ?? null) : null;
	}
}

function questionLabels(definition: Record<string, unknown> | null): Map<string, string> {
	const labels = new Map<string, string>();
	for (const field of arrayAt(definition, 'fields')) {
		const title = cleanString(prop(field, 'title'), 500);
		if (!title) continue;
		const id = idString(prop(field, 'id'));
		const ref = idString(prop(field, 'ref'));
		if (id) labels.set(`id:${id}`, title);
		if (ref) labels.set(`ref:${ref}`, title);
	}
	return labels;
}

function leadFromResponse(response: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'form');
	const definition = objectAt(response, 'definition');
	const labels = questionLabels(definition);

	// n8n's simplified answers: already `{question title: value}`
	const simplified = objectAt(response, 'answers');
	if (simplified) for (const [title, value] of safeEntries(simplified)) applyAnswer(lead, title, value);

	for (const answer of arrayAt(response, 'answers')) {
		if (!isPlainObject(answer)) continue;
		const field = objectAt(answer, 'field');
		const id = idString(prop(field, 'id'));
		const ref = idString(prop(field, 'ref'));
		const label = (id && labels.get(`id:${id}`)) || (ref && labels.get(`ref:${ref}`)) || ref || id;
		if (!label) continue;
		const value = answerValue(answer);
		// the answer type is more reliable than the question wording
		if (answer.type === 'email') setLeadField(lead, 'email', value);
		if (answer.type === 'phone_number') setLeadField(lead, 'phone', value);
		applyAnswer(lead, label, value);
		// readable refs ("first_name", "company") name the field even when the title does not
		if (ref) applyTracking(lead, ref, value);
	}

	const hidden = objectAt(response, 'hidden');
	if (hidden) {
		for (const [key, value] of safeEntries(hidden)) {
			if (!applyTracking(lead, key, value)) applyAnswer(lead, key, value);
		}
	}

	lead.formId = idString(prop(response, 'form_id')) ?? idString(prop(definition, 'id'));
	lead.formName = cleanString(prop(definition, 'title'), 500);
	setLeadField(lead, 'submittedAt', prop(response, 'submitted_at') ?? prop(response, 'landed_at'));
	lead.externalId = idString(prop(response, 'token')) ?? idString(prop(response, 'response_id'));
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input);
	if (!isEnvelope(body) && isAnswersById(body)) {
		// no envelope: no submission token, form or time; the labels are the fields' refs
		return { leads: [leadFromResponse({ answers: safeEntries(body).map(([, answer]) => answer).filter(isAnswer) })], eventId: null, eventType: 'form_response' };
	}
	const response = objectAt(body, 'form_response');
	return {
		leads: [response ? leadFromResponse(response) : emptyResultLead(SOURCE, 'form')],
		eventId: idString(prop(body, 'event_id')),
		eventType: cleanString(prop(body, 'event_type'), 100),
	};
}

export const typeformNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Typeform',
	channel: 'form',
	detect,
	normalize,
};
