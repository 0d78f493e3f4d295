import fs from 'fs';
import path from 'path';
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

/** A vendor documentation payload per scheme, sent signed by the intake and attack suites. */
export const SIGNED_FIXTURES: Record<Scheme, string> = {
	typeform: 'typeform/lead-form.json',
	tally: 'tally/example-payload.json',
	meta: 'meta/leadgen-notification.json',
	webflow: 'webflow/form-submission-v2.json',
	linkedin: 'linkedin/lead-created.json',
	googleads: 'googleads/test-lead.json',
	generic: 'hubspot/form-submission.json',
};

/** The scheme's fixture as raw text, `edit`ed, with Google Ads' key put into the body (it signs that way). */
export function signedFixtureBody(scheme: Scheme, secret: string, edit: (text: string) => string = (text) => text): string {
	const text = edit(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'payloads', SIGNED_FIXTURES[scheme]), 'utf8'));
	return scheme === 'googleads' ? JSON.stringify({ ...JSON.parse(text), google_key: secret }) : text;
}
