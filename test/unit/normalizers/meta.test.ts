import { metaLeadgenIds, metaNormalizer } from '../../../lib/normalizers/meta';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('meta lead ads normalizer', () => {
	it('makes one id-only lead per leadgen change of a webhook notification', () => {
		const result = run(metaNormalizer, fixture('meta', 'leadgen-notification'));
		expect(result.eventType).toBe('leadgen');
		expect(result.eventId).toBe('123123123123,123123123124');
		expect(result.leads).toHaveLength(2);
		const [first, second] = result.leads;
		expect(first).toMatchObject({
			source: 'meta',
			channel: 'ad',
			email: null,
			externalId: '123123123123',
			formId: '12312312312',
			submittedAt: '2015-08-21T01:26:24.000Z',
		});
		expect(first.events).toEqual([{ type: 'ad_click', at: '2015-08-21T01:26:24.000Z', value: '12312312312' }]);
		expect(second.externalId).toBe('123123123124');
		expect(metaLeadgenIds(fixture('meta', 'leadgen-notification'))).toEqual(['123123123123', '123123123124']);
	});

	it('ignores changes of other fields and returns no lead for them', () => {
		const body = fixture<any>('meta', 'leadgen-notification');
		for (const change of body.entry[0].changes) change.field = 'feed';
		expect(metaNormalizer.detect(delivery(body))).toBe(false);
		const result = run(metaNormalizer, body);
		expect(result.leads).toEqual([]);
		expect(result.eventId).toBeNull();
	});

	it('normalizes the documented Graph API lead', () => {
		const result = run(metaNormalizer, fixture('meta', 'graph-lead'));
		expect(result.eventId).toBe('1234567890123456');
		expect(result.eventType).toBe('lead');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			email: 'joe@example.com',
			fullName: 'Joe Example',
			firstName: 'Joe',
			lastName: 'Example',
			externalId: '1234567890123456',
			formId: '987654321098765',
			submittedAt: '2015-02-28T08:49:14.000Z',
		});
		expect(lead.answers).toEqual({ 'Car make': 'Honda', 'Full name': 'Joe Example', Email: 'joe@example.com', 'Selected dealer': '99213450' });
		expect(lead.utm).toMatchObject({ source: 'facebook', campaign: 'Spring test drives', content: 'Spring carousel' });
		expect(lead.events).toEqual([{ type: 'ad_click', at: '2015-02-28T08:49:14.000Z', value: '23842000000000001' }]);
	});

	it('does not invent an ad click for organic leads and tags Instagram', () => {
		const body = fixture<any>('meta', 'graph-lead');
		body.is_organic = true;
		body.platform = 'ig';
		const lead = onlyLead(metaNormalizer, body);
		expect(lead.events).toEqual([]);
		expect(lead.utm.source).toBe('instagram');
	});

	it('keeps multi-value answers as lists', () => {
		const body = fixture<any>('meta', 'graph-lead');
		body.field_data.push({ name: 'interests', values: ['SUV', 'Hybrid'] });
		expect(onlyLead(metaNormalizer, body).answers.Interests).toEqual(['SUV', 'Hybrid']);
	});

	it("normalizes n8n's Facebook Lead Ads Trigger simplified output", () => {
		const lead = onlyLead(metaNormalizer, fixture('meta', 'n8n-trigger-simplified'));
		expect(lead).toMatchObject({
			email: 'jane@example.com',
			fullName: 'Jane Example',
			phone: '+4915123456789',
			company: 'Beispiel GmbH',
			jobTitle: 'Einkauf',
			formId: '987654321098765',
			formName: 'Flotten-Anfrage DE',
			externalId: '1234567890123457',
			submittedAt: '2024-03-05T10:02:13.000Z',
		});
		expect(lead.answers['Wie viele fahrzeuge?']).toBe('10-50');
		expect(lead.utm.content).toBe('Fleet video');
		expect(lead.events[0]).toEqual({ type: 'ad_click', at: '2024-03-05T10:02:13.000Z', value: '23842000000000001' });
	});

	it("uses question labels from n8n's raw output", () => {
		const lead = onlyLead(metaNormalizer, {
			id: '42',
			field_data: [{ name: 'budget_question', values: ['€10k'] }, { name: 'email', values: ['x@example.com'] }],
			form: { id: '9', name: 'Leads', questions: [{ key: 'budget_question', label: 'What is your budget?', type: 'CUSTOM', id: '1' }] },
			ad: { id: '7', name: 'Ad' },
			created_time: '2024-03-05T10:02:13+0000',
		});
		expect(lead.answers['What is your budget?']).toBe('€10k');
		expect(lead.formName).toBe('Leads');
	});

	it('accepts numeric ids and a lead without email', () => {
		const body = fixture<any>('meta', 'graph-lead');
		body.id = 1234567890123456;
		body.field_data = body.field_data.filter((field: any) => field.name !== 'email');
		const lead = onlyLead(metaNormalizer, body);
		expect(lead.externalId).toBe('1234567890123456');
		expect(lead.email).toBeNull();
	});
});
