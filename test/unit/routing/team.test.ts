import { RoutingConfigError, validateTeam, validateRoutingOptions, expandTerritories, normalizeCountry, normalizeTerritory } from '../../../lib/routing';

function configError(fn: () => unknown): RoutingConfigError {
	try {
		fn();
	} catch (error) {
		if (error instanceof RoutingConfigError) return error;
		throw error;
	}
	throw new Error('expected a RoutingConfigError');
}

describe('validateTeam', () => {
	it('fills in defaults', () => {
		const [owner] = validateTeam([{ name: 'Ana', email: 'Ana@Acme.com' }]);
		expect(owner).toEqual({
			id: 'ana@acme.com',
			name: 'Ana',
			email: 'Ana@Acme.com',
			channelId: null,
			weight: 1,
			territories: [],
			languages: [],
			dailyCapacity: 0,
			workingHours: null,
			outOfOffice: false,
		});
	});

	it('accepts comma-separated territories, country names and regions, and numeric strings', () => {
		const [owner] = validateTeam([
			{
				id: 'ana',
				name: 'Ana',
				weight: '2.5',
				dailyCapacity: '20',
				territories: 'de, Austria, emea, North America',
				languages: 'DE, en',
				workingHours: { days: 'mon-thu, sat', start: '9:00', end: '17:30', timeZone: 'Europe/Berlin' },
				channelId: 'U123',
			},
		]);
		expect(owner.weight).toBe(2.5);
		expect(owner.dailyCapacity).toBe(20);
		expect(owner.territories).toEqual(['DE', 'AT', 'EMEA', 'NA']);
		expect(owner.languages).toEqual(['de', 'en']);
		expect(owner.workingHours).toEqual({ days: ['mon', 'tue', 'wed', 'thu', 'sat'], start: '09:00', end: '17:30', timeZone: 'Europe/Berlin' });
	});

	it('rejects an empty team', () => {
		const error = configError(() => validateTeam([]));
		expect(error.field).toBe('team');
		expect(error.message).toBe('The team is empty: add at least one person who can receive leads.');
		expect(configError(() => validateTeam(undefined)).field).toBe('team');
	});

	it('rejects duplicate ids, case-insensitively, naming both members', () => {
		const error = configError(() => validateTeam([{ id: 'ana', name: 'Ana' }, { id: 'bo', name: 'Bo' }, { id: 'ANA', name: 'Ana again' }]));
		expect(error.field).toBe('team[2].id');
		expect(error.message).toBe('Team member 3 (Ana again) has the same id "ANA" as team member 1 (Ana). Every person needs their own id.');
	});

	it('treats two owners with the same email and no id as duplicates', () => {
		expect(configError(() => validateTeam([{ email: 'a@x.io' }, { email: 'A@x.io' }])).field).toBe('team[1].id');
	});

	it.each([
		[0, 'the weight must be greater than 0 (got 0)'],
		[-1, 'the weight must be greater than 0 (got -1)'],
		['abc', 'the weight must be a number such as 1 or 2, not "abc"'],
		[Number.NaN, 'the weight must be a number such as 1 or 2'],
		[true, 'the weight must be a number such as 1 or 2, not true'],
	])('rejects weight %p with a field path', (weight, text) => {
		const error = configError(() => validateTeam([{ id: 'a', name: 'Ana' }, { id: 'b', name: 'Bo' }, { id: 'c', name: 'Cy', weight: weight as number }]));
		expect(error.field).toBe('team[2].weight');
		expect(error.message).toContain('Team member 3 (Cy): ');
		expect(error.message).toContain(text);
	});

	it('rejects an unknown time zone', () => {
		const error = configError(() =>
			validateTeam([{ id: 'a', name: 'Ana', workingHours: { days: ['mon'], start: '09:00', end: '17:00', timeZone: 'Mars/Olympus_Mons' } }]),
		);
		expect(error.field).toBe('team[0].workingHours.timeZone');
		expect(error.message).toBe(
			'Team member 1 (Ana): "Mars/Olympus_Mons" is not a time zone this system knows. Use a name from the IANA list, e.g. Europe/Berlin, America/New_York or Asia/Singapore.',
		);
	});

	it('asks for a time zone when hours have none, unless a default is given', () => {
		const input = [{ id: 'a', name: 'Ana', workingHours: { start: '09:00', end: '17:00' } }];
		expect(configError(() => validateTeam(input)).field).toBe('team[0].workingHours.timeZone');
		expect(validateTeam(input, { timeZone: 'Europe/Paris' })[0].workingHours).toEqual({
			days: ['mon', 'tue', 'wed', 'thu', 'fri'],
			start: '09:00',
			end: '17:00',
			timeZone: 'Europe/Paris',
		});
		expect(configError(() => validateTeam(input, { timeZone: 'Nowhere' })).field).toBe('timeZone');
	});

	it.each([
		[{ start: '9am', end: '17:00' }, 'team[0].workingHours.start', 'the start of the working hours must be a time like 09:00 (24-hour clock), not "9am"'],
		[{ start: '09:00', end: '25:00' }, 'team[0].workingHours.end', 'the end of the working hours must be a time like 17:30'],
		[{ start: '09:60', end: '17:00' }, 'team[0].workingHours.start', 'must be a time like 09:00'],
		[{ start: '09:00', end: '09:00' }, 'team[0].workingHours.end', 'working hours start and end at the same time (09:00). For a whole day use 00:00 to 24:00.'],
		[{ start: '24:00', end: '09:00' }, 'team[0].workingHours.start', 'must be a time like 09:00'],
		[{ days: ['mon', 'funday'], start: '09:00', end: '17:00' }, 'team[0].workingHours.days[1]', '"funday" is not a day of the week'],
		[{ days: 'mon, constructor', start: '09:00', end: '17:00' }, 'team[0].workingHours.days', '"constructor" is not a day of the week'],
	])('rejects malformed hours %p', (hours, field, text) => {
		const error = configError(() => validateTeam([{ id: 'a', name: 'Ana', workingHours: { timeZone: 'UTC', ...hours } }]));
		expect(error.field).toBe(field);
		expect(error.message).toContain(text);
	});

	it('treats an untouched hours block as no working hours', () => {
		expect(validateTeam([{ id: 'a', workingHours: { days: '', start: '', end: '', timeZone: '' } }])[0].workingHours).toBeNull();
	});

	it('rejects unknown territories, a bad capacity, a bad email and a member without id or email', () => {
		const territory = configError(() => validateTeam([{ id: 'a', name: 'Ana', territories: ['DE', 'Narnia'] }]));
		expect(territory.field).toBe('team[0].territories[1]');
		expect(territory.message).toContain('unknown territory "Narnia". Use a two-letter country code such as DE, US or FR, a country name, or a region: DACH, BENELUX');

		expect(configError(() => validateTeam([{ id: 'a', dailyCapacity: 2.5 }])).field).toBe('team[0].dailyCapacity');
		expect(configError(() => validateTeam([{ id: 'a', dailyCapacity: -1 }])).message).toContain('whole number of leads per day (0 = no limit)');
		expect(configError(() => validateTeam([{ id: 'a', email: 'not-an-email' }])).field).toBe('team[0].email');
		const noId = configError(() => validateTeam([{ id: 'a' }, { name: 'Bo' }]));
		expect(noId.field).toBe('team[1].id');
		expect(noId.message).toBe('Team member 2 (Bo) needs an id or an email address, so leads can be counted per person.');
		expect(configError(() => validateTeam(['ana'])).field).toBe('team[0]');
	});
});

describe('territories', () => {
	it('normalizes country names and codes', () => {
		expect(normalizeCountry('de')).toBe('DE');
		expect(normalizeCountry('Germany')).toBe('DE');
		expect(normalizeCountry('Deutschland')).toBe('DE');
		expect(normalizeCountry('United States')).toBe('US');
		expect(normalizeCountry('USA')).toBe('US');
		expect(normalizeCountry('UK')).toBe('GB');
		expect(normalizeCountry('Österreich')).toBe('AT');
		expect(normalizeCountry('Atlantis')).toBeNull();
		expect(normalizeCountry(null)).toBeNull();
	});

	it('expands regions', () => {
		expect([...expandTerritories(['DACH'])]).toEqual(['DE', 'AT', 'CH']);
		expect(expandTerritories(['EMEA']).has('ZA')).toBe(true);
		expect(expandTerritories(['EMEA']).has('US')).toBe(false);
		expect(normalizeTerritory('emea')).toBe('EMEA');
		expect(normalizeTerritory('Latin America')).toBe('LATAM');
		// NA is North America; Namibia cannot be named on its own (use AFRICA or EMEA)
		expect(normalizeTerritory('NA')).toBe('NA');
		expect(normalizeTerritory('Namibia')).toBeNull();
	});
});

describe('validateRoutingOptions', () => {
	const team = validateTeam([
		{ id: 'ana', name: 'Ana' },
		{ id: 'bo', name: 'Bo' },
	]);

	it('fills in defaults', () => {
		expect(validateRoutingOptions({}, team)).toEqual({
			strategy: 'roundRobin',
			baseStrategy: 'roundRobin',
			stickyBy: 'email',
			stickyTtlDays: 90,
			territoryRules: [],
			territoryOverflow: 'team',
			fallbackOwner: null,
			timeZone: 'UTC',
		});
	});

	it('points at the faulty setting', () => {
		expect(configError(() => validateRoutingOptions({ strategy: 'random' }, team)).field).toBe('strategy');
		expect(configError(() => validateRoutingOptions({ fallbackOwner: 'carl' }, team)).message).toBe('The fallback owner "carl" is not on the team. Team ids: ana, bo.');
		const rule = configError(() => validateRoutingOptions({ territoryRules: [{ field: 'country', value: 'DE', ownerIds: ['ana', 'zed'] }] }, team));
		expect(rule.field).toBe('territoryRules[0].ownerIds[1]');
		expect(rule.message).toBe('Rule 1 sends leads to "zed", but nobody on the team has that id. Team ids: ana, bo.');
		expect(configError(() => validateRoutingOptions({ territoryRules: [{ field: '', value: 'x', ownerIds: ['ana'] }] }, team)).field).toBe('territoryRules[0].field');
		expect(configError(() => validateRoutingOptions({ territoryRules: [{ field: 'company', value: '', ownerIds: ['ana'] }] }, team)).field).toBe('territoryRules[0].value');
		expect(configError(() => validateRoutingOptions({ timeZone: 'Berlin' }, team)).field).toBe('timeZone');
		expect(configError(() => validateRoutingOptions({ fallbackOwner: { name: 'Dana', weight: -2, email: 'd@x.io' } }, team)).field).toBe('fallbackOwner.weight');
	});
});
