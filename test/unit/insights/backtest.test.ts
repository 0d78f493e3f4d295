/**
 * Backtest figures on eleven leads whose scores, stages and grades can be read off by hand.
 * Every expected number below is worked out in the comments, never computed by lib/insights.
 *
 * Model: company given +10, phone given +20 (both fit), demo request +50, page view +5 capped at
 * 10 (engagement), no decay, no hand-raisers; MQL at 20, SQL at 40; grades A ≥ 30, B ≥ 20, C ≥ 10.
 *
 *   lead  company phone activities                         total stage grade(fit) source outcome
 *   L1    yes     yes   demo at submission                  80   sql   A (30)     A      won
 *   L2    yes     yes   -                                   30   mql   A (30)     A      won
 *   L3    -       yes   -                                   20   mql   B (20)     B      lost
 *   L4    yes     -     -                                   10   lead  C (10)     B      lost
 *   L5    -       -     -                                    0   lead  D (0)      A      lost
 *   L6    -       -     demo at submission                  50   sql   D (0)      B      lost
 *   L7    yes     -     3 page views before (15, cap 10)    20   mql   C (10)     B      won
 *   L8    yes     yes   demo 10 days AFTER submission       30   mql   A (30)     A      lost   (demo dropped)
 *   L9    -       -     -                                    0   lead  D (0)      A      lost
 *   L10   -       yes   -                                   20   mql   B (20)     B      won
 *   L11   yes     -     -                                   10   lead  C (10)     A      open
 *
 * Closed: 10 (L1–L10), 4 won, 6 lost; base rate 0.4. Cost per lead: source A 50, source B 20.
 * Submissions from 2026-01-01T00:00Z (L1) to 2026-03-02T21:00Z (L11): 60.875 days = 2 months of
 * 30.4375 days.
 *
 * 95 % Wilson intervals, z = 1.959964, z² = 3.841459; for w wins of n, p = w/n:
 *   centre = (p + z²/2n) / (1 + z²/n), half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
 * Values cross-checked with Newcombe (Statistics in Medicine 1998;17:857–872), Table I, method 3,
 * in the stats test.
 */
import { backtest } from '../../../lib/insights/backtest';
import type { OutcomeRow } from '../../../lib/insights/types';
import type { ScoringModelInput } from '../../../lib/scoring/model';
import { makeLead } from '../../helpers/leads';

const MODEL: ScoringModelInput = {
	name: 'Fixture',
	version: '1',
	thresholds: { mql: 20, sql: 40, sqlMinimumGrade: 'D' },
	grades: { A: 30, B: 20, C: 10 },
	rules: [
		{ id: 'company_given', description: 'Company given', category: 'fit', field: 'company', operator: 'exists', points: 10 },
		{ id: 'phone_given', description: 'Phone given', category: 'fit', field: 'phone', operator: 'exists', points: 20 },
	],
	events: { demo_request: { points: 50 }, page_view: { points: 5, cap: 10 } },
	decay: { halfLifeDays: null },
	handRaisers: [],
	handRaiserWindowDays: null,
};

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');
const at = (days: number) => new Date(START + days * DAY).toISOString();

function row(name: string, days: number, fields: { company?: boolean; phone?: boolean; events?: Array<{ type: string; at: string | null }> }, source: 'A' | 'B', outcome: OutcomeRow['outcome'], closedDays?: number): OutcomeRow {
	return {
		lead: makeLead({
			email: `${name.toLowerCase()}@example.org`,
			firstName: 'Anna',
			lastName: 'Nowak',
			company: fields.company ? `Company ${name}` : null,
			phone: fields.phone ? '+48 600 100 200' : null,
			source: `source-${source}`,
			submittedAt: at(days),
			externalId: name,
			events: fields.events ?? [],
		}),
		outcome,
		value: outcome === 'won' ? 1000 : null,
		closedAt: closedDays === undefined ? null : at(closedDays),
		costPerLead: source === 'A' ? 50 : 20,
	};
}

const ROWS: OutcomeRow[] = [
	row('L1', 0, { company: true, phone: true, events: [{ type: 'demo_request', at: null }] }, 'A', 'won'),
	row('L2', 5, { company: true, phone: true }, 'A', 'won'),
	row('L3', 10, { phone: true }, 'B', 'lost'),
	row('L4', 15, { company: true }, 'B', 'lost'),
	row('L5', 20, {}, 'A', 'lost'),
	row('L6', 25, { events: [{ type: 'demo_request', at: at(25) }] }, 'B', 'lost'),
	row('L7', 30, { company: true, events: [1, 2, 3].map((ago) => ({ type: 'page_view', at: at(30 - ago) })) }, 'B', 'won'),
	row('L8', 35, { company: true, phone: true, events: [{ type: 'demo_request', at: at(45) }] }, 'A', 'lost', 50),
	row('L9', 40, {}, 'A', 'lost'),
	row('L10', 45, { phone: true }, 'B', 'won'),
	row('L11', 60.875, { company: true }, 'A', 'open'),
];

describe('backtest on hand-scored leads', () => {
	const report = backtest(ROWS, MODEL);

	it('counts outcomes, the base rate, the time span, and drops an activity dated after the submission', () => {
		expect(report.counts).toMatchObject({ rows: 11, won: 4, lost: 6, open: 1, undated: 0, droppedActivities: 1, firstSubmittedAt: '2026-01-01T00:00:00.000Z', lastSubmittedAt: '2026-03-02T21:00:00.000Z' });
		expect(report.counts.months).toBeCloseTo(2, 10);
		expect(report.baseRate).toBe(0.4);
	});

	it('conversion by stage with 95 % Wilson intervals', () => {
		// sql: L1 won, L6 lost → 1/2: centre 0.5, half = 1.959964·√(0.125 + 0.240091)/2.920730 = 0.405468
		// mql: L2, L7, L10 won, L3, L8 lost → 3/5: centre 0.984146/1.768292 = 0.556550, half 0.325827
		// lead: L4, L5, L9 lost (L11 open) → 0/3: centre = half = 0.640243/2.280486 = 0.280749
		const byStage = Object.fromEntries(report.byStage.map((figures) => [figures.stage, figures]));
		expect(byStage.sql).toMatchObject({ leads: 2, count: 2, wins: 1, rate: 0.5 });
		expect(byStage.sql.low).toBeCloseTo(0.094532, 5);
		expect(byStage.sql.high).toBeCloseTo(0.905468, 5);
		expect(byStage.mql).toMatchObject({ leads: 5, count: 5, wins: 3, rate: 0.6 });
		expect(byStage.mql.low).toBeCloseTo(0.230723, 5);
		expect(byStage.mql.high).toBeCloseTo(0.882377, 5);
		expect(byStage.lead).toMatchObject({ leads: 4, count: 3, wins: 0, rate: 0 });
		expect(byStage.lead.low).toBe(0);
		expect(byStage.lead.high).toBeCloseTo(0.561497, 5);
		expect(byStage.disqualified).toMatchObject({ leads: 0, count: 0, rate: null, low: null, high: null });
	});

	it('conversion by grade', () => {
		// A: L1, L2 won, L8 lost → 2/3: centre 1.306910/2.280486 = 0.573084, half 0.365424
		const byGrade = Object.fromEntries(report.byGrade.map((figures) => [figures.grade, figures]));
		expect(byGrade.A).toMatchObject({ leads: 3, count: 3, wins: 2 });
		expect(byGrade.A.low).toBeCloseTo(0.20766, 4);
		expect(byGrade.A.high).toBeCloseTo(0.938508, 4);
		expect(byGrade.B).toMatchObject({ leads: 2, count: 2, wins: 1, rate: 0.5 });
		expect(byGrade.C).toMatchObject({ leads: 3, count: 2, wins: 1, rate: 0.5 });
		expect(byGrade.D).toMatchObject({ leads: 3, count: 3, wins: 0, rate: 0 });
	});

	it('ROC AUC counts won-over-lost pairs, ties as one half', () => {
		// won 80, 30, 20, 20 against lost 20, 10, 0, 50, 30, 0 (24 pairs):
		// 80 beats all 6 → 6; 30 beats 20, 10, 0, 0 and ties 30 → 4.5; each 20 beats 10, 0, 0 and ties 20 → 3.5 (×2)
		// (6 + 4.5 + 7) / 24 = 0.7291666…
		expect(report.auc).toBeCloseTo(17.5 / 24, 12);
		expect(report.roc[0]).toMatchObject({ truePositiveRate: 0, falsePositiveRate: 0 });
		expect(report.roc[report.roc.length - 1]).toMatchObject({ truePositiveRate: 1, falsePositiveRate: 1 });
		// at 30 and above: won L1, L2 (2 of 4), lost L6, L8 (2 of 6)
		expect(report.roc.find((point) => point.threshold === 30)).toEqual({ threshold: 30, truePositiveRate: 0.5, falsePositiveRate: 2 / 6 });
	});

	it('lift by decile and cumulative gains', () => {
		// ten closed leads, one per decile, highest first, ties in input order:
		// 80 L1 W, 50 L6 L, 30 L2 W, 30 L8 L, 20 L3 L, 20 L7 W, 20 L10 W, 10 L4 L, 0 L5 L, 0 L9 L
		expect(report.deciles.map((decile) => decile.wins)).toEqual([1, 0, 1, 0, 0, 1, 1, 0, 0, 0]);
		// a decile of one won lead converts at 1, the base rate is 0.4: lift 2.5
		expect(report.deciles.map((decile) => decile.lift)).toEqual([2.5, 0, 2.5, 0, 0, 2.5, 2.5, 0, 0, 0]);
		expect(report.deciles.map((decile) => decile.cumulativeWinShare)).toEqual([0.25, 0.25, 0.5, 0.5, 0.5, 0.75, 1, 1, 1, 1]);
		expect(report.deciles[9]).toMatchObject({ decile: 10, leads: 1, minScore: 0, maxScore: 0, cumulativeLeadShare: 1 });
	});

	it('precision, recall and leads per month at the MQL and SQL thresholds', () => {
		// MQL or better (≥ 20): closed L1, L2, L3, L6, L7, L8, L10 → 4 won of 7; all 4 wins caught; 7 leads in 2 months
		expect(report.thresholds.mql).toMatchObject({ threshold: 20, selected: 7, wins: 4, recall: 1 });
		expect(report.thresholds.mql.precision).toBeCloseTo(4 / 7, 12);
		expect(report.thresholds.mql.leadsPerMonth).toBeCloseTo(3.5, 10);
		// SQL (≥ 40): L1 won, L6 lost; 1 of 4 wins; 2 leads in 2 months
		expect(report.thresholds.sql).toMatchObject({ threshold: 40, selected: 2, wins: 1, precision: 0.5, recall: 0.25 });
		expect(report.thresholds.sql.leadsPerMonth).toBeCloseTo(1, 10);
	});

	it('recommends the lowest SQL threshold whose precision reaches the goal with 95 % confidence', () => {
		// SQL ≥ 0: 4/10, Wilson low = 0.427753 − 0.259574 = 0.168 < 0.2
		// SQL ≥ 10: 4/8 (L5, L9 out), centre 0.5, half 1.959964·√(0.03125 + 0.015006)/1.480182 = 0.284784 → low 0.215 ≥ 0.2
		const recommended = backtest(ROWS, MODEL, { goal: { kind: 'sqlPrecision', atLeast: 0.2 } }).recommended!;
		expect(recommended).toMatchObject({ met: true, sql: 10, mql: 10 });
		expect(recommended.atRecommended).toMatchObject({ selected: 8, wins: 4, precision: 0.5 });
		expect(recommended.atRecommended!.precisionLow).toBeCloseTo(0.215216, 5);
	});

	it('recommends the highest MQL threshold that catches the share of wins asked for with 95 % confidence', () => {
		// MQL ≥ 30 catches L1, L2: 2/4, Wilson low 0.5 − 0.349959 = 0.150 < 0.5
		// MQL ≥ 20 catches all 4: 4/4, centre 1.480182/1.960365 = 0.755061, half 0.244944 → low 0.510 ≥ 0.5
		const recommended = backtest(ROWS, MODEL, { goal: { kind: 'winRecall', atLeast: 0.5 } }).recommended!;
		expect(recommended).toMatchObject({ met: true, mql: 20, sql: 40 });
		// 0.52 is out of reach: no threshold
		const unreachable = backtest(ROWS, MODEL, { goal: { kind: 'winRecall', atLeast: 0.52 } }).recommended!;
		expect(unreachable).toMatchObject({ met: false, mql: null, sql: null });
	});

	it('per rule: fired among won and lost, lift and whether the sign agrees', () => {
		const rules = Object.fromEntries(report.rules.map((figures) => [figures.rule, figures]));
		// company: won L1, L2, L7; lost L4, L8 → 3/4 and 2/6; win rate when fired 3/5 = 0.6, lift 0.6/0.4 = 1.5;
		// not fired: L3, L5, L6, L9, L10 → 1/5 = 0.2 < 0.6, so +10 agrees
		expect(rules.company_given).toMatchObject({ points: 10, firedWon: 3, firedLost: 2, firedAmongWon: 0.75, signAgrees: true });
		expect(rules.company_given.firedAmongLost).toBeCloseTo(2 / 6, 12);
		expect(rules.company_given.lift).toBeCloseTo(1.5, 12);
		// demo request: L1 won, L6 lost (L8's came after the submission): 2 fired, too few to judge
		expect(rules['event:demo_request']).toMatchObject({ firedWon: 1, firedLost: 1, signAgrees: null });
		expect(rules['event:page_view']).toMatchObject({ firedWon: 1, firedLost: 0 });
	});

	it('per source: leads, MQLs, SQLs, wins and cost per MQL, SQL and win', () => {
		const sources = Object.fromEntries(report.groups.filter((group) => group.dimension === 'source').map((group) => [group.value, group]));
		// A: L1 (sql), L2 (mql), L5, L8 (mql), L9, L11 → 6 leads, 3 MQL or better, 1 SQL, 5 closed, 2 won; cost 6 × 50 = 300
		expect(sources['source-A']).toMatchObject({ leads: 6, mqls: 3, sqls: 1, closed: 5, wins: 2, winRate: 0.4, cost: 300, costPerLead: 50, costPerMql: 100, costPerSql: 300, costPerWin: 150, wonValue: 2000 });
		// B: L3 (mql), L4, L6 (sql), L7 (mql), L10 (mql) → 5 leads, 4 MQL or better, 1 SQL, 2 won; cost 5 × 20 = 100
		expect(sources['source-B']).toMatchObject({ leads: 5, mqls: 4, sqls: 1, closed: 5, wins: 2, cost: 100, costPerMql: 25, costPerSql: 100, costPerWin: 50 });
		const forms = report.groups.filter((group) => group.dimension === 'form');
		expect(forms).toEqual([expect.objectContaining({ value: '(none)', leads: 11 })]);
	});

	it('scored as of the last activity before the close, the demo L8 booked before losing counts', () => {
		const late = backtest(ROWS, MODEL, { scoreAt: 'lastActivity' });
		expect(late.counts.droppedActivities).toBe(0);
		// L8 becomes 80 and an SQL: SQL ≥ 40 holds L1 (won), L6 and L8 (lost)
		expect(late.thresholds.sql).toMatchObject({ selected: 3, wins: 1 });
	});

	it('lists won leads the model left at Lead or Disqualified, with their receipts', () => {
		const rows = [...ROWS, row('L12', 50, { company: true }, 'B', 'won')];
		const withMissed = backtest(rows, MODEL);
		expect(withMissed.missedWinsTotal).toBe(1);
		expect(withMissed.missedWins[0]).toMatchObject({ row: 11, externalId: 'L12', total: 10, stage: 'lead', reasons: [{ rule: 'company_given', points: 10, category: 'fit', detail: 'Company given' }] });
	});
});
