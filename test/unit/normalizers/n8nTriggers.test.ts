/**
 * What n8n 2.41.1's trigger nodes hand to a Lead Intake node placed after them. Each input is built
 * from the trigger's own code (file and lines in test/fixtures/payloads/n8n-triggers/README.md)
 * applied to a vendor's published sample where one exists; every expected lead is written by hand.
 */
import { detectNormalizer, findNormalizer, normalizeDelivery, NORMALIZERS, sourceForTriggerNode, TRIGGER_NODE_SOURCES, TRIGGER_OUTPUT_NORMALIZERS } from '../../../lib/normalizers';
import { delivery, triggerFixture } from './helpers';

const read = (body: unknown, source = 'auto') => normalizeDelivery(delivery(body), source);

describe("n8n's Form Trigger", () => {
	it('reads the answers by label, the form-link utm tags and submittedAt; skips files and empty fields', () => {
		const result = read(triggerFixture('n8nForm', 'contact-v2'));
		expect(result).toMatchObject({ source: 'n8nForm', eventId: null, eventType: 'form_submission' });
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'n8nForm',
			channel: 'form',
			email: 'maria.kowalska@example.pl',
			firstName: 'Maria',
			lastName: 'Kowalska',
			fullName: 'Maria Kowalska',
			company: 'Przykład Sp. z o.o.',
			jobTitle: 'Head of Marketing',
			// +48 is Poland's calling code: the phone decides the country
			phone: '+48601234567',
			countryCode: 'PL',
			submittedAt: '2026-11-20T10:15:30.123Z',
			formId: null,
			externalId: null,
		});
		expect(lead.utm).toEqual({ source: 'newsletter', medium: null, campaign: 'q4-demo', term: null, content: null });
		expect(lead.answers).toEqual({
			'First Name': 'Maria',
			'Last Name': 'Kowalska',
			'Work Email': 'maria.kowalska@example.pl',
			Company: 'Przykład Sp. z o.o.',
			'Job Title': 'Head of Marketing',
			Phone: '+48 601 234 567',
			'Which products?': ['Routing', 'Scoring'],
		});
	});

	it('reads Persian labels through the label table, a submission time in the workflow zone, and never takes the signed-in n8n user for the lead', () => {
		const [lead] = read(triggerFixture('n8nForm', 'fa-workflow-timezone-headers')).leads;
		expect(lead).toMatchObject({
			firstName: 'علی',
			lastName: 'رضایی',
			email: 'ali.rezaei@parsian-soft.ir',
			company: 'پارسیان نرم‌افزار',
			jobTitle: 'مدیر عامل',
			country: 'ایران',
			countryCode: 'IR',
			language: 'fa',
			// 13:45:30.123 at +03:30 (Tehran)
			submittedAt: '2026-11-20T10:15:30.123Z',
		});
		expect(JSON.stringify(lead)).not.toContain('owner@agency.example');
		expect(Object.keys(lead.answers)).toEqual(['نام', 'نام خانوادگی', 'ایمیل کاری', 'نام شرکت', 'سمت', 'کشور']);
	});

	it("takes the language from the browser's Accept-Language only when the answers name none", () => {
		const body = { 'Email': 'x@y.example', submittedAt: '2026-11-20T10:15:30.123+00:00', formMode: 'production', headers: { 'Accept-Language': 'tr-TR,tr;q=0.9' } };
		expect(read(body).leads[0].language).toBe('tr');
	});

	it('is claimed by no other source, and needs both formMode and submittedAt', () => {
		expect(detectNormalizer(delivery({ Email: 'a@b.co', formMode: 'production' })).id).toBe('generic');
		expect(detectNormalizer(delivery({ Email: 'a@b.co', submittedAt: '2026-11-20T10:15:30.123Z' })).id).toBe('generic');
		expect(detectNormalizer(delivery({ Email: 'a@b.co', submittedAt: '2026-11-20T10:15:30.123Z', formMode: 'preview' })).id).toBe('generic');
	});
});

describe("n8n's Typeform Trigger (Typeform's published example payload)", () => {
	const LAURA = { email: 'laura@example.com', firstName: 'Laura', source: 'typeform' };

	it('Simplify Answers on, Only Answers off: the envelope with answers by question title', () => {
		const result = read(triggerFixture('typeform', 'simplified-envelope'));
		expect(result).toMatchObject({ source: 'typeform', eventId: 'LtWXD3crgy', eventType: 'form_response' });
		const [lead] = result.leads;
		expect(lead).toMatchObject({ ...LAURA, formId: 'lT4Z3j', formName: 'Webhooks example', externalId: 'a3a12ec67a1365927098a606107fac15', submittedAt: '2018-01-18T18:17:02.000Z' });
		// n8n writes Typeform's {{answer_…}} placeholders in titles as [answer_…]
		expect(lead.answers["Thanks, [answer_60906475]! What's it like where you live? Tell us in a few sentences."]).toMatch(/^It's cold right now!/);
		expect(lead.answers['Which pictures do you like? You can choose as many as you like.']).toEqual(['London', 'Sydney']);
		expect(lead.answers['Which of these cities is your favorite?']).toBe('London');
		expect(lead.answers.user_id).toBe('abc123456');
	});

	it('Simplify Answers off, Only Answers on (node 1.1): answers by field id, the email by its answer type', () => {
		const result = read(triggerFixture('typeform', 'answers-by-id'));
		expect(result).toMatchObject({ source: 'typeform', eventId: null });
		const [lead] = result.leads;
		expect(lead.email).toBe('laura@example.com');
		expect(lead.answers).toMatchObject({ JwWggjAKtOkA: 'Laura', PNe8ZKBK8C2Q: ['London', 'Sydney'], k6TP9oLGgHjl: 'London', RUqkXSeXBXSd: false });
	});

	it('the default (both on) is a plain form post: read as Typeform only when the node before says so', () => {
		const body = triggerFixture('typeformTrigger', 'answers-only');
		expect(detectNormalizer(delivery(body)).id).toBe('generic');
		const result = read(body, sourceForTriggerNode('n8n-nodes-base.typeformTrigger') as string);
		expect(result).toMatchObject({ source: 'typeformTrigger', eventId: null, eventType: 'form_submission' });
		expect(result.leads[0]).toMatchObject({ ...LAURA, formId: null, submittedAt: null });
		expect(result.leads[0].answers['What is your first name?']).toBe('Laura');
	});

	it('the trigger source still reads the envelope shapes as Typeform does', () => {
		const result = read(triggerFixture('typeform', 'simplified-envelope'), 'typeformTrigger');
		expect(result.leads[0]).toMatchObject({ ...LAURA, externalId: 'a3a12ec67a1365927098a606107fac15' });
		expect(result.eventId).toBe('LtWXD3crgy');
	});
});

describe("n8n's JotForm Trigger", () => {
	const JAN = { email: 'jan.kowalski@example.pl', firstName: 'Jan', lastName: 'Kowalski', fullName: 'Jan Kowalski', company: 'Przykład Sp. z o.o.', country: 'Poland', countryCode: 'PL', source: 'jotform' };

	it('Resolve Data on, Only Answers off: the post with rawRequest keyed by (Turkish) question text', () => {
		const result = read(triggerFixture('jotform', 'resolved-envelope'));
		expect(result).toMatchObject({ source: 'jotform', eventId: '5912345678901234567' });
		expect(result.leads[0]).toMatchObject({ ...JAN, phone: '(555) 555-0123', formId: '241234567890123', formName: 'Contact Sales', externalId: '5912345678901234567' });
		expect(result.leads[0].utm).toMatchObject({ source: 'google', campaign: 'brand-pl' });
		expect(result.leads[0].answers).toMatchObject({ 'Ad Soyad': 'Jan Kowalski', 'Çalışan sayısı': '11-50', 'Tercih edilen tarih': '2024-04-15' });
	});

	it('Resolve Data off, Only Answers on: the parsed rawRequest alone (form id from the slug, event_id as delivery id)', () => {
		const result = read(triggerFixture('jotform', 'raw-request-only'));
		expect(result).toMatchObject({ source: 'jotform', eventId: '1712570000000_241234567890123_AbCdEfG' });
		// submitDate 1712570123456 ms = 2024-04-08T09:55:23.456Z
		expect(result.leads[0]).toMatchObject({ ...JAN, formId: '241234567890123', externalId: null, submittedAt: '2024-04-08T09:55:23.456Z' });
	});

	it('the default (both on) is a plain form post: read as Jotform, compound answers kept whole, only when the node before says so', () => {
		const body = triggerFixture('jotformTrigger', 'answers-only-tr');
		expect(detectNormalizer(delivery(body)).id).toBe('generic');
		const result = read(body, sourceForTriggerNode('n8n-nodes-base.jotFormTrigger') as string);
		expect(result).toMatchObject({ source: 'jotformTrigger', eventId: null });
		expect(result.leads[0]).toMatchObject({ ...JAN, phone: '(555) 555-0123' });
		expect(result.leads[0].answers).toMatchObject({ 'Ad Soyad': 'Jan Kowalski', Adres: 'ul. Długa 1, Kraków, Małopolskie, 31-001, Poland' });
	});
});

describe('Wufoo (webhook post and n8n Wufoo Trigger)', () => {
	const AYSE = { source: 'wufoo', email: 'ayse@ornek.com.tr', firstName: 'Ayşe', lastName: 'Yılmaz', company: 'Örnek A.Ş.', formId: 'z7x3p9', formName: 'Contact Sales', externalId: '42', submittedAt: '2024-03-05T10:02:13.000Z' };

	it.each(['webhook-post', 'n8n-entry'])('%s: fields by title, the form hash and entry id', (name) => {
		const result = read(triggerFixture('wufoo', name));
		expect(result).toMatchObject({ source: 'wufoo', eventId: 'z7x3p9:42' });
		expect(result.leads[0]).toMatchObject(AYSE);
		expect(result.leads[0].answers['Interested in']).toEqual(['Demo']);
	});

	it("the trigger's Only Answers output (its default) when Wufoo is chosen", () => {
		const entries = triggerFixture<{ entries: unknown }>('wufoo', 'n8n-entry').entries;
		expect(detectNormalizer(delivery(entries)).id).toBe('generic');
		const result = read(entries, sourceForTriggerNode('n8n-nodes-base.wufooTrigger') as string);
		expect(result.leads[0]).toMatchObject({ email: 'ayse@ornek.com.tr', firstName: 'Ayşe', lastName: 'Yılmaz', company: 'Örnek A.Ş.', externalId: null });
		expect(result.eventId).toBeNull();
	});
});

describe("Formstack (Formstack's published webhook examples; n8n's trigger passes them on)", () => {
	it.each(['webhook-json', 'with-field-types'])('%s', (name) => {
		const result = read(triggerFixture('formstack', name));
		expect(result).toMatchObject({ source: 'formstack', eventId: '12345678' });
		expect(result.leads[0]).toMatchObject({ email: 'john.smith@example.com', firstName: 'John', lastName: 'Smith', phone: '234-555-6789', city: 'Test', formId: '23534', externalId: '12345678' });
		expect(result.leads[0].answers).not.toHaveProperty('FormID');
	});
});

describe('HubSpot contact events (app webhooks; n8n HubSpot Trigger items)', () => {
	it("an n8n item: contactId, the changed property, occurredAt; eventId for retries", () => {
		const result = read(triggerFixture('hubspotContactEvents', 'n8n-property-change'));
		expect(result).toMatchObject({ source: 'hubspotContactEvents', eventId: '1', eventType: 'contact.propertyChange' });
		// occurredAt 1462216307945 ms = 2016-05-02T19:11:47.945Z
		expect(result.leads[0]).toMatchObject({ email: 'jane.doe@example.com', externalId: '123', submittedAt: '2016-05-02T19:11:47.945Z', channel: 'other' });
	});

	it("HubSpot's batch: one lead per contact event, deal events left out", () => {
		const result = read(triggerFixture('hubspotContactEvents', 'webhook-batch'));
		expect(result.leads.map((lead) => lead.externalId)).toEqual(['1246965', '1246978']);
		expect(result.leads[0].answers).toEqual({ lifecyclestage: 'subscriber' });
		expect(result.eventId).toBe('3816279340,3816279480');
	});

	it('a deal or company event is no lead', () => {
		const deal = { eventId: 2, subscriptionId: 1, portalId: 33, occurredAt: 1, subscriptionType: 'deal.creation', attemptNumber: 0, dealId: 5 };
		expect(detectNormalizer(delivery(deal)).id).toBe('generic');
	});
});

describe("n8n's Facebook Lead Ads Trigger with Simplify Output off", () => {
	it('reads field_data under the form question labels', () => {
		const result = read(triggerFixture('meta', 'n8n-trigger-raw'));
		expect(result).toMatchObject({ source: 'meta', eventId: '1234567890123457' });
		expect(result.leads[0]).toMatchObject({ email: 'jane@example.com', firstName: 'Jane', lastName: 'Example', company: 'Beispiel GmbH', formName: 'Flotten-Anfrage DE', submittedAt: '2024-03-05T10:02:13.000Z' });
		expect(result.leads[0].answers).toEqual({ 'Vollständiger Name': 'Jane Example', 'E-Mail': 'jane@example.com', Firmenname: 'Beispiel GmbH' });
	});
});

describe('the trigger node table', () => {
	it('maps every trigger to a source that exists', () => {
		for (const [nodeType, source] of Object.entries(TRIGGER_NODE_SOURCES)) {
			expect(nodeType).toMatch(/^n8n-nodes-base\.[a-zA-Z]+Trigger$/);
			expect(findNormalizer(source)?.id).toBe(source);
		}
	});

	it('leaves any other node, and inherited names, to auto-detection', () => {
		expect(sourceForTriggerNode('n8n-nodes-base.webhook')).toBeNull();
		expect(sourceForTriggerNode('constructor')).toBeNull();
		expect(sourceForTriggerNode(undefined)).toBeNull();
	});

	it('node-chosen sources are never auto-detected nor offered twice', () => {
		const ids = [...NORMALIZERS, ...TRIGGER_OUTPUT_NORMALIZERS].map((normalizer) => normalizer.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const normalizer of TRIGGER_OUTPUT_NORMALIZERS) expect(normalizer.detect(delivery({ anything: 1 }))).toBe(false);
	});
});
