import { isOwnerAvailable, ownerDay, ownerPresence, validateTeam, zonedTime, type Owner } from '../../../lib/routing';

// Wednesday 12 March 2025, 14:00 UTC: 15:00 in Berlin (CET), 10:00 in New York (EDT since 9 March), 23:00 in Tokyo
const NOW = new Date('2025-03-12T14:00:00Z');

function owner(name: string, timeZone: string, extra: Record<string, unknown> = {}): Owner {
	return validateTeam([{ id: name.toLowerCase(), name, workingHours: { days: 'mon-fri', start: '09:00', end: '17:00', timeZone }, ...extra }])[0];
}

describe('working hours across time zones', () => {
	it('reads the wall clock in each zone', () => {
		expect(zonedTime(NOW, 'Europe/Berlin')).toEqual({ day: '2025-03-12', weekday: 'wed', minutes: 15 * 60 });
		expect(zonedTime(NOW, 'America/New_York')).toEqual({ day: '2025-03-12', weekday: 'wed', minutes: 10 * 60 });
		expect(zonedTime(NOW, 'Asia/Tokyo')).toEqual({ day: '2025-03-12', weekday: 'wed', minutes: 23 * 60 });
		expect(zonedTime(new Date('2025-03-12T15:30:00Z'), 'Asia/Kolkata')).toEqual({ day: '2025-03-12', weekday: 'wed', minutes: 21 * 60 });
	});

	it('9–17 local: Berlin and New York are in, Tokyo is out, with a readable reason', () => {
		expect(ownerPresence(owner('Ana', 'Europe/Berlin'), NOW)).toEqual({ available: true });
		expect(ownerPresence(owner('Bo', 'America/New_York'), NOW)).toEqual({ available: true });
		expect(ownerPresence(owner('Kei', 'Asia/Tokyo'), NOW)).toEqual({
			available: false,
			code: 'outOfHours',
			reason: 'Kei is outside working hours: Mon–Fri 09:00–17:00 Asia/Tokyo, now Wed 23:00 there',
		});
	});

	it('the end minute is exclusive and the start minute inclusive', () => {
		const ana = owner('Ana', 'Europe/Berlin');
		expect(ownerPresence(ana, new Date('2025-03-12T08:00:00Z')).available).toBe(true); // 09:00 Berlin
		expect(ownerPresence(ana, new Date('2025-03-12T07:59:00Z')).available).toBe(false); // 08:59
		expect(ownerPresence(ana, new Date('2025-03-12T16:00:00Z')).available).toBe(false); // 17:00
		expect(ownerPresence(ana, new Date('2025-03-12T15:59:00Z')).available).toBe(true); // 16:59
	});

	it('follows daylight saving time: 9:00 New York is 14:00 UTC in winter and 13:00 UTC in summer', () => {
		const bo = owner('Bo', 'America/New_York');
		expect(ownerPresence(bo, new Date('2025-03-07T13:30:00Z')).available).toBe(false); // Fri 08:30 EST
		expect(ownerPresence(bo, new Date('2025-03-07T14:00:00Z')).available).toBe(true); // Fri 09:00 EST
		expect(ownerPresence(bo, new Date('2025-03-10T13:00:00Z')).available).toBe(true); // Mon 09:00 EDT
	});

	it('weekends are off for mon-fri, judged by the local day', () => {
		// Saturday 00:30 in Tokyo is still Friday 11:30 in New York
		const sat = new Date('2025-03-14T15:30:00Z');
		expect(ownerPresence(owner('Kei', 'Asia/Tokyo'), sat)).toMatchObject({ available: false, reason: expect.stringContaining('now Sat 00:30 there') });
		expect(ownerPresence(owner('Bo', 'America/New_York'), sat).available).toBe(true);
	});

	it('shifts past midnight belong to the day they start on', () => {
		const night = validateTeam([{ id: 'n', name: 'Night', workingHours: { days: 'fri', start: '22:00', end: '06:00', timeZone: 'UTC' } }])[0];
		expect(ownerPresence(night, new Date('2025-03-14T23:00:00Z')).available).toBe(true); // Fri 23:00
		expect(ownerPresence(night, new Date('2025-03-15T05:59:00Z')).available).toBe(true); // Sat 05:59, Friday's shift
		expect(ownerPresence(night, new Date('2025-03-15T06:00:00Z')).available).toBe(false);
		expect(ownerPresence(night, new Date('2025-03-14T05:00:00Z')).available).toBe(false); // Fri 05:00 is Thursday's shift
		expect(ownerPresence(night, new Date('2025-03-15T23:00:00Z')).available).toBe(false); // Sat 23:00
	});

	it('00:00–24:00 covers the whole day', () => {
		const all = validateTeam([{ id: 'a', workingHours: { days: 'mon-sun', start: '00:00', end: '24:00', timeZone: 'UTC' } }])[0];
		expect(ownerPresence(all, new Date('2025-03-16T23:59:00Z')).available).toBe(true);
		expect(ownerPresence(all, new Date('2025-03-16T00:00:00Z')).available).toBe(true);
	});

	it('no working hours means always in hours', () => {
		const always = validateTeam([{ id: 'a', name: 'Always' }])[0];
		expect(ownerPresence(always, new Date('2025-03-16T03:00:00Z')).available).toBe(true);
	});
});

describe('out of office and capacity', () => {
	it('out of office wins over working hours', () => {
		expect(ownerPresence(owner('Ana', 'Europe/Berlin', { outOfOffice: true }), NOW)).toEqual({
			available: false,
			code: 'outOfOffice',
			reason: 'Ana is out of office',
		});
	});

	it('daily capacity is compared with the count of the owner’s local day', () => {
		const ana = owner('Ana', 'Europe/Berlin', { dailyCapacity: 3 });
		expect(isOwnerAvailable(ana, NOW, 2)).toEqual({ available: true });
		expect(isOwnerAvailable(ana, NOW, 3)).toEqual({ available: false, code: 'capacity', reason: 'Ana reached the daily cap of 3' });
		const unlimited = owner('Bo', 'Europe/Berlin');
		expect(isOwnerAvailable(unlimited, NOW, 10_000)).toEqual({ available: true });
	});

	it('the local day rolls over at local midnight', () => {
		const late = new Date('2025-03-12T23:30:00Z');
		expect(ownerDay(owner('Ana', 'Europe/Berlin'), late)).toBe('2025-03-13');
		expect(ownerDay(owner('Bo', 'America/New_York'), late)).toBe('2025-03-12');
		expect(ownerDay(validateTeam([{ id: 'x' }])[0], late)).toBe('2025-03-12');
		expect(ownerDay(validateTeam([{ id: 'x' }])[0], late, 'Asia/Tokyo')).toBe('2025-03-13');
	});
});
