import { detectNormalizer, findNormalizer, normalizeDelivery, NORMALIZERS } from '../../../lib/normalizers';
import { allFixtures, delivery, fixture } from './helpers';

const VENDORS = ['typeform', 'tally', 'jotform', 'webflow', 'elementor', 'gravityforms', 'hubspot', 'calendly', 'mailchimp', 'meta', 'googleads', 'linkedin', 'n8nForm', 'wufoo', 'formstack', 'hubspotContactEvents'];

/** Hand-made posts that no vendor normalizer may claim. */
const GENERIC_POSTS: Array<[string, unknown]> = [
	['a flat contact form', { name: 'Jo Bloggs', email: 'jo@example.com', company: 'Bloggs Ltd' }],
	['a form with id, name and date fields', { form_id: 'contact', form_name: 'Contact', Date: '2024-03-05', Time: '10:00', Email: 'a@b.co' }],
	['a zapier-style wrapper', { data: { email: 'a@b.co', first_name: 'A' }, id: '123' }],
	['a list of name/value fields', { fields: [{ name: 'email', value: 'a@b.co' }] }],
	['an event-ish post', { event: 'signup', type: 'subscribe', email: 'a@b.co' }],
	['an object with a type only', { type: 'LEAD', lead_id: 'x', email: 'a@b.co' }],
	['an entry-like post with an ISO date', { id: 1, form_id: 2, date_created: '2024-03-05T10:02:13Z', email: 'a@b.co' }],
];

describe('source detection', () => {
	it('registers every vendor once, generic last', () => {
		const ids = NORMALIZERS.map((normalizer) => normalizer.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids[ids.length - 1]).toBe('generic');
		for (const vendor of VENDORS) expect(findNormalizer(vendor)?.id).toBe(vendor);
	});

	it('has at least one fixture per vendor', () => {
		const sources = new Set(allFixtures().map((file) => file.source));
		expect([...sources].sort()).toEqual([...VENDORS, 'generic'].sort());
	});

	describe.each(allFixtures().map((file) => [`${file.source}/${file.name}`, file] as const))('%s', (_name, file) => {
		it('is detected as its own source', () => {
			expect(detectNormalizer(delivery(file.body)).id).toBe(file.source);
		});

		it('is not claimed by any other vendor normalizer', () => {
			const claimedBy = NORMALIZERS.filter((normalizer) => normalizer.id !== 'generic' && normalizer.id !== file.source)
				.filter((normalizer) => normalizer.detect(delivery(file.body)))
				.map((normalizer) => normalizer.id);
			expect(claimedBy).toEqual([]);
		});
	});

	it.each(GENERIC_POSTS)('leaves %s to the generic normalizer', (_name, body) => {
		const claimedBy = NORMALIZERS.filter((normalizer) => normalizer.id !== 'generic' && normalizer.detect(delivery(body))).map((n) => n.id);
		expect(claimedBy).toEqual([]);
		expect(detectNormalizer(delivery(body)).id).toBe('generic');
	});

	it.each([null, undefined, 42, 'not a body', [], [1, 2], Buffer.from('garbage')])('never throws on %p', (body) => {
		for (const normalizer of NORMALIZERS) expect(() => normalizer.detect(delivery(body))).not.toThrow();
		expect(() => detectNormalizer(delivery(body))).not.toThrow();
	});

	it('auto-detects through normalizeDelivery and honours a forced source', () => {
		const body = fixture('tally', 'example-payload');
		expect(normalizeDelivery(delivery(body)).source).toBe('tally');
		const forced = normalizeDelivery(delivery(body), 'generic');
		expect(forced.source).toBe('generic');
	});
});
