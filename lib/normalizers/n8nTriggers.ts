/**
 * What n8n's own trigger nodes hand to the next node, for the Lead Intake action node placed after
 * them. Most of their outputs carry an envelope a normalizer recognises by shape (n8n's Form
 * Trigger, the Calendly, Webflow, Mailchimp, Facebook Lead Ads, HubSpot, Wufoo and Formstack
 * triggers, and the Typeform and JotForm triggers with their options changed). The Typeform and
 * JotForm triggers' defaults, and the Wufoo Trigger's, hand on the answers alone, keyed by
 * question text: a form post like any other, told apart only by the node that made it. The
 * action node looks up the node before it in TRIGGER_NODE_SOURCES and reads the item as that source.
 */
import type { Lead } from '../lead/types';
import { genericLeadFromBody } from './generic';
import { jotformLeadFromResolvedAnswers, jotformNormalizer } from './jotform';
import { bodyRecord } from './shared';
import { typeformNormalizer } from './typeform';
import type { SourceNormalizer } from './types';

/**
 * n8n trigger node type → the source its output is read as. Nodes that output the vendor's own
 * webhook body map to that vendor's source; nodes with an answers-only default map to a
 * `…Trigger` source that reads both.
 */
export const TRIGGER_NODE_SOURCES: Readonly<Record<string, string>> = {
	'n8n-nodes-base.formTrigger': 'n8nForm',
	'n8n-nodes-base.typeformTrigger': 'typeformTrigger',
	'n8n-nodes-base.jotFormTrigger': 'jotformTrigger',
	'n8n-nodes-base.wufooTrigger': 'wufoo',
	'n8n-nodes-base.formstackTrigger': 'formstack',
	'n8n-nodes-base.calendlyTrigger': 'calendly',
	'n8n-nodes-base.mailchimpTrigger': 'mailchimp',
	'n8n-nodes-base.hubspotTrigger': 'hubspotContactEvents',
	'n8n-nodes-base.facebookLeadAdsTrigger': 'meta',
	'n8n-nodes-base.webflowTrigger': 'webflow',
	'n8n-nodes-base.whatsAppTrigger': 'whatsapp',
	'n8n-nodes-base.telegramTrigger': 'telegram',
};

/** The source to read an item of this node type as, or null for any other node (auto-detect then). */
export function sourceForTriggerNode(nodeType: string | null | undefined): string | null {
	if (!nodeType || !Object.prototype.hasOwnProperty.call(TRIGGER_NODE_SOURCES, nodeType)) return null;
	return TRIGGER_NODE_SOURCES[nodeType];
}

/**
 * A trigger source: the vendor's normalizer for the envelope shapes, else the answers alone,
 * `{<question text>: value}` (no submission id or time: duplicates are told by content).
 */
function triggerOutputNormalizer(id: string, displayName: string, vendor: SourceNormalizer, answersOnly: (answers: Record<string, unknown>) => Lead): SourceNormalizer {
	return {
		id,
		displayName,
		channel: vendor.channel,
		// never auto-detected: the envelope shapes are the vendor's, the answers-only shape is anybody's
		detect: () => false,
		normalize(input) {
			if (vendor.detect(input)) return vendor.normalize(input);
			return { leads: [answersOnly(bodyRecord(input) ?? {})], eventId: null, eventType: 'form_submission' };
		},
	};
}

// simplified Typeform answers are plain values and lists: read as any form post is
export const typeformTriggerNormalizer = triggerOutputNormalizer('typeformTrigger', 'Typeform Trigger (n8n node output)', typeformNormalizer, (answers) => genericLeadFromBody(answers, 'typeform'));
// Jotform's compound answers ({first, last}, {full}, addresses) keep their meaning
export const jotformTriggerNormalizer = triggerOutputNormalizer('jotformTrigger', 'JotForm Trigger (n8n node output)', jotformNormalizer, jotformLeadFromResolvedAnswers);

/** Sources chosen by the node before the Lead Intake node, never by shape (so not offered for auto-detection). */
export const TRIGGER_OUTPUT_NORMALIZERS: readonly SourceNormalizer[] = [typeformTriggerNormalizer, jotformTriggerNormalizer];
