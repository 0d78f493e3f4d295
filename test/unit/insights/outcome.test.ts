import { parseOutcome } from '../../../lib/insights/outcome';

describe('parseOutcome', () => {
	it.each([
		// HubSpot's default deal stages (internal values), Salesforce's opportunity stage labels, Pipedrive's deal status
		['closedwon', 'won'],
		['closedlost', 'lost'],
		['Closed Won', 'won'],
		['Closed Lost', 'lost'],
		['CLOSED_WON', 'won'],
		['won', 'won'],
		['lost', 'lost'],
		['open', 'open'],
		[true, 'won'],
		[false, 'lost'],
		[1, 'won'],
		[0, 'lost'],
	])('%p → %s', (value, expected) => {
		expect(parseOutcome(value)).toBe(expected);
	});

	it.each([null, undefined, '', 'maybe', 2, 'appointmentscheduled', {}])('%p is unclear: null, never a guess', (value) => {
		expect(parseOutcome(value)).toBeNull();
	});
});
