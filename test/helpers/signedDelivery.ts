import fs from 'fs';
import path from 'path';
import {
	computeCalendlySignature,
	computeGenericSignature,
	computeHubSpotV3Signature,
	computeLinkedInSignature,
	computeMetaSignature,
	computeTallySignature,
	computeTypeformSignature,
	computeWebflowSignature,
} from '../../lib/intake/signatures';

// The compute* helpers sign as the vendors do: test/unit/signatures.test.ts pins each of them to a
// vendor-published or hand-computed (openssl) value, so a misread scheme cannot pass here.

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

/**
 * Schemes that sign more than the body or carry the secret in the URL, so they need the request's
 * URL or a query string: kept apart from SCHEMES, whose headers depend on the body alone.
 */
export type RequestScheme = 'calendly' | 'hubspot' | 'mailchimp';
export const REQUEST_SCHEMES: RequestScheme[] = ['calendly', 'hubspot', 'mailchimp'];

export const REQUEST_FIXTURES: Record<RequestScheme, string> = {
	calendly: 'calendly/invitee-created.json',
	hubspot: 'hubspot/form-submission.json',
	mailchimp: 'mailchimp/subscribe-flat.json',
};

/** `Calendly-Webhook-Signature` for `body`, timestamped `timestampMs` (sent in seconds). */
export function calendlyHeaders(body: string, signingKey: string, timestampMs = Date.now()): Record<string, string> {
	return { 'calendly-webhook-signature': computeCalendlySignature(body, signingKey, Math.floor(timestampMs / 1000)) };
}

/** HubSpot's v3 headers for a POST of `body` to `url`. */
export function hubSpotV3Headers(body: string, clientSecret: string, url: string, timestampMs = Date.now()): Record<string, string> {
	return { 'x-hubspot-request-timestamp': String(timestampMs), 'x-hubspot-signature-v3': computeHubSpotV3Signature('POST', url, body, clientSecret, timestampMs) };
}

/** A Mailchimp delivery as Mailchimp posts it: the fixture's flat fields form-urlencoded. */
export function mailchimpFormBody(edit: (fields: Record<string, string>) => Record<string, string> = (fields) => fields): string {
	const fields = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'payloads', REQUEST_FIXTURES.mailchimp), 'utf8')) as Record<string, string>;
	return new URLSearchParams(edit(fields)).toString();
}
