/**
 * The Lead Insights node around the pure logic: how outcomes are read (own words, built-in words,
 * yes/no in our languages), the error that names the item and the field, Continue On Fail, the
 * "too little data" error, the summary, table items and the HTML report. Expected values are
 * written by hand from the fixtures below (how many leads of each outcome they hold).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { LeadInsights } from '../../nodes/LeadInsights/LeadInsights.node';

interface Run {
	output: INodeExecutionData[];
	error: Error | null;
}

async function run(items: IDataObject[], parameters: IDataObject, continueOnFail = false): Promise<Run> {
	const all: IDataObject = { operation: 'backtest', scoringModel: 'b2bSaas', outcomeType: 'status', outcomeField: 'outcome', wonWords: '', lostWords: '', openWords: '', valueField: '', closedAtField: '', costPerLeadField: '', fieldMapping: {}, options: {}, ...parameters };
	const node = { id: 'n1', name: 'Lead Insights', type: 'n8n-nodes-lead-qualification.leadInsights', typeVersion: 1, position: [0, 0] as [number, number], parameters: all };
	const context = {
		getInputData: () => items.map((json) => ({ json })),
		getNode: () => node,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in all ? all[name] : fallback),
		continueOnFail: () => continueOnFail,
		helpers: {
			prepareBinaryData: async (buffer: Buffer, fileName: string, mimeType: string) => ({ data: buffer.toString('base64'), fileName, mimeType }),
		},
	} as unknown as IExecuteFunctions;
	try {
		const [output] = await new LeadInsights().execute.call(context);
		return { output, error: null };
	} catch (error) {
		return { output: [], error: error as Error };
	}
}

/** A senior lead who asked for a demo, or a student with a free address; submitted on day `day` of 2025. */
function lead(index: number, outcome: IDataObject[string], strong: boolean): IDataObject {
	const submittedAt = new Date(Date.UTC(2025, 0, 1 + index * 2)).toISOString();
	return {
		lead: strong
			? { email: `buyer${index}@bigcorp${index}.example`, jobTitle: 'CEO', company: `Bigcorp ${index}`, submittedAt, events: [{ type: 'pricing_page_view', at: submittedAt }] }
			: { email: `student${index}@gmail.com`, jobTitle: 'Student', submittedAt, events: [] },
		outcome,
	};
}

/** 40 won (30 strong, 10 weak) and 40 lost (10 strong, 30 weak): the model must rank wins higher. */
function history(wonValue: IDataObject[string] = 'won', lostValue: IDataObject[string] = 'lost'): IDataObject[] {
	const items: IDataObject[] = [];
	for (let index = 0; index < 80; index++) {
		const won = index % 2 === 0;
		const strong = won ? index % 8 !== 0 : index % 8 === 1;
		items.push(lead(index, won ? wonValue : lostValue, strong));
	}
	return items;
}

test('a backtest counts the outcomes it was given and attaches an HTML report with SVG charts', async () => {
	const { output, error } = await run(history(), {});
	expect(error).toBeNull();
	expect(output).toHaveLength(1);
	const summary = output[0].json as IDataObject & { counts: { rows: number; won: number; lost: number; open: number }; auc: number };
	expect(summary.operation).toBe('backtest');
	expect(summary.counts).toMatchObject({ rows: 80, won: 40, lost: 40, open: 0 });
	// 30 of 40 wins are strong against 10 of 40 losses: a ranking clearly better than chance
	expect(summary.auc).toBeGreaterThan(0.65);
	expect(output[0].pairedItem).toHaveLength(80);
	const report = output[0].binary!.data;
	expect(report.mimeType).toBe('text/html');
	const html = Buffer.from(report.data, 'base64').toString('utf8');
	expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
	expect(html).toContain('<svg ');
	expect(html).not.toMatch(/<script/i);
});

test('own words, CRM stages and yes/no answers in our languages are read; empty is open', async () => {
	const items = history('Signed', 'closedlost');
	items[0].outcome = 'closedwon';
	items[2].outcome = 'WON';
	items[1].outcome = '';
	items[3].outcome = null;
	items[4].outcome = 'Tak'; // Polish yes: won
	items[5].outcome = 'hayır'; // Turkish no: lost
	const { output, error } = await run(items, { wonWords: 'signed, paid' });
	expect(error).toBeNull();
	expect((output[0].json.counts as IDataObject)).toMatchObject({ won: 40, lost: 38, open: 2 });

	const yesNo = history('Tak', 'Nie'); // Polish yes / no
	yesNo[0].outcome = true;
	yesNo[1].outcome = 'خیر'; // Persian no
	yesNo[2].outcome = 'evet'; // Turkish yes
	const booleans = await run(yesNo, { outcomeType: 'boolean' });
	expect(booleans.error).toBeNull();
	expect((booleans.output[0].json.counts as IDataObject)).toMatchObject({ won: 40, lost: 40, open: 0 });
});

test('an outcome that says none of won, lost or open stops the node, naming the item and the field', async () => {
	const items = history();
	items[7] = { ...items[7], deal: { stage: 'maybe later' } };
	for (const item of items) if (!item.deal) item.deal = { stage: item.outcome };
	const { error } = await run(items, { outcomeField: 'deal.stage' });
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error!.message).toBe('Item 7: the outcome in "deal.stage" is "maybe later", which is not won, lost or open');
});

test('with Continue On Fail the bad item goes out with its error and the others are analysed', async () => {
	const items = history();
	items[4].outcome = 'perhaps';
	const { output, error } = await run(items, {}, true);
	expect(error).toBeNull();
	expect(output).toHaveLength(2);
	expect((output[0].json.counts as IDataObject).rows).toBe(79);
	expect(output[0].pairedItem).not.toContainEqual({ item: 4 });
	expect(output[1].json.error).toBe('Item 4: the outcome in "outcome" is "perhaps", which is not won, lost or open');
	expect(output[1].pairedItem).toEqual({ item: 4 });
});

test('Learn Model with too few wins says what is missing', async () => {
	const items = history().slice(0, 20); // 10 won, 10 lost
	const { error } = await run(items, { operation: 'learn' });
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error!.message).toMatch(/\b(wins?|won)\b/i);
});

test('Table Items adds one item per figure table after the summary; no report when it is off', async () => {
	const { output } = await run(history(), { options: { tableItems: true, report: false } });
	expect(output[0].binary).toBeUndefined();
	expect(output.slice(1).map((item) => item.json.table)).toEqual(['byStage', 'byGrade', 'deciles', 'roc', 'distribution', 'rules', 'groups', 'missedWins', 'calibration']);
});
