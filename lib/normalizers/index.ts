import { calendlyNormalizer } from './calendly';
import { elementorNormalizer } from './elementor';
import { genericNormalizer } from './generic';
import { formstackNormalizer } from './formstack';
import { googleAdsNormalizer } from './googleads';
import { gravityFormsNormalizer } from './gravityforms';
import { hubspotContactEventsNormalizer } from './hubspotEvents';
import { hubspotNormalizer } from './hubspot';
import { instagramNormalizer } from './instagram';
import { jotformNormalizer } from './jotform';
import { lineNormalizer } from './line';
import { linkedinNormalizer } from './linkedin';
import { mailchimpNormalizer } from './mailchimp';
import { metaNormalizer } from './meta';
import { n8nFormNormalizer } from './n8nForm';
import { TRIGGER_OUTPUT_NORMALIZERS } from './n8nTriggers';
import { tallyNormalizer } from './tally';
import { telegramNormalizer } from './telegram';
import { typeformNormalizer } from './typeform';
import { webflowNormalizer } from './webflow';
import { whatsappNormalizer } from './whatsapp';
import { wufooNormalizer } from './wufoo';
import type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';
import { languageFromAcceptLanguage } from '../lead/language';

/**
 * Most specific first; generic last because it accepts any object. Vendors with an unmistakable
 * envelope come before the flat key/value sources (Elementor, Gravity Forms), whose detection is
 * the loosest.
 */
export const NORMALIZERS: SourceNormalizer[] = [
	typeformNormalizer,
	tallyNormalizer,
	calendlyNormalizer,
	mailchimpNormalizer,
	whatsappNormalizer,
	instagramNormalizer,
	lineNormalizer,
	telegramNormalizer,
	metaNormalizer,
	googleAdsNormalizer,
	linkedinNormalizer,
	hubspotNormalizer,
	hubspotContactEventsNormalizer,
	webflowNormalizer,
	wufooNormalizer,
	formstackNormalizer,
	jotformNormalizer,
	n8nFormNormalizer,
	elementorNormalizer,
	gravityFormsNormalizer,
	genericNormalizer,
];

/** A source by id: one that is auto-detected, or one chosen by the n8n trigger before the node (./n8nTriggers). */
export function findNormalizer(id: string): SourceNormalizer | undefined {
	return NORMALIZERS.find((normalizer) => normalizer.id === id) ?? TRIGGER_OUTPUT_NORMALIZERS.find((normalizer) => normalizer.id === id);
}

export function detectNormalizer(input: DeliveryInput): SourceNormalizer {
	for (const normalizer of NORMALIZERS) {
		try {
			if (normalizer.detect(input)) return normalizer;
		} catch {
			// a detector must not take the delivery down; the next one gets a chance
		}
	}
	return genericNormalizer;
}

export interface NormalizedDelivery extends NormalizeResult {
	source: string;
}

/** Normalizes a delivery with a fixed source id, or auto-detects it when `sourceId` is "auto". */
export function normalizeDelivery(input: DeliveryInput, sourceId = 'auto'): NormalizedDelivery {
	const normalizer = sourceId === 'auto' ? detectNormalizer(input) : findNormalizer(sourceId);
	if (!normalizer) throw new Error(`Unknown lead source "${sourceId}"`);
	const result = normalizer.normalize(input);
	// a form the lead's own browser posted says which languages it reads; only when the lead's text did not
	const acceptLanguage = input.headers?.['accept-language'];
	if (acceptLanguage) for (const lead of result.leads) lead.language ??= languageFromAcceptLanguage(acceptLanguage);
	return { source: normalizer.id, ...result };
}

export type { DeliveryInput, NormalizeResult, SourceNormalizer } from './types';
export { sourceForTriggerNode, TRIGGER_NODE_SOURCES, TRIGGER_OUTPUT_NORMALIZERS } from './n8nTriggers';
