import { hubspotNormalizer } from '../../../lib/normalizers/hubspot';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('hubspot normalizer', () => {
	it('normalizes a Forms API submission', () => {
		const result = run(hubspotNormalizer, fixture('hubspot', 'form-submission'));
		expect(result.eventId).toBe('6f453d92607b8108998dc213178ad214:1709633000000');
		expect(result.eventType).toBe('form_submission');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'hubspot',
			channel: 'form',
			email: 'ada@example.co.uk',
			firstName: 'Ada',
			lastName: 'Lovelace',
			fullName: 'Ada Lovelace',
			company: 'Analytical Engines Ltd',
			jobTitle: 'Head of Data',
			phone: '+442079460958',
			country: 'GB',
			submittedAt: '2024-03-05T10:03:20.000Z',
		});
		expect(lead.consent.marketing).toBe(true);
		expect(lead.utm).toEqual({ source: 'bing', medium: 'cpc', campaign: 'pricing-uk', term: null, content: null });
		expect(lead.answers.how_can_we_help).toBe('Pricing for 50 seats');
	});

	it('reads declined consent and a numeric submittedAt', () => {
		const body = fixture<any>('hubspot', 'form-submission');
		body.legalConsentOptions.consent.communications[0].value = false;
		body.submittedAt = 1709633000000;
		const lead = onlyLead(hubspotNormalizer, body);
		expect(lead.consent.marketing).toBe(false);
		expect(lead.submittedAt).toBe('2024-03-05T10:03:20.000Z');
	});

	it('handles no email, no consent options and unicode names', () => {
		const body = fixture<any>('hubspot', 'form-submission');
		body.fields = [
			{ name: 'firstname', value: 'Zoë' },
			{ name: 'lastname', value: 'Ångström' },
			{ name: 'numemployees', value: 250 },
		];
		delete body.legalConsentOptions;
		const lead = onlyLead(hubspotNormalizer, body);
		expect(lead.email).toBeNull();
		expect(lead.fullName).toBe('Zoë Ångström');
		expect(lead.consent.marketing).toBeNull();
		expect(lead.answers.numemployees).toBe(250);
	});

	it('needs HubSpot context, not just a name/value list', () => {
		expect(hubspotNormalizer.detect(delivery(fixture('hubspot', 'form-submission')))).toBe(true);
		expect(hubspotNormalizer.detect(delivery({ fields: [{ name: 'email', value: 'a@b.co' }] }))).toBe(false);
		expect(hubspotNormalizer.detect(delivery({ fields: [], context: { hutk: 'x' } }))).toBe(false);
	});
});
