import { jotformNormalizer } from '../../../lib/normalizers/jotform';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('jotform normalizer', () => {
	it('normalizes a multipart submission with a rawRequest JSON string', () => {
		const result = run(jotformNormalizer, fixture('jotform', 'contact-form'));
		expect(result.eventId).toBe('1712570000000_241234567890123_AbCdEfG');
		expect(result.eventType).toBe('form_submission');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'jotform',
			channel: 'form',
			email: 'jan.kowalski@example.pl',
			firstName: 'Jan',
			lastName: 'Kowalski',
			fullName: 'Jan Kowalski',
			phone: '(555) 555-0123',
			company: 'Przykład Sp. z o.o.',
			country: 'Poland',
			formId: '241234567890123',
			formName: 'Contact Sales',
			externalId: '5912345678901234567',
			submittedAt: '2024-04-08T09:55:23.456Z',
		});
		expect(lead.utm.source).toBe('google');
		expect(lead.utm.campaign).toBe('brand-pl');
		expect(lead.answers).toEqual({
			Email: 'jan.kowalski@example.pl',
			Name: 'Jan Kowalski',
			'Phone number': '(555) 555-0123',
			'Company name': 'Przykład Sp. z o.o.',
			'How many': '11-50',
			'Which products': ['Routing', 'Scoring'],
			Address: 'ul. Długa 1, Kraków, Małopolskie, 31-001, Poland',
			'Preferred date': '2024-04-15',
		});
	});

	it('accepts rawRequest already parsed into an object', () => {
		const body = fixture<any>('jotform', 'contact-form');
		body.rawRequest = JSON.parse(body.rawRequest);
		const lead = onlyLead(jotformNormalizer, body);
		expect(lead.email).toBe('jan.kowalski@example.pl');
	});

	it('falls back to the submission id and the older "date" field', () => {
		const body = fixture<any>('jotform', 'contact-form');
		const raw = JSON.parse(body.rawRequest);
		delete raw.event_id;
		delete raw.submitDate;
		body.rawRequest = JSON.stringify(raw);
		body.date = '11/08/2017 @ 13:11 EST';
		const result = run(jotformNormalizer, body);
		expect(result.eventId).toBe('5912345678901234567');
		expect(result.leads[0].submittedAt).toBe('2017-11-08T18:11:00.000Z');
	});

	it('survives a broken rawRequest and a missing email', () => {
		const body = fixture<any>('jotform', 'contact-form');
		body.rawRequest = '{not json';
		const lead = onlyLead(jotformNormalizer, body);
		expect(lead.email).toBeNull();
		expect(lead.formId).toBe('241234567890123');
		expect(lead.answers).toEqual({});
	});

	it('takes numbers and unicode names', () => {
		const body = fixture<any>('jotform', 'contact-form');
		const raw = JSON.parse(body.rawRequest);
		raw.q4_name = { first: 'Zoë', last: 'Ångström' };
		raw.q7_howMany = 25;
		body.rawRequest = JSON.stringify(raw);
		body.formID = 241234567890123;
		const lead = onlyLead(jotformNormalizer, body);
		expect(lead.fullName).toBe('Zoë Ångström');
		expect(lead.answers['How many']).toBe(25);
		expect(lead.formId).toBe('241234567890123');
	});

	it('detects the rawRequest envelope only', () => {
		expect(jotformNormalizer.detect(delivery(fixture('jotform', 'contact-form')))).toBe(true);
		expect(jotformNormalizer.detect(delivery({ rawRequest: '{}' }))).toBe(false);
		expect(jotformNormalizer.detect(delivery({ formID: '1', email: 'a@b.co' }))).toBe(false);
	});
});
