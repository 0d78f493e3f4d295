import type { INodeProperties } from 'n8n-workflow';
import { REGIONS } from '../../lib/routing/territory';

export const STAGE_OUTPUTS = [
	{ name: 'SQL', value: 'sql', description: 'Sales qualified: ready for a sales conversation' },
	{ name: 'MQL', value: 'mql', description: 'Marketing qualified: worth a closer look' },
	{ name: 'Lead', value: 'lead', description: 'Not qualified yet: nurture' },
	{ name: 'Disqualified', value: 'disqualified', description: 'Spam, test or out of market' },
] as const;

const REGION_LIST = Object.keys(REGIONS).join(', ');

const WEEKDAY_OPTIONS = [
	{ name: 'Monday', value: 'mon' },
	{ name: 'Tuesday', value: 'tue' },
	{ name: 'Wednesday', value: 'wed' },
	{ name: 'Thursday', value: 'thu' },
	{ name: 'Friday', value: 'fri' },
	{ name: 'Saturday', value: 'sat' },
	{ name: 'Sunday', value: 'sun' },
];

const stickyOnly = { show: { strategy: ['sticky'] } };

const teamMemberFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ana Lopez',
		description: 'Shown in routing.owner.name and in the reason for each assignment',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Also the ID when ID is left empty',
	},
	{
		displayName: 'ID',
		name: 'id',
		type: 'string',
		default: '',
		description: 'A stable ID for counting leads per person, e.g. the CRM owner ID. Leave empty to use the email. Changing it starts this person\'s counts afresh.',
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		description: 'Where the next node should notify this person: a Slack user or channel ID, a CRM owner ID, a phone number',
	},
	{
		displayName: 'Weight',
		name: 'weight',
		type: 'number',
		typeOptions: { minValue: 0.001, numberPrecision: 3 },
		default: 1,
		description: 'Share of leads in weighted round robin: weight 3 gets three leads for every one of weight 1',
	},
	{
		displayName: 'Territories',
		name: 'territories',
		type: 'string',
		default: '',
		placeholder: 'e.g. DE, AT, CH or EMEA',
		description: `Comma-separated country codes, country names or regions (${REGION_LIST}). Used by the Territory strategy.`,
	},
	{
		displayName: 'Languages',
		name: 'languages',
		type: 'string',
		default: '',
		placeholder: 'e.g. fa, ar or Persian, العربية',
		description:
			'Comma-separated languages this person handles, as codes (fa, ar, pl, tr, th, en) or names in any language (Persian, فارسی, polski, Türkçe). A lead with a language (lead.language) goes to someone who speaks it while one of them can take it, before the strategy below.',
	},
	{
		displayName: 'Daily Capacity',
		name: 'dailyCapacity',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Most leads this person gets per working day; 0 means no limit. A shift past midnight (22:00–06:00) counts as one day, the day it starts. When everybody is full, the fallback owner gets the lead.',
	},
	{
		displayName: 'Working Days',
		name: 'workingDays',
		type: 'multiOptions',
		options: WEEKDAY_OPTIONS,
		default: [],
		description: 'Days this person takes leads. Leave empty, with no start and end time, to take leads at any time.',
	},
	{
		displayName: 'Working Hours Start',
		name: 'workStart',
		type: 'string',
		default: '',
		placeholder: 'e.g. 09:00',
		description: '24-hour clock, in the time zone below',
	},
	{
		displayName: 'Working Hours End',
		name: 'workEnd',
		type: 'string',
		default: '',
		placeholder: 'e.g. 17:30',
		description: '24-hour clock; earlier than the start for a shift past midnight',
	},
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description: 'Time zone of the working hours (their daily capacity counts by it too). Empty: the Default Time Zone in Options, else UTC.',
	},
	{
		displayName: 'Out of Office',
		name: 'outOfOffice',
		type: 'boolean',
		default: false,
		description: 'Whether this person is away and gets no leads (their sticky leads go to someone else meanwhile)',
	},
];

export const leadRouterProperties: INodeProperties[] = [
	{
		displayName:
			'Sends each lead to the output of its stage (from the Lead Score node) and assigns qualified leads to a team member. Turns and daily counts stay exact when many executions run at once. Test runs from the editor show who would get each lead but change no turns, counts or sticky owners (routing.testRun is true).',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Outputs',
		name: 'stageOutputs',
		type: 'multiOptions',
		noDataExpression: true,
		options: [...STAGE_OUTPUTS].map(({ name, value, description }) => ({ name, value, description })),
		default: ['sql', 'mql', 'lead', 'disqualified'],
		description: 'Which stage outputs the node has, always in the order SQL, MQL, Lead, Disqualified',
	},
	{
		displayName: 'Items Without a Stage',
		name: 'unscored',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Stop With an Error', value: 'error', description: 'An item without score.stage is a mistake in the workflow' },
			{ name: 'Send to a "Not Scored" Output', value: 'output', description: 'Adds an output for items without score.stage' },
		],
		default: 'error',
		description: 'What happens to items that did not go through a Lead Score node (no score.stage)',
	},
	{
		displayName: 'Stages Without an Output',
		name: 'unroutedStages',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Drop the Item', value: 'drop', description: 'Items of a stage without an output go nowhere' },
			{ name: 'Send to an "Other" Output', value: 'output', description: 'Adds an output for items whose stage has no output above' },
		],
		default: 'drop',
		description: 'Where items go when their stage is not one of the outputs above',
	},
	{
		displayName: 'Assign Owners For',
		name: 'assignStages',
		type: 'multiOptions',
		noDataExpression: true,
		options: [...STAGE_OUTPUTS].map(({ name, value }) => ({ name, value })),
		default: ['sql', 'mql'],
		description: 'Leads of these stages get an owner from the team; the others pass through with routing.owner set to null',
	},
	{
		displayName: 'Strategy',
		name: 'strategy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Round Robin', value: 'roundRobin', description: 'Everybody gets the next lead in turn' },
			{ name: 'Sticky', value: 'sticky', description: 'A returning email (or company) goes back to its earlier owner; new ones by the strategy below' },
			{ name: 'Territory', value: 'territory', description: 'Owners of the lead\'s country or region (or of a field rule), in turn' },
			{ name: 'Weighted Round Robin', value: 'weighted', description: 'In turn, in proportion to each person\'s weight' },
		],
		default: 'roundRobin',
		description: 'How the next owner is chosen for a lead that gets one',
	},
	{
		displayName: 'New Leads By',
		name: 'baseStrategy',
		type: 'options',
		noDataExpression: true,
		displayOptions: stickyOnly,
		options: [
			{ name: 'Round Robin', value: 'roundRobin' },
			{ name: 'Territory', value: 'territory' },
			{ name: 'Weighted Round Robin', value: 'weighted' },
		],
		default: 'roundRobin',
		description: 'How a lead nobody has owned yet is assigned',
	},
	{
		displayName: 'Sticky By',
		name: 'stickyBy',
		type: 'options',
		noDataExpression: true,
		displayOptions: stickyOnly,
		options: [
			{ name: 'Email Address', value: 'email', description: 'The same person returns to the same owner' },
			{ name: 'Company Email Domain', value: 'domain', description: 'Everybody from acme.com goes to the same owner (free-mail domains fall back to the email)' },
		],
		default: 'email',
		description: 'What makes two leads "the same" for sticky routing',
	},
	{
		displayName: 'Team Input',
		name: 'teamInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Define Below', value: 'list', description: 'Add each person in the editor' },
			{ name: 'JSON', value: 'json', description: 'A list of people as JSON, e.g. mapped from a previous node (agencies: one team per client)' },
		],
		default: 'list',
		description: 'Build the team here, or pass it as JSON',
	},
	{
		displayName: 'Team',
		name: 'team',
		placeholder: 'Add Team Member',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { teamInput: ['list'] } },
		default: {},
		options: [{ displayName: 'Member', name: 'member', values: teamMemberFields }],
		description: 'The people (or channels) who receive leads',
	},
	{
		displayName: 'Team (JSON)',
		name: 'teamJson',
		type: 'json',
		displayOptions: { show: { teamInput: ['json'] } },
		default:
			'[\n  { "name": "Ana Lopez", "email": "ana@example.com", "channelId": "U0123", "weight": 2, "territories": "ES, LATAM" },\n  { "name": "Ben Okafor", "email": "ben@example.com", "dailyCapacity": 20, "workingHours": { "days": "mon-fri", "start": "09:00", "end": "17:00", "timeZone": "Europe/London" } }\n]',
		description: 'A list of people: name, email, ID, channelId, weight, territories, languages, dailyCapacity, workingHours {days, start, end, timeZone}, outOfOffice',
	},
	{
		displayName: 'Territory Rules',
		name: 'territoryRules',
		placeholder: 'Add Rule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { strategy: ['territory', 'sticky'] } },
		default: {},
		description: 'Checked in order before the country: the first rule that matches decides who can get the lead. Leads no rule matches go by country, then to the whole team.',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Lead Field',
						name: 'field',
						type: 'string',
						default: 'country',
						placeholder: 'e.g. answers.Industry',
						description: 'A field of the lead: country, company, jobTitle, emailDomain, utm.source, source, answers.&lt;question label&gt;',
					},
					{
						displayName: 'Values',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Healthcare, Pharma',
						description: 'Comma-separated; the rule matches when the field equals one of them (case does not matter)',
					},
					{
						displayName: 'Owner IDs',
						name: 'ownerIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. ana@example.com, ben@example.com',
						description: 'Comma-separated IDs (or emails) of the team members who get these leads',
					},
				],
			},
		],
	},
	{
		displayName: 'Fallback Owner',
		name: 'fallbackOwner',
		type: 'string',
		default: '',
		placeholder: 'e.g. sales-manager@example.com',
		description:
			'Who gets the lead when nobody else can (daily capacity reached, out of hours, out of office): the ID or email of a team member, or any email address (that person gets only such leads). Empty: those leads go out unassigned (routing.owner is null).',
	},
	{
		displayName: 'State Store',
		name: 'store',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'This Instance (In Memory)',
				value: 'memory',
				description:
					'Kept with the workflow (its static data). Exact for any number of simultaneous executions in one n8n process. Remembers about 1,500 sticky owners, forgetting the oldest first.',
			},
			{
				name: 'Redis',
				value: 'redis',
				description: 'For queue mode (workers) or several n8n instances: all share one exact rotation',
			},
		],
		default: 'memory',
		description: 'Where turns, daily counts and sticky owners are kept',
	},
	{
		displayName:
			'Queue mode and several n8n instances need the Redis store: with "This Instance (In Memory)", each process keeps its own turns. Use Redis too when sticky routing must remember more than about 1,500 emails or domains.',
		name: 'queueModeNotice',
		type: 'notice',
		displayOptions: { show: { store: ['memory'] } },
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Time zone, sticky memory, territory overflow and shared rotations',
		options: [
			{
				displayName: 'Default Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/New_York',
				description: 'For team members without a time zone: their working hours and the day their capacity counts against. Empty: UTC.',
			},
			{
				displayName: 'Redis Key Prefix',
				name: 'keyPrefix',
				type: 'string',
				default: 'leadRouter',
				description:
					'Every Redis key of this router starts with it, then the workflow ID and node name (or the shared rotation ID), so each router keeps its own rotation. Use different prefixes to keep apart n8n instances or environments that share one Redis. To share a rotation across workflows, use Share Rotation Across Workflows.',
			},
			{
				displayName: 'Remember Owners For (Days)',
				name: 'stickyTtlDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 90,
				description: 'Sticky strategy: how long an email or domain stays with its owner; 0 means for good',
			},
			{
				displayName: 'Share Rotation Across Workflows',
				name: 'sharedRotationId',
				type: 'string',
				default: '',
				placeholder: 'e.g. emea-sales',
				description: 'Give routers in different workflows the same ID to share one rotation, the same daily counts and the same sticky owners (e.g. a lead workflow and its recovery workflow). Empty: this node keeps its own.',
			},
			{
				displayName: 'When the Territory Is Unavailable',
				name: 'territoryOverflow',
				type: 'options',
				options: [
					{ name: 'Try the Whole Team', value: 'team' },
					{ name: 'Go to the Fallback Owner', value: 'fallback' },
				],
				default: 'team',
				description: 'What happens when every owner of the lead\'s territory is full, away or out of hours',
			},
		],
	},
];
