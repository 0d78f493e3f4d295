import { gravityFormsNormalizer } from '../../../lib/normalizers/gravityforms';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('gravity forms normalizer', () => {
	it('normalizes an entry posted with "All Fields"', () => {
		const result = run(gravityFormsNormalizer, fixture('gravityforms', 'entry-all-fields'));
		expect(result.eventId).toBe('1042');
		expect(result.eventType).toBe('form_submission');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'gravityforms',
			channel: 'form',
			email: 'grace.hopper@example.com',
			firstName: 'Grace',
			lastName: 'Hopper',
			fullName: 'Grace Hopper',
			phone: '(555) 010-0199',
			website: 'https://example.org',
			country: 'United States',
			formId: '7',
			externalId: '1042',
			submittedAt: '2024-03-05T10:02:13.000Z',
		});
		expect(lead.utm).toEqual({ source: 'google', medium: 'cpc', campaign: 'brand', term: null, content: null });
		expect(lead.answers['Name (First)']).toBe('Grace');
		expect(lead.answers['Name (Last)']).toBe('Hopper');
		expect(lead.answers['Address (City)']).toBe('Arlington');
		expect(lead.answers['Field 4']).toBe('Navy Research Lab');
		// entry properties are not answers
		expect(lead.answers).not.toHaveProperty('ip');
		expect(lead.answers).not.toHaveProperty('user_agent');
		expect(lead.answers).not.toHaveProperty('Field 1.2');
	});

	it('uses labelled keys when the feed maps fields by name', () => {
		const body = {
			id: 7,
			form_id: 3,
			date_created: '2024-03-05 10:02:13',
			source_url: 'https://example.com/demo',
			'Work Email ': 'Lin.Wei@Example.CN',
			'Company Name': '示例科技',
			'Job Title': 'CTO',
			'Number of employees': 120,
		};
		const lead = onlyLead(gravityFormsNormalizer, body);
		expect(lead).toMatchObject({ email: 'lin.wei@example.cn', company: '示例科技', jobTitle: 'CTO', externalId: '7', formId: '3' });
		expect(lead.answers['Number of employees']).toBe(120);
	});

	it('does not take a date or a plain number for a phone', () => {
		const lead = onlyLead(gravityFormsNormalizer, {
			id: '1',
			form_id: '1',
			date_created: '2024-03-05 10:02:13',
			is_read: 0,
			'8': '2024-05-01',
			'9': '1500000',
		});
		expect(lead.phone).toBeNull();
		expect(lead.answers['Field 8']).toBe('2024-05-01');
	});

	it('handles an entry without email', () => {
		const body = fixture<any>('gravityforms', 'entry-all-fields');
		delete body['2'];
		const lead = onlyLead(gravityFormsNormalizer, body);
		expect(lead.email).toBeNull();
		expect(lead.fullName).toBe('Grace Hopper');
	});

	it('requires the Entry Object markers to detect', () => {
		expect(gravityFormsNormalizer.detect(delivery(fixture('gravityforms', 'entry-all-fields')))).toBe(true);
		expect(gravityFormsNormalizer.detect(delivery({ id: 1, form_id: 2, email: 'a@b.co' }))).toBe(false);
		expect(gravityFormsNormalizer.detect(delivery({ id: 1, form_id: 2, date_created: '2024-03-05T10:02:13Z', is_read: 0 }))).toBe(false);
	});
});
