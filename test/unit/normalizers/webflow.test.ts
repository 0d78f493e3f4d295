import { webflowNormalizer } from '../../../lib/normalizers/webflow';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('webflow normalizer', () => {
	it('normalizes the documented v2 form_submission', () => {
		const result = run(webflowNormalizer, fixture('webflow', 'form-submission-v2'));
		expect(result.eventId).toBe('6321ca84df3949bfc6752327');
		expect(result.eventType).toBe('form_submission');
		expect(result.leads[0]).toMatchObject({
			source: 'webflow',
			channel: 'form',
			email: 'zaphod@heartofgold.ai',
			firstName: 'Zaphod',
			lastName: 'Beeblebrox',
			fullName: 'Zaphod Beeblebrox',
			// a number in the payload
			phone: '15550000000',
			formId: '65429eadebe8a9f3a30f62d0',
			formName: 'Contact Us',
			externalId: '6321ca84df3949bfc6752327',
			submittedAt: '2022-09-14T12:35:16.117Z',
		});
		expect(result.leads[0].answers).toEqual({
			'First Name': 'Zaphod',
			'Last Name': 'Beeblebrox',
			email: 'zaphod@heartofgold.ai',
			'Phone Number': 15550000000,
		});
	});

	it('normalizes the documented v1 shape', () => {
		const lead = onlyLead(webflowNormalizer, fixture('webflow', 'form-submission-v1'));
		expect(lead).toMatchObject({
			email: 'some.one@home.com',
			fullName: 'Some One',
			firstName: 'Some',
			lastName: 'One',
			formName: 'Sample Form',
			formId: null,
			externalId: '6321ca84df3949bfc6752327',
			submittedAt: '2022-09-14T12:35:16.117Z',
		});
	});

	it('handles odd labels, a missing email and extra fields', () => {
		const body = fixture<any>('webflow', 'form-submission-v2');
		body.payload.data = { 'Email Address ': '', 'Company ': 'Heart of Gold', 'utm_source': 'ads', Extra: { deep: true } };
		const lead = onlyLead(webflowNormalizer, body);
		expect(lead.email).toBeNull();
		expect(lead.company).toBe('Heart of Gold');
		expect(lead.utm.source).toBe('ads');
		expect(lead.answers.Company).toBe('Heart of Gold');
		expect(lead.answers.Extra).toBe('{"deep":true}');
	});

	it('does not claim other triggers or plain data posts', () => {
		expect(webflowNormalizer.detect(delivery(fixture('webflow', 'form-submission-v2')))).toBe(true);
		expect(webflowNormalizer.detect(delivery(fixture('webflow', 'form-submission-v1')))).toBe(true);
		expect(webflowNormalizer.detect(delivery({ triggerType: 'site_publish', payload: { data: {} } }))).toBe(false);
		expect(webflowNormalizer.detect(delivery({ name: 'x', data: { email: 'a@b.co' } }))).toBe(false);
	});
});
