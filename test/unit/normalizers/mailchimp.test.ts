import { mailchimpNormalizer } from '../../../lib/normalizers/mailchimp';
import { delivery, fixture, onlyLead, run } from './helpers';

describe('mailchimp normalizer', () => {
	it('normalizes the documented subscribe sample (flat bracket keys)', () => {
		const result = run(mailchimpNormalizer, fixture('mailchimp', 'subscribe-flat'));
		expect(result.eventType).toBe('subscribe');
		expect(result.eventId).toBe('subscribe:a6b5da1054:8a25ff1d98:2009-03-26 21:35:57');
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'mailchimp',
			channel: 'newsletter',
			email: 'api@mailchimp.com',
			firstName: 'Mailchimp',
			lastName: 'API',
			formId: 'a6b5da1054',
			externalId: '8a25ff1d98',
			submittedAt: '2009-03-26T21:35:57.000Z',
		});
		expect(lead.consent.marketing).toBe(true);
		expect(lead.events).toEqual([{ type: 'newsletter_signup', at: '2009-03-26T21:35:57.000Z' }]);
		expect(lead.answers).toEqual({ INTERESTS: 'Group1,Group2' });
	});

	it('gives the same result for the nested body', () => {
		const flat = run(mailchimpNormalizer, fixture('mailchimp', 'subscribe-flat'));
		const nested = run(mailchimpNormalizer, fixture('mailchimp', 'subscribe-nested'));
		expect(nested).toEqual(flat);
	});

	it('turns an unsubscribe into consent false and an unsubscribe event', () => {
		const result = run(mailchimpNormalizer, fixture('mailchimp', 'unsubscribe-flat'));
		expect(result.eventType).toBe('unsubscribe');
		const [lead] = result.leads;
		expect(lead.email).toBe('api+unsub@mailchimp.com');
		expect(lead.consent.marketing).toBe(false);
		expect(lead.events).toEqual([{ type: 'newsletter_unsubscribe', at: '2009-03-26T21:40:57.000Z', value: 'manual' }]);
		expect(lead.events.some((event) => event.type === 'newsletter_signup')).toBe(false);
	});

	it('parses an unparsed form-encoded body string', () => {
		const raw =
			'type=subscribe&fired_at=2009-03-26+21%3A35%3A57&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=a6b5da1054' +
			'&data%5Bemail%5D=z%C3%B6e%40example.se&data%5Bmerges%5D%5BFNAME%5D=Zo%C3%AB&data%5Bmerges%5D%5BLNAME%5D=%C3%85ngstr%C3%B6m' +
			'&data%5Bmerges%5D%5BPHONE%5D=%2B46701234567&data%5Bmerges%5D%5BCOMPANY%5D=Exempel+AB';
		expect(mailchimpNormalizer.detect(delivery(raw))).toBe(true);
		const lead = onlyLead(mailchimpNormalizer, raw);
		expect(lead).toMatchObject({ email: 'zöe@example.se', firstName: 'Zoë', lastName: 'Ångström', phone: '+46701234567', company: 'Exempel AB' });
	});

	it('reads the new address of an upemail event, without consent change', () => {
		const result = run(mailchimpNormalizer, {
			type: 'upemail',
			fired_at: '2009-03-26 22:15:09',
			'data[list_id]': 'a6b5da1054',
			'data[new_id]': '51da8c3259',
			'data[new_email]': 'api+new@mailchimp.com',
			'data[old_email]': 'api+old@mailchimp.com',
		});
		expect(result.eventType).toBe('upemail');
		expect(result.leads[0]).toMatchObject({ email: 'api+new@mailchimp.com', externalId: '51da8c3259', events: [] });
		expect(result.leads[0].consent.marketing).toBeNull();
	});

	it('does not let data[__proto__] keys pollute prototypes', () => {
		const body = { ...fixture('mailchimp', 'subscribe-flat'), 'data[__proto__][polluted]': 'yes', 'data[merges][__proto__]': 'x' };
		const lead = onlyLead(mailchimpNormalizer, body);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype).not.toHaveProperty('polluted');
		expect(lead.email).toBe('api@mailchimp.com');
	});

	it('detects Mailchimp event types only', () => {
		expect(mailchimpNormalizer.detect(delivery(fixture('mailchimp', 'unsubscribe-flat')))).toBe(true);
		expect(mailchimpNormalizer.detect(delivery({ type: 'subscribe', email: 'a@b.co' }))).toBe(false);
		expect(mailchimpNormalizer.detect(delivery({ type: 'signup', fired_at: 'x', data: { list_id: '1' } }))).toBe(false);
	});
});
