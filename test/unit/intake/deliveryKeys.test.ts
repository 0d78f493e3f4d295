/**
 * Which deliveries count as the same one. Expected keys are written by hand from the vendors'
 * published sample payloads (test/fixtures/payloads/<vendor>/README.md names each source);
 * content-based keys are compared with each other (same / no key in common), and their window
 * number is computed by hand from the fixed clock below.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { duplicateKeysFor } from '../../../lib/intake/deliveryKeys';
import { normalizeDelivery } from '../../../lib/normalizers';

const PAYLOADS = join(__dirname, '..', '..', 'fixtures', 'payloads');
const fixture = (file: string) => JSON.parse(readFileSync(join(PAYLOADS, file), 'utf8')) as Record<string, unknown>;

/** 2026-01-15T10:30:00Z. 2026-01-01 is day 20,454 after the epoch, so this is hour 20,468 × 24 + 10 = 491,242. */
const NOW = Date.UTC(2026, 0, 15, 10, 30);
const HOUR_OF_NOW = 491_242;
const MINUTE = 60_000;

/** The keys of every lead of a delivery, the way the Lead Intake Trigger asks for them. */
function keysOf(body: unknown, { now = NOW, windowMinutes = 60 } = {}): string[][] {
	const rawBody = JSON.stringify(body);
	const delivery = normalizeDelivery({ body, headers: {}, query: {} });
	return delivery.leads.map((lead, leadIndex) => duplicateKeysFor(lead, { source: delivery.source, eventId: delivery.eventId, eventType: delivery.eventType, rawBody, leadIndex }, { windowMinutes, now }));
}

const shareAKey = (a: string[], b: string[]) => a.some((key) => b.includes(key));

describe('vendors with a submission id', () => {
	test('Typeform: the response token, per event type', () => {
		expect(keysOf(fixture('typeform/example-payload.json'))).toEqual([['lq:typeform:id:a3a12ec67a1365927098a606107fac15:form_response']]);
	});

	test('Calendly: a booking and its cancellation are two events of one invitee', () => {
		const invitee = 'https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA';
		expect(keysOf(fixture('calendly/invitee-created.json'))).toEqual([[`lq:calendly:id:${invitee}:invitee.created`]]);
		expect(keysOf(fixture('calendly/invitee-canceled.json'))).toEqual([[`lq:calendly:id:${invitee}:invitee.canceled`]]);
	});
});

describe('Mailchimp: keyed on the event, not the member', () => {
	const subscribe = fixture('mailchimp/subscribe-nested.json');
	const withEvent = (type: string, firedAt: string) => ({ ...subscribe, type, fired_at: firedAt });

	test('the published subscribe sample; its retry is the same delivery', () => {
		const expected = [['lq:mailchimp:event:subscribe:a6b5da1054:8a25ff1d98:2009-03-26 21:35:57:0']];
		expect(keysOf(subscribe)).toEqual(expected);
		expect(keysOf(structuredClone(subscribe), { now: NOW + 3 * 24 * 60 * MINUTE })).toEqual(expected);
	});

	test('subscribe, unsubscribe, subscribe again: three deliveries', () => {
		expect(keysOf(fixture('mailchimp/unsubscribe-flat.json'))).toEqual([['lq:mailchimp:event:unsubscribe:a6b5da1054:8a25ff1d98:2009-03-26 21:40:57:0']]);
		expect(keysOf(withEvent('subscribe', '2009-04-02 08:00:00'))).toEqual([['lq:mailchimp:event:subscribe:a6b5da1054:8a25ff1d98:2009-04-02 08:00:00:0']]);
	});

	test('a second profile update of the same member is a new delivery', () => {
		expect(keysOf(withEvent('profile', '2009-03-27 09:00:00'))).toEqual([['lq:mailchimp:event:profile:a6b5da1054:8a25ff1d98:2009-03-27 09:00:00:0']]);
		expect(keysOf(withEvent('profile', '2009-03-28 17:45:10'))).toEqual([['lq:mailchimp:event:profile:a6b5da1054:8a25ff1d98:2009-03-28 17:45:10:0']]);
	});
});

describe('generic posts', () => {
	test('a constant "id" (the site\'s form id) does not make every later lead a repeat', () => {
		const [[first]] = [keysOf({ id: 'contact-form-7', email: 'ayse.yilmaz@firma.com.tr', name: 'Ayşe Yılmaz' })];
		const [second] = keysOf({ id: 'contact-form-7', email: 'jan.kowalski@example.pl', name: 'Jan Kowalski' });
		expect(shareAKey(first, second)).toBe(false);
		expect(first.every((key) => key.startsWith('lq:generic:content:'))).toBe(true);
	});

	test.each([
		[{ submission_id: 'sub-77' }, 'lq:generic:id:sub-77:submission'],
		[{ 'Entry ID': 4412 }, 'lq:generic:id:4412:submission'],
		[{ responseId: 'r_9f2' }, 'lq:generic:id:r_9f2:submission'],
		[{ data: { lead_id: 'L-1' } }, 'lq:generic:id:L-1:submission'],
	])('a field named as a submission id keys the delivery: %j', (idField, key) => {
		expect(keysOf({ id: 'contact-form-7', email: 'x@acme.io', ...idField })).toEqual([[key]]);
	});

	test('same submission id, different answers: the same submission (the id is the sender\'s word)', () => {
		expect(keysOf({ submission_id: 'sub-77', email: 'x@acme.io' })).toEqual(keysOf({ submission_id: 'sub-77', email: 'x@acme.io', phone: '+48 601 234 567' }));
	});
});

describe('without any id: keyed on what was submitted, inside the duplicate window', () => {
	const newsletter = { email: 'maryam.ahmadi@example.ir', name: 'Maryam Ahmadi', newsletter: 'yes' };
	const demo = { email: 'maryam.ahmadi@example.ir', name: 'Maryam Ahmadi', message: 'Please book a demo for our sales team' };

	test('keys: this hour and the previous one', () => {
		const [keys] = keysOf(newsletter);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toMatch(new RegExp(`^lq:generic:content:[0-9a-f]{32}:${HOUR_OF_NOW}$`));
		expect(keys[1]).toBe(keys[0].replace(`:${HOUR_OF_NOW}`, `:${HOUR_OF_NOW - 1}`));
	});

	test('a demo request an hour after a newsletter sign-up by the same person is a new lead', () => {
		expect(shareAKey(keysOf(newsletter)[0], keysOf(demo, { now: NOW + 60 * MINUTE })[0])).toBe(false);
		expect(shareAKey(keysOf(newsletter)[0], keysOf(demo, { now: NOW + 5 * MINUTE })[0])).toBe(false);
	});

	test('the same body again within the window is a repeat; after two windows it is new', () => {
		expect(shareAKey(keysOf(newsletter)[0], keysOf(structuredClone(newsletter), { now: NOW + 45 * MINUTE })[0])).toBe(true);
		expect(shareAKey(keysOf(newsletter)[0], keysOf(structuredClone(newsletter), { now: NOW + 61 * MINUTE })[0])).toBe(true);
		expect(shareAKey(keysOf(newsletter)[0], keysOf(structuredClone(newsletter), { now: NOW + 121 * MINUTE })[0])).toBe(false);
	});

	test('a double click (same answers, a later timestamp, fields in another order) is a repeat', () => {
		const first = { ...newsletter, timestamp: '2026-01-15T10:30:01Z' };
		const second = { timestamp: '2026-01-15T10:30:04Z', newsletter: 'yes', name: 'Maryam Ahmadi', email: 'maryam.ahmadi@example.ir' };
		expect(shareAKey(keysOf(first)[0], keysOf(second, { now: NOW + 3000 })[0])).toBe(true);
	});

	test('any other difference in the answers is a different submission', () => {
		expect(shareAKey(keysOf(newsletter)[0], keysOf({ ...newsletter, company: 'Pars Co' })[0])).toBe(false);
		expect(shareAKey(keysOf(newsletter)[0], keysOf({ ...newsletter, form_id: 'webinar' })[0])).toBe(false);
	});

	test('Elementor posts (no id at all) follow the same rule', () => {
		const body = fixture('elementor/simple.json');
		const [keys] = keysOf(body);
		expect(keys[0]).toMatch(new RegExp(`^lq:elementor:content:[0-9a-f]{32}:${HOUR_OF_NOW}$`));
		expect(keysOf(structuredClone(body), { now: NOW + 10 * MINUTE })[0]).toContain(keys[0]);
	});
});
