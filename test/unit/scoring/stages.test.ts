/**
 * Stage names and honeypot fields are one table each (lib/scoring/stages.ts, DEFAULT_HONEYPOT_FIELDS
 * in lib/scoring/hygiene.ts), read by both nodes and the editor's defaults. Each node is run here
 * on the same names, so two copies that drift apart fail: Lead Score used to read "opportunity" as
 * SQL while Lead Router refused it, and Lead Score's default honeypot list lacked two fields the
 * engine's default had.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { LeadRouter } from '../../../nodes/LeadRouter/LeadRouter.node';
import { LeadScore } from '../../../nodes/LeadScore/LeadScore.node';
import { stageFromName, type Stage } from '../../../lib/scoring/stages';

/**
 * HubSpot's eight default lifecycle stages (internal values of the contact property
 * `lifecyclestage`, and the labels HubSpot shows), with its lead status "Unqualified", and the
 * stage each must be here: the funnel is Lead → MQL → SQL → opportunity → customer, so a stage
 * past SQL is at least SQL. "other" says nothing about the funnel.
 */
const HUBSPOT_NAMES: Array<[string, Stage | null]> = [
	['subscriber', 'lead'],
	['lead', 'lead'],
	['marketingqualifiedlead', 'mql'],
	['Marketing Qualified Lead', 'mql'],
	['salesqualifiedlead', 'sql'],
	['Sales Qualified Lead', 'sql'],
	['opportunity', 'sql'],
	['customer', 'sql'],
	['evangelist', 'sql'],
	['other', null],
	['UNQUALIFIED', 'disqualified'],
	['MQL', 'mql'],
	['SQL', 'sql'],
	['disqualified', 'disqualified'],
];

/** the hidden fields the engine flagged by default before this change (Formspree, Netlify, generic names) */
const HONEYPOT_FIELDS = ['honeypot', 'hp', '_gotcha', 'bot-field', 'bot_field', 'leave_blank', 'do_not_fill'];

function context(parameters: IDataObject, items: INodeExecutionData[]): IExecuteFunctions {
	const node = { id: 'n1', name: 'Node Under Test', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters };
	return {
		getInputData: () => items,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getNode: () => node,
		getMode: () => 'trigger',
		getWorkflow: () => ({ id: 'w1', name: 'Stages', active: false }),
		continueOnFail: () => false,
	} as unknown as IExecuteFunctions;
}

const SCORE_PARAMETERS = { scoringModel: 'b2bSaas', options: {}, fieldMapping: {} };
const lead = (answers: IDataObject = {}) => ({ lead: { email: 'ana@acme.io', firstName: 'Ana', answers } });

async function previousStageInLeadScore(name: string): Promise<unknown> {
	const [[item]] = await new LeadScore().execute.call(context({ ...SCORE_PARAMETERS, options: { previousStage: name } }, [{ json: lead() }]));
	return ((item.json.score as IDataObject).previousStage as string) ?? null;
}

const ROUTER_PARAMETERS = { stageOutputs: ['sql', 'mql', 'lead', 'disqualified'], unroutedStages: 'drop', unscored: 'error', assignStages: [], store: 'memory', teamInput: 'fields', team: {}, strategy: 'roundRobin', fallbackOwner: '', options: {} };

async function stageInLeadRouter(name: string): Promise<string | null> {
	const outputs = await new LeadRouter().execute.call(context(ROUTER_PARAMETERS, [{ json: { score: { stage: name } } }]));
	const output = outputs.findIndex((items) => items.length > 0);
	return ['sql', 'mql', 'lead', 'disqualified'][output] ?? null;
}

describe('stage names: one table for both nodes', () => {
	test.each(HUBSPOT_NAMES)('%s', async (name, expected) => {
		expect(stageFromName(name)).toBe(expected);
		if (expected === null) {
			await expect(previousStageInLeadScore(name)).rejects.toThrow(NodeOperationError);
			await expect(previousStageInLeadScore(name)).rejects.toThrow(`Item 0: "Previous Stage" is "${name}", which is not a stage`);
			await expect(stageInLeadRouter(name)).rejects.toThrow(`Item 0: score.stage is "${name}", which is not a stage`);
			return;
		}
		expect(await previousStageInLeadScore(name)).toBe(expected);
		expect(await stageInLeadRouter(name)).toBe(expected);
	});
});

describe('honeypot fields: one list for the engine, the node and the editor default', () => {
	const honeypotOption = (new LeadScore().description.properties.find((property) => property.name === 'options')?.options as INodeProperties[]).find((option) => option.name === 'honeypotFields');

	async function flags(options: IDataObject, answers: IDataObject): Promise<string[]> {
		const [[item]] = await new LeadScore().execute.call(context({ ...SCORE_PARAMETERS, options }, [{ json: lead(answers) }]));
		return (item.json.score as IDataObject).flags as string[];
	}

	test.each(HONEYPOT_FIELDS)('a filled "%s" is a bot, with the option left out or added with its default', async (field) => {
		expect(await flags({}, { [field]: 'http://spam.example' })).toContain('honeypot');
		expect(await flags({ honeypotFields: honeypotOption?.default }, { [field]: 'http://spam.example' })).toContain('honeypot');
		// an empty honeypot is a human who saw nothing
		expect(await flags({}, { [field]: '' })).not.toContain('honeypot');
	});

	test('a list of the user\'s own replaces the default', async () => {
		expect(await flags({ honeypotFields: 'website_url' }, { _gotcha: 'x', 'Website URL': 'http://spam.example' })).toEqual(expect.arrayContaining(['honeypot']));
		expect(await flags({ honeypotFields: 'website_url' }, { _gotcha: 'x' })).not.toContain('honeypot');
	});
});

describe('Lead Score behind the Lead Intake Trigger', () => {
	// a live webhook lead without a submission time: the trigger's receipt time dates its activities
	test('an undated demo request is dated at meta.receivedAt; without it the lead is flagged, not an SQL', async () => {
		const item = (meta?: IDataObject) => ({ json: { lead: { email: 'ana@acme.io', firstName: 'Ana', events: [{ type: 'demo_request' }] }, ...(meta ? { meta } : {}) } });
		const [[received, unknown]] = await new LeadScore().execute.call(context(SCORE_PARAMETERS, [item({ receivedAt: new Date().toISOString() }), item()]));
		expect((received.json.score as IDataObject).stage).toBe('sql');
		expect((received.json.score as IDataObject).flags).not.toContain('undated_activity');
		expect((unknown.json.score as IDataObject).stage).not.toBe('sql');
		expect((unknown.json.score as IDataObject).flags).toContain('undated_activity');
	});
});
