import { linkedinNormalizer } from '../../../lib/normalizers/linkedin';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('linkedin lead gen normalizer', () => {
	it('turns the documented notification into an id-only lead with an ad click', () => {
		const result = run(linkedinNormalizer, fixture('linkedin', 'lead-created'));
		expect(result.eventType).toBe('CREATED');
		expect(result.eventId).toBe('urn:li:leadGenFormResponse:1a2b3c-4:CREATED');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'linkedin',
			channel: 'ad',
			email: null,
			externalId: 'urn:li:leadGenFormResponse:1a2b3c-4',
			formId: 'urn:li:versionedLeadGenForm:(urn:li:leadGenForm:1, 1)',
			submittedAt: '2023-06-07T23:59:18.881Z',
			answers: {},
		});
		expect(lead.utm.source).toBe('linkedin');
		expect(lead.events).toEqual([{ type: 'ad_click', at: '2023-06-07T23:59:18.881Z' }]);
	});

	it('gives deletions their own event id and no ad click', () => {
		const body = { ...fixture('linkedin', 'lead-created'), leadAction: 'DELETED' };
		const result = run(linkedinNormalizer, body);
		expect(result.eventType).toBe('DELETED');
		expect(result.eventId).toBe('urn:li:leadGenFormResponse:1a2b3c-4:DELETED');
		expect(result.leads[0].events).toEqual([]);
	});

	it('does not count organic (event) leads as ad clicks', () => {
		const body = { ...fixture('linkedin', 'lead-created'), leadType: 'EVENT', owner: { organization: 'urn:li:organization:5' } };
		expect(onlyLead(linkedinNormalizer, body).events).toEqual([]);
	});

	it('accepts occurredAt as a string', () => {
		const body = { ...fixture('linkedin', 'lead-created'), occurredAt: '1686182358881' };
		expect(onlyLead(linkedinNormalizer, body).submittedAt).toBe('2023-06-07T23:59:18.881Z');
	});

	it('detects lead notifications only', () => {
		expect(linkedinNormalizer.detect(delivery(fixture('linkedin', 'lead-created')))).toBe(true);
		expect(linkedinNormalizer.detect(delivery({ type: 'ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS', notifications: [] }))).toBe(false);
	});
});
