import { computeGenericSignature, computeLinkedInSignature, computeMetaSignature, computeTallySignature, computeTypeformSignature, computeWebflowSignature } from '../../lib/intake/signatures';

export type Scheme = 'typeform' | 'tally' | 'meta' | 'webflow' | 'linkedin' | 'googleads' | 'generic';
export const SCHEMES: Scheme[] = ['typeform', 'tally', 'meta', 'webflow', 'linkedin', 'googleads', 'generic'];

/** The headers each vendor sends with `body` signed by `secret` (Google Ads puts its key in the body instead). */
export function signatureHeaders(scheme: Scheme, body: string, secret: string, timestamp = Date.now()): Record<string, string> {
	switch (scheme) {
		case 'typeform':
			return { 'typeform-signature': computeTypeformSignature(body, secret) };
		case 'tally':
			return { 'tally-signature': computeTallySignature(body, secret) };
		case 'meta':
			return { 'x-hub-signature-256': computeMetaSignature(body, secret) };
		case 'webflow':
			return { 'x-webflow-timestamp': String(timestamp), 'x-webflow-signature': computeWebflowSignature(body, secret, timestamp) };
		case 'linkedin':
			return { 'x-li-signature': computeLinkedInSignature(body, secret) };
		case 'generic':
			return { 'x-signature': computeGenericSignature(body, secret) };
		case 'googleads':
			return {};
	}
}
