import { typeformNormalizer } from '../../../lib/normalizers/typeform';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('typeform normalizer', () => {
	it('normalizes the documented example payload', () => {
		const result = run(typeformNormalizer, fixture('typeform', 'example-payload'));
		expect(result.eventId).toBe('LtWXD3crgy');
		expect(result.eventType).toBe('form_response');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'typeform',
			channel: 'form',
			email: 'laura@example.com',
			firstName: 'Laura',
			formId: 'lT4Z3j',
			formName: 'Webhooks example',
			submittedAt: '2018-01-18T18:17:02.000Z',
			externalId: 'a3a12ec67a1365927098a606107fac15',
		});
		expect(lead.answers['What is your first name?']).toBe('Laura');
		expect(lead.answers['When did you move to the place where you live?']).toBe('2005-10-15');
		expect(lead.answers['Which pictures do you like? You can choose as many as you like.']).toEqual(['London', 'Sydney']);
		expect(lead.answers['Which of these cities is your favorite?']).toBe('London');
		expect(lead.answers["Do you have a favorite city we haven't listed?"]).toBe(false);
		expect(lead.answers['How would you rate the weather where you currently live? 1 is poor weather, 5 is excellent weather.']).toBe(3);
		// the legal checkbox is about sharing answers, not marketing
		expect(lead.consent.marketing).toBeNull();
		// a non-utm hidden field stays visible as an answer
		expect(lead.answers.user_id).toBe('abc123456');
		expect(Object.keys(lead.answers)).toHaveLength(13);
	});

	it('reads hidden utm fields, phone, url, file, refs and marketing consent', () => {
		const lead = onlyLead(typeformNormalizer, fixture('typeform', 'lead-form'));
		expect(lead.utm).toEqual({ source: 'linkedin', medium: 'paid_social', campaign: 'q1-demo', term: null, content: 'carousel-a' });
		expect(lead.answers).not.toHaveProperty('utm_source');
		expect(lead).toMatchObject({
			email: 'zoe.angstrom@example.com',
			fullName: 'Zoë Ångström',
			firstName: 'Zoë',
			lastName: 'Ångström',
			phone: '+46701234567',
			website: 'https://example.se',
			company: 'Exempel AB',
		});
		expect(lead.consent.marketing).toBe(true);
		expect(lead.answers['Team size']).toBe('51-200');
		expect(lead.answers['Which products interest you?']).toEqual(['Analytics', 'Routing']);
		expect(lead.answers['How many seats?']).toBe(40);
		expect(lead.answers['Upload your brief']).toBe('https://api.typeform.com/responses/files/abc/brief.pdf');
	});

	it('matches answers to questions by ref when the id is unknown', () => {
		const body = fixture<any>('typeform', 'lead-form');
		for (const answer of body.form_response.answers) delete answer.field.id;
		const lead = onlyLead(typeformNormalizer, body);
		expect(lead.answers['Which company do you work for?']).toBe('Exempel AB');
	});

	it('handles a response without email, with numbers where text is expected', () => {
		const body = fixture<any>('typeform', 'example-payload');
		body.form_response.answers = body.form_response.answers.filter((answer: any) => answer.type !== 'email');
		body.form_response.answers[1].text = 4711;
		const lead = onlyLead(typeformNormalizer, body);
		expect(lead.email).toBeNull();
		expect(lead.answers['What is your first name?']).toBe(4711);
		expect(lead.firstName).toBe('4711');
	});

	it('keeps an Arabic (right-to-left) name intact', () => {
		const body = fixture<any>('typeform', 'lead-form');
		body.form_response.answers[0].text = 'ليلى عبد الله';
		const lead = onlyLead(typeformNormalizer, body);
		expect(lead.fullName).toBe('ليلى عبد الله');
		expect(lead.firstName).toBe('ليلى');
		expect(lead.lastName).toBe('عبد الله');
	});

	it('ignores unknown answer types and extra fields without failing', () => {
		const body = fixture<any>('typeform', 'lead-form');
		body.form_response.answers.push({ type: 'hologram', field: { id: 'zzz', ref: 'zzz' } });
		body.form_response.extra = { nested: true };
		const lead = onlyLead(typeformNormalizer, body);
		expect(lead.answers.zzz).toBeNull();
		expect(lead.email).toBe('zoe.angstrom@example.com');
	});

	it('detects typeform deliveries, including a JSON string body', () => {
		const body = fixture('typeform', 'example-payload');
		expect(typeformNormalizer.detect(delivery(body))).toBe(true);
		expect(typeformNormalizer.detect(delivery(JSON.stringify(body)))).toBe(true);
		expect(typeformNormalizer.detect(delivery({ event_type: 'form_response' }))).toBe(false);
		expect(typeformNormalizer.detect(delivery({ event_type: 'other', form_response: {} }))).toBe(false);
	});
});
