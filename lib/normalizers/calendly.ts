/**
 * Calendly webhook subscriptions (https://developer.calendly.com/api-docs/calendly-api/webhooks):
 * `{event: 'invitee.created' | 'invitee.canceled', created_at, created_by, payload: {uri, email, name,
 * first_name, last_name, text_reminder_number, questions_and_answers[], tracking: {utm_*}, scheduled_event}}`.
 * A booked meeting is a hand-raiser: it adds a `demo_request` event.
 */
import { cleanString, emptyLead, finalizeLead, setLeadField, toIsoDate } from '../lead/fields';
import type { Lead } from '../lead/types';
import { addEvent, applyAnswer, applyTracking, arrayAt, bodyRecord, emptyResultLead, idString, objectAt, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'calendly';

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	const event = prop(body, 'event');
	return typeof event === 'string' && event.startsWith('invitee') && objectAt(body, 'payload') !== null;
}

function leadFromInvitee(event: string, envelope: Record<string, unknown>, invitee: Record<string, unknown>): Lead {
	const lead = emptyLead(SOURCE, 'form');
	setLeadField(lead, 'email', invitee.email);
	setLeadField(lead, 'firstName', invitee.first_name);
	setLeadField(lead, 'lastName', invitee.last_name);
	setLeadField(lead, 'fullName', invitee.name);
	setLeadField(lead, 'phone', invitee.text_reminder_number);

	const questions = arrayAt(invitee, 'questions_and_answers')
		.slice()
		.sort((a, b) => questionPosition(a) - questionPosition(b));
	for (const item of questions) {
		const question = cleanString(prop(item, 'question'), 500);
		if (question) applyAnswer(lead, question, prop(item, 'answer'));
	}

	const tracking = objectAt(invitee, 'tracking');
	for (const key of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']) applyTracking(lead, key, prop(tracking, key));

	const scheduled = objectAt(invitee, 'scheduled_event');
	lead.formId = idString(prop(scheduled, 'event_type')) ?? idString(invitee.event_type);
	lead.formName = cleanString(prop(scheduled, 'name'), 500);
	lead.externalId = idString(invitee.uri);
	setLeadField(lead, 'submittedAt', invitee.created_at ?? envelope.created_at);

	const startsAt = toIsoDate(prop(scheduled, 'start_time'));
	if (event === 'invitee.created') {
		addEvent(lead, 'demo_request', lead.submittedAt, startsAt);
	} else if (event === 'invitee.canceled') {
		const canceledAt = toIsoDate(prop(objectAt(invitee, 'cancellation'), 'created_at') ?? invitee.updated_at ?? envelope.created_at);
		addEvent(lead, invitee.rescheduled === true ? 'demo_rescheduled' : 'demo_canceled', canceledAt, startsAt);
	}
	return finalizeLead(lead);
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = bodyRecord(input) ?? {};
	const event = cleanString(body.event, 100) ?? '';
	const invitee = objectAt(body, 'payload');
	const lead = invitee ? leadFromInvitee(event, body, invitee) : emptyResultLead(SOURCE, 'form');
	return {
		leads: [lead],
		// created and canceled share the invitee uri, so the event name is part of the id
		eventId: lead.externalId ? `${event}:${lead.externalId}` : null,
		eventType: event || null,
	};
}

export const calendlyNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Calendly',
	channel: 'form',
	detect,
	normalize,
};

/** Calendly numbers its questions; anything that is not a number sorts first. */
function questionPosition(item: unknown): number {
	const position = prop(item, 'position');
	const value = typeof position === 'number' ? position : typeof position === 'string' ? Number(position) : 0;
	return Number.isFinite(value) ? value : 0;
}
