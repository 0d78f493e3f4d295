import { googleAdsNormalizer } from '../../../lib/normalizers/googleads';
import { delivery, fixture, onlyLead, run } from './helpers';

const TEST_ID = 'TeSter-123-ABCDEFGHIJKLMNOPQRSTUVWXYZ-abcdefghijklmnopqrstuvwxyz-0123456789-AaBbCcDdEeFfGgHhIiJjKkLl';

describe('google ads lead form normalizer', () => {
	it('normalizes the documented test lead', () => {
		const result = run(googleAdsNormalizer, fixture('googleads', 'test-lead'));
		expect(result.eventId).toBe(TEST_ID);
		expect(result.eventType).toBe('test_lead');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'googleads',
			channel: 'ad',
			email: 'test@example.com',
			fullName: 'FirstName LastName',
			firstName: 'FirstName',
			lastName: 'LastName',
			phone: '+16505550123',
			company: 'Example Co',
			jobTitle: 'Engineer',
			country: 'US',
			formId: '40000000000',
			externalId: TEST_ID,
		});
		expect(lead.utm).toMatchObject({ source: 'google', campaign: '20000000000' });
		expect(lead.events).toEqual([{ type: 'ad_click', at: null, value: TEST_ID }]);
		expect(lead.answers['User Email']).toBe('test@example.com');
		expect(lead.answers.City).toBe('Mountain View');
		// the shared secret never lands on the lead
		expect(JSON.stringify(lead)).not.toContain('test-google-key');
	});

	it('maps column ids even when the column names are custom or missing', () => {
		const lead = onlyLead(googleAdsNormalizer, {
			lead_id: 'L1',
			is_test: false,
			user_column_data: [
				{ column_id: 'WORK_EMAIL', string_value: 'Ops@Example.com', column_name: 'Where can we reach you?' },
				{ column_id: 'FIRST_NAME', string_value: 'Zoë' },
				{ column_id: 'LAST_NAME', string_value: 'Ångström' },
				{ column_id: 'WORK_PHONE', string_value: 4420794609 },
				{ column_id: 'SERVICE', string_value: 'AC repair', column_name: 'What service do you need?' },
			],
		});
		expect(lead).toMatchObject({ email: 'ops@example.com', fullName: 'Zoë Ångström', phone: '4420794609' });
		expect(lead.answers).toMatchObject({ 'First name': 'Zoë', 'Work phone': 4420794609, 'What service do you need?': 'AC repair' });
	});

	it('reports real leads as "lead"', () => {
		const body = fixture<any>('googleads', 'test-lead');
		body.is_test = false;
		expect(run(googleAdsNormalizer, body).eventType).toBe('lead');
	});

	it('handles a lead without email or columns', () => {
		const lead = onlyLead(googleAdsNormalizer, { lead_id: 'L2', user_column_data: [], form_id: 5 });
		expect(lead.email).toBeNull();
		expect(lead.formId).toBe('5');
		expect(lead.answers).toEqual({});
	});

	it('detects by lead_id and user_column_data', () => {
		expect(googleAdsNormalizer.detect(delivery(fixture('googleads', 'test-lead')))).toBe(true);
		expect(googleAdsNormalizer.detect(delivery({ lead_id: 'x', email: 'a@b.co' }))).toBe(false);
	});
});
