import { calendlyNormalizer } from '../../../lib/normalizers/calendly';
import { delivery, fixture, onlyLead, run } from './helpers';

const INVITEE_URI = 'https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA';

describe('calendly normalizer', () => {
	it('turns a booking into a lead with a demo_request event', () => {
		const result = run(calendlyNormalizer, fixture('calendly', 'invitee-created'));
		expect(result.eventType).toBe('invitee.created');
		expect(result.eventId).toBe(`invitee.created:${INVITEE_URI}`);
		const [lead] = result.leads;
		expect(lead).toMatchObject({
			source: 'calendly',
			channel: 'form',
			email: 'test@example.com',
			firstName: 'John',
			lastName: 'Doe',
			fullName: 'John Doe',
			phone: '+14045551234',
			company: 'Acme Inc',
			formName: '15 Minute Meeting',
			formId: 'https://api.calendly.com/event_types/GBGBDCAADAEDCRZ2',
			externalId: INVITEE_URI,
			submittedAt: '2020-11-23T17:51:18.327Z',
		});
		expect(lead.utm).toEqual({ source: 'google', medium: 'cpc', campaign: 'spring-demo', term: null, content: null });
		expect(lead.answers).toEqual({
			'Company name': 'Acme Inc',
			'What would you like to discuss?': 'We need lead routing for 3 sales teams',
		});
		expect(lead.events).toEqual([{ type: 'demo_request', at: '2020-11-23T17:51:18.327Z', value: '2020-11-25T14:00:00.000Z' }]);
	});

	it('records a cancellation without a demo_request', () => {
		const result = run(calendlyNormalizer, fixture('calendly', 'invitee-canceled'));
		expect(result.eventType).toBe('invitee.canceled');
		expect(result.eventId).toBe(`invitee.canceled:${INVITEE_URI}`);
		expect(result.leads[0].events).toEqual([{ type: 'demo_canceled', at: '2020-11-24T09:00:00.000Z', value: '2020-11-25T14:00:00.000Z' }]);
	});

	it('marks the cancel half of a reschedule', () => {
		const body = fixture<any>('calendly', 'invitee-canceled');
		body.payload.rescheduled = true;
		expect(onlyLead(calendlyNormalizer, body).events[0].type).toBe('demo_rescheduled');
	});

	it('orders answers by position and survives missing email / tracking', () => {
		const body = fixture<any>('calendly', 'invitee-created');
		body.payload.questions_and_answers.reverse();
		delete body.payload.email;
		delete body.payload.tracking;
		body.payload.name = 'أحمد حسن';
		delete body.payload.first_name;
		delete body.payload.last_name;
		const lead = onlyLead(calendlyNormalizer, body);
		expect(Object.keys(lead.answers)).toEqual(['Company name', 'What would you like to discuss?']);
		expect(lead.email).toBeNull();
		expect(lead.utm.source).toBeNull();
		expect(lead.firstName).toBe('أحمد');
		expect(lead.lastName).toBe('حسن');
	});

	it('detects invitee events only', () => {
		expect(calendlyNormalizer.detect(delivery(fixture('calendly', 'invitee-created')))).toBe(true);
		expect(calendlyNormalizer.detect(delivery({ event: 'signup', payload: { email: 'a@b.co' } }))).toBe(false);
		expect(calendlyNormalizer.detect(delivery({ event: 'invitee.created' }))).toBe(false);
	});
});
