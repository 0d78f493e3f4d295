import path from 'path';
import { freshN8n, parseRawOutput, runtime } from '../helpers/n8nCli';

jest.setTimeout(240_000);

test('Lead Score runs inside the pinned n8n, installed as the packed package', () => {
	const n8n = freshN8n();
	n8n.run(['import:workflow', `--input=${path.join(runtime.root, 'test/fixtures/workflows/lead-score-e2e.json')}`]);
	expect(n8n.run(['list:workflow'])).toContain('LqScoreE2E000001|Lead Score end-to-end');

	const run = parseRawOutput(n8n.run(['execute', '--id', 'LqScoreE2E000001', '--rawOutput']));
	expect(run.data.resultData.error).toBeUndefined();
	const items = run.data.resultData.runData['Lead Score'][0].data!.main[0]!;
	const rows = items.map(({ json, pairedItem }) => {
		const lead = json.lead as { email: string };
		const score = json.score as { stage: string; grade: string; total: number; reasons: Array<{ points: number }> };
		expect(score.reasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(score.total);
		return [lead.email, score.stage, pairedItem];
	});
	expect(rows).toEqual([
		['ana.ruiz@bigcorp.com', 'sql', { item: 0 }],
		['jo.smith@gmail.com', 'lead', { item: 1 }],
		['kim@mailinator.com', 'disqualified', { item: 2 }],
		['sam@acme.io', 'sql', { item: 3 }],
	]);
});
