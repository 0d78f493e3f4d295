/**
 * Formstack form webhooks (https://developers.formstack.com/docs/webhook-examples), JSON or
 * form-encoded: `{FormID, UniqueID, <field>: value}` where a field is keyed by its label (the
 * default), a compound field is an object (`Name: {first, last}`, `Address: {address, city, state,
 * zip}`), and with "include field type" every value is wrapped: `Email: {value, field_type}`.
 * n8n's Formstack Trigger (n8n-nodes-base/dist/nodes/Formstack/FormstackTrigger.node.js, webhook(),
 * lines 146-167 in 2.41.1) hands the post on, with "Simplify" on (its default) unwrapping `{value}`.
 */
import { isPlainObject, safeEntries, safeSet } from '../lead/fields';
import { genericLeadFromBody } from './generic';
import { bodyRecord, expandedBodyRecord, idString, prop } from './shared';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';

const SOURCE = 'formstack';
/** Formstack's own keys; `HandshakeKey` is the shared secret when one is set, never an answer. */
const ENVELOPE_KEYS = new Set(['FormID', 'UniqueID', 'HandshakeKey']);

function detect(input: DeliveryInput): boolean {
	const body = bodyRecord(input);
	return idString(prop(body, 'FormID')) !== null && idString(prop(body, 'UniqueID')) !== null;
}

/** `{value, field_type}` → value; `{first, last, field_type}` → `{first, last}`. */
function fieldValue(value: unknown): unknown {
	if (!isPlainObject(value)) return value;
	if ('value' in value) return value.value;
	const { field_type: _fieldType, ...parts } = value;
	return parts;
}

function normalize(input: DeliveryInput): NormalizeResult {
	const body = expandedBodyRecord(input) ?? {};
	const answers: Record<string, unknown> = {};
	for (const [label, value] of safeEntries(body)) if (!ENVELOPE_KEYS.has(label)) safeSet(answers, label, fieldValue(value));
	// the labels are the form owner's, in any language: read as any form post is
	const lead = genericLeadFromBody(answers, SOURCE);
	lead.formId = idString(body.FormID);
	lead.externalId = idString(body.UniqueID);
	return { leads: [lead], eventId: lead.externalId, eventType: 'form_submission' };
}

export const formstackNormalizer: SourceNormalizer = {
	id: SOURCE,
	displayName: 'Formstack',
	channel: 'form',
	detect,
	normalize,
};
