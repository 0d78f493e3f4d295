import { createHash } from 'crypto';
import { fieldForLabel, labelKey } from '../lead/fields';
import type { Lead } from '../lead/types';

export const DEFAULT_DUPLICATE_WINDOW_MINUTES = 60;

function sha256(text: string | Buffer): string {
	return createHash('sha256').update(text).digest('hex');
}

/** A stable id for a delivery: the vendor's event id, else a hash of the exact bytes received. */
export function deliveryIdFor(eventId: string | null, rawBody: Buffer | string): string {
	return eventId ?? `sha256:${sha256(rawBody).slice(0, 32)}`;
}

/**
 * Sources whose `externalId` names one submission: a form response, an entry, an ad platform's
 * lead. Elsewhere it may name something that comes back with every new event: Mailchimp's member
 * id, or the `id` a website posts (often its form or campaign id). Those sources are keyed on
 * their event or on what was submitted instead.
 */
const SUBMISSION_ID_SOURCES: ReadonlySet<string> = new Set(['typeform', 'tally', 'jotform', 'webflow', 'gravityforms', 'hubspot', 'meta', 'googleads', 'linkedin', 'calendly', 'whatsapp', 'instagram', 'telegram', 'line']);

/**
 * A submission id the sender posted under a label that says so ("submission_id", "entry id",
 * "response_id", "lead_id", "external_id": the external-id labels of the alias table). A bare
 * "id" is not trusted: too many sites post their form's id under it.
 */
function postedSubmissionId(lead: Lead): string | null {
	for (const [label, value] of Object.entries(lead.answers)) {
		if (typeof value !== 'string' && typeof value !== 'number') continue;
		if (fieldForLabel(label) !== 'externalId' || labelKey(label) === 'id') continue;
		const id = String(value).trim();
		if (id) return id.slice(0, 500);
	}
	return null;
}

/** Sorted keys, so the same content always serialises the same way. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined);
		entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/**
 * What the person submitted: every field and answer, without the submission time (a double
 * click sends the same answers a few seconds later) and without what is derived rather than
 * submitted (country code, language).
 */
function submittedContent(lead: Lead, eventType: string | null): string {
	const answers: Record<string, unknown> = {};
	for (const [label, value] of Object.entries(lead.answers)) {
		if (fieldForLabel(label) !== 'submittedAt') answers[label] = value;
	}
	const { submittedAt: _submittedAt, countryCode: _countryCode, language: _language, answers: _answers, ...fields } = lead;
	return canonicalJson({ eventType, fields, answers });
}

/**
 * The keys under which a lead counts as "already received"; a lead is a repeat when any of its
 * keys was recorded before. In order of trust:
 * 1. the vendor's own id of the submission (per event type: a booking and its cancellation differ);
 * 2. the vendor's id of the event (Mailchimp: type, audience, member and time of the event);
 * 3. a submission id the sender posted under a label that says so;
 * 4. what was submitted, inside the duplicate window: a retry repeats the same body, a new
 *    submission (a demo request after a newsletter sign-up) does not. Both the current and the
 *    previous window are recorded, so a repeat is recognised for at least one full window.
 */
export function duplicateKeysFor(
	lead: Lead,
	delivery: { source: string; eventId: string | null; eventType: string | null; rawBody: Buffer | string; leadIndex: number },
	options: { windowMinutes: number; now: number },
): string[] {
	const prefix = `lq:${delivery.source}`;
	const eventType = delivery.eventType ?? '';
	if (lead.externalId && SUBMISSION_ID_SOURCES.has(delivery.source)) return [`${prefix}:id:${lead.externalId}:${eventType}`];
	if (delivery.eventId) return [`${prefix}:event:${delivery.eventId}:${delivery.leadIndex}`];
	const posted = postedSubmissionId(lead);
	if (posted) return [`${prefix}:id:${posted}:${eventType}`];
	const windowMs = Math.max(1, options.windowMinutes) * 60_000;
	const bucket = Math.floor(options.now / windowMs);
	const base = `${prefix}:content:${sha256(submittedContent(lead, delivery.eventType)).slice(0, 32)}`;
	return [`${base}:${bucket}`, `${base}:${bucket - 1}`];
}
