import { itemsThrough, runWorkflow } from '../helpers/workflowRunner';

const leadScore = (parameters: Record<string, unknown>, extra = {}) => ({ type: 'n8n-nodes-lead-qualification.leadScore', parameters: parameters as never, ...extra });

test('scores flat form fields and Webhook-node output in a real WorkflowExecute run', async () => {
	const items = [
		{ 'Email Address ': ' Ana.Ruiz@BigCorp.com ', 'First Name': 'Ana', 'Last Name': 'Ruiz', 'Job Title': 'VP Marketing', Company: 'BigCorp', 'How many employees?': '500-1000', events: [{ type: 'pricing_page_view', at: '2026-11-19T12:00:00Z' }, { type: 'pricing_page_view', at: '2026-11-19T13:00:00Z' }] },
		{ headers: { 'content-type': 'application/json' }, params: {}, query: {}, body: { email: 'kim@yopmail.com', name: 'Kim' } },
		{ lead: { email: 'sam@gmail.com', firstName: 'Sam', events: [{ type: 'demo_request', at: '2026-11-20T10:00:00Z' }] } },
	];
	const { outputOf } = await runWorkflow(itemsThrough(leadScore({ scoringModel: 'b2bSaas', options: { scoreAsOf: '2026-11-20T12:00:00Z' } }), items));
	const [out] = outputOf('Under Test');
	expect(out).toHaveLength(3);
	expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	const [ana, kim, sam] = out.map((item) => item.json as { lead: Record<string, unknown>; score: Record<string, unknown> });
	expect(ana.lead.email).toBe('ana.ruiz@bigcorp.com');
	expect(ana.lead.jobTitle).toBe('VP Marketing');
	expect(ana.score.grade).toBe('A');
	expect(['mql', 'sql']).toContain(ana.score.stage);
	expect(kim.score.stage).toBe('disqualified');
	expect(sam.score.stage).toBe('sql');
	expect(sam.score.model).toEqual({ name: 'B2B SaaS', version: '1' });
	expect((ana as unknown as Record<string, unknown>)['First Name']).toBe('Ana');
});

test('an invalid model JSON stops the node with the path of the bad field', async () => {
	const model = { name: 'bad', version: 1, thresholds: { mql: 10, sql: 20 }, rules: [{ id: 'a', category: 'fit', field: 'jobTitle', operator: 'contains', value: 'ceo', points: 'lots' }] };
	const { outputOf, errorOf } = await runWorkflow(itemsThrough(leadScore({ scoringModel: 'json', modelJson: JSON.stringify(model) }), [{ email: 'a@b.io' }]));
	expect(outputOf('Under Test')).toEqual([]);
	expect(errorOf('Under Test')).toContain('rules[0].points');
});

test('Continue On Fail: a bad item goes out with its error, the others are scored', async () => {
	const items = [{ email: 'a@acme.io', events: '[not json' }, { email: 'b@acme.io' }];
	const workflow = itemsThrough(leadScore({ scoringModel: 'b2bSaas', fieldMapping: { events: '={{ $json.events }}' } }, { onError: 'continueRegularOutput' }), items);
	const { outputOf } = await runWorkflow(workflow);
	const [out] = outputOf('Under Test');
	expect(out).toHaveLength(2);
	expect(out[0].json.error).toMatch(/Item 0: "Activities \(Events\)"/);
	expect(out[0].pairedItem).toEqual({ item: 0 });
	expect((out[1].json.score as { stage: string }).stage).toBe('lead');
});

test('custom rules built in the editor score as configured', async () => {
	const parameters = {
		scoringModel: 'custom',
		modelName: 'Agency X',
		modelVersion: '3',
		rules: { rule: [{ name: 'Big budget', category: 'fit', field: 'answer', answerLabel: 'What is your budget?', operator: 'greaterThan', value: '10000', points: 30 }, { name: 'Competitor', category: 'fit', field: 'emailDomain', operator: 'domainInList', value: 'rival.com', points: 0, disqualify: true }] },
		eventPoints: { event: [{ type: 'webinar_attended', points: 25, cap: 0 }] },
		mqlThreshold: 30,
		sqlThreshold: 50,
		sqlMinimumGrade: 'B',
		halfLifeDays: 0,
		handRaisers: ['demo_request'],
		disqualifyOn: ['disposable_email'],
		options: { output: 'newFieldsOnly' },
	};
	const items = [
		{ email: 'a@client.io', 'What is your budget? ': '$25k', events: [{ type: 'webinar_attended' }] },
		{ email: 'b@client.io', 'what is your budget?': '2000' },
		{ email: 'x@rival.com', 'What is your budget?': '90000' },
	];
	const [out] = (await runWorkflow(itemsThrough(leadScore(parameters), items))).outputOf('Under Test');
	const scores = out.map((item) => item.json.score as { total: number; stage: string; model: unknown });
	expect(scores.map((s) => [s.total, s.stage])).toEqual([[55, 'sql'], [0, 'lead'], [30, 'disqualified']]);
	expect(scores[0].model).toEqual({ name: 'Agency X', version: '3' });
	expect(Object.keys(out[0].json).sort()).toEqual(['lead', 'score']);
});
