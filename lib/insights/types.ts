/**
 * Lead Insights: the public types of the pure logic (lib/insights), shared with the node
 * (nodes/LeadInsights) and the report. No n8n imports here.
 *
 * Figures are plain JSON (numbers, strings, arrays), so that every one can leave the node as an
 * item and be drawn in the HTML report as it is.
 */
import type { Lead } from '../lead/types';
import type { Calibration, Grade, ScoringModelInput, Stage } from '../scoring/model';
import type { ScoreReason } from '../scoring/engine';
import type { HygieneOptions } from '../scoring/hygiene';

export type Outcome = 'won' | 'lost' | 'open';

/** One historical lead with what became of it. */
export interface OutcomeRow {
	/** the lead exactly as Lead Score reads it (leadFromItem) */
	lead: Lead;
	outcome: Outcome;
	/** deal value (any currency, one per data set) */
	value?: number | null;
	/** when the deal closed (ISO 8601); activities after it never count */
	closedAt?: string | null;
	/** what this lead cost to acquire (same currency as value); makes cost per MQL/SQL/win */
	costPerLead?: number | null;
	/** the Lead Intake Trigger's meta.receivedAt, when the lead has no submittedAt */
	receivedAt?: string | null;
}

/** A 95 % Wilson score interval for a proportion, as fractions (0.123, not 12.3 %). */
export interface RateWithInterval {
	count: number;
	wins: number;
	/** wins / count among closed leads, null when none is closed */
	rate: number | null;
	low: number | null;
	high: number | null;
}

export type ThresholdGoal =
	/** SQLs (hand-raisers and leads at or above the SQL threshold) convert at least this share (0–1) */
	| { kind: 'sqlPrecision'; atLeast: number }
	/** MQLs or better (or SQLs with stage: 'sql') catch at least this share (0–1) of wins */
	| { kind: 'winRecall'; atLeast: number; stage?: 'mql' | 'sql' };

/**
 * When a historical lead is scored. 'submission' (default): as of lead.submittedAt, with every
 * activity dated later dropped (it had not happened yet). 'lastActivity': as of its latest
 * activity on or before the close date (closedAt, else the submission), activities after it dropped.
 */
export type ScoreAt = 'submission' | 'lastActivity';

export interface BacktestOptions {
	scoreAt?: ScoreAt;
	goal?: ThresholdGoal | null;
	hygiene?: HygieneOptions;
	/** at most this many missed wins are listed (highest score first); default 50 */
	maxMissedWins?: number;
	/** groups in the per-dimension tables with fewer leads are merged into "(other)"; default 1 (none merged) */
	minGroupSize?: number;
}

export interface StageFigures extends RateWithInterval {
	stage: Stage;
	/** all leads at this stage, open ones included */
	leads: number;
}

export interface GradeFigures extends RateWithInterval {
	grade: Grade;
	leads: number;
}

export interface DecileFigures {
	/** 1 = the highest-scored tenth */
	decile: number;
	leads: number;
	wins: number;
	minScore: number;
	maxScore: number;
	winRate: number;
	/** win rate of this decile / win rate of all closed leads */
	lift: number;
	/** share of all wins in deciles 1..decile (cumulative gains) */
	cumulativeWinShare: number;
	/** share of all closed leads in deciles 1..decile */
	cumulativeLeadShare: number;
}

export interface RocPoint {
	/** score at or above which a lead counts as positive */
	threshold: number;
	truePositiveRate: number;
	falsePositiveRate: number;
}

export interface ThresholdFigures {
	stage: 'mql' | 'sql';
	threshold: number;
	/** closed leads at this stage or better */
	selected: number;
	wins: number;
	/** wins / selected */
	precision: number | null;
	precisionLow: number | null;
	precisionHigh: number | null;
	/** wins caught / all wins */
	recall: number | null;
	/** all leads (open ones included) at this stage or better, per calendar month of submission */
	leadsPerMonth: number | null;
}

export interface RecommendedThresholds {
	goal: ThresholdGoal;
	/** null when no threshold meets the goal; `reason` says why */
	mql: number | null;
	sql: number | null;
	met: boolean;
	reason: string;
	/** the figures at the recommended thresholds (on the data given) */
	atRecommended: ThresholdFigures | null;
}

export interface MissedWin {
	/** index of the row in the input */
	row: number;
	externalId: string | null;
	email: string | null;
	company: string | null;
	source: string;
	submittedAt: string | null;
	value: number | null;
	total: number;
	fit: number;
	engagement: number;
	grade: Grade;
	stage: Stage;
	reasons: ScoreReason[];
}

export interface RuleFigures {
	/** the rule id as it appears in receipts (`event:demo_request` for activities) */
	rule: string;
	description: string;
	points: number;
	/** closed leads where the rule gave points */
	firedWon: number;
	firedLost: number;
	/** share of won leads / lost leads where it fired */
	firedAmongWon: number | null;
	firedAmongLost: number | null;
	/** win rate when fired / win rate of all closed leads */
	lift: number | null;
	/** true when the points' sign agrees with the data (win rate fired vs not fired), null when too few leads to say (fewer than 5 fired or not fired) */
	signAgrees: boolean | null;
}

export type Dimension = 'source' | 'channel' | 'form' | 'utmSource' | 'utmMedium' | 'utmCampaign' | 'thankYouPage' | 'ad';

export interface GroupFigures {
	dimension: Dimension;
	/** the group's value; "(none)" when the lead has none, "(other)" for merged small groups */
	value: string;
	leads: number;
	mqls: number;
	sqls: number;
	closed: number;
	wins: number;
	winRate: number | null;
	winRateLow: number | null;
	winRateHigh: number | null;
	/** summed deal value of wins (null when no value travels with the leads) */
	wonValue: number | null;
	/** null when no cost travels with these leads */
	cost: number | null;
	costPerLead: number | null;
	costPerMql: number | null;
	costPerSql: number | null;
	costPerWin: number | null;
}

export interface BacktestReport {
	model: { name: string; version: string };
	scoreAt: ScoreAt;
	counts: {
		rows: number;
		won: number;
		lost: number;
		open: number;
		/** rows scored without a date (no submittedAt, receivedAt or closedAt): left out of leads per month */
		undated: number;
		/** activities dropped because they were dated after the scoring moment */
		droppedActivities: number;
		firstSubmittedAt: string | null;
		lastSubmittedAt: string | null;
		months: number;
	};
	/** closed leads: wins / (wins + losses) */
	baseRate: number | null;
	byStage: StageFigures[];
	byGrade: GradeFigures[];
	/** ROC AUC of the total score on closed leads (ties count one half); null with one class only */
	auc: number | null;
	roc: RocPoint[];
	deciles: DecileFigures[];
	/** score histogram by outcome: bins of equal width */
	distribution: Array<{ from: number; to: number; won: number; lost: number; open: number }>;
	thresholds: { mql: ThresholdFigures; sql: ThresholdFigures };
	recommended: RecommendedThresholds | null;
	missedWins: MissedWin[];
	missedWinsTotal: number;
	rules: RuleFigures[];
	groups: GroupFigures[];
	/** the likelihood, where the model has a calibration: predicted vs observed per bin */
	calibration: Array<{ from: number; to: number; leads: number; predicted: number; observed: number }> | null;
}

/** Optional candidate features beside the base model's rules and activities. */
export interface CandidateFeatures {
	/** answers by label: each frequent (label, value) pair becomes an `answers.<label> equals value` rule; true = every label */
	answers?: boolean | string[];
	/** each frequent lead.source */
	source?: boolean;
	/** each frequent utm.source / utm.medium / utm.campaign */
	utm?: boolean;
	/** each frequent countryCode */
	country?: boolean;
	/** each frequent word of job titles (folded), as `jobTitle contains word` */
	jobTitleKeywords?: boolean;
	/** a candidate must hold for at least this many leads of the training part; default max(20, 1 %) */
	minSupport?: number;
	/** at most this many candidates of each kind, the most frequent first; default 50 */
	maxPerKind?: number;
}

export interface LearnOptions {
	/** L2 penalty: the loss is Σ log-loss + (1 / (2 C)) ‖w‖² (scikit-learn's C; intercept not penalised); default 1 */
	C?: number;
	/** share of the newest leads kept for validation; default 0.3 */
	validationShare?: number;
	candidates?: CandidateFeatures;
	/** thresholds are chosen on the validation part for this goal; default winRecall 0.8 (MQL) and sqlPrecision at twice the base rate */
	goal?: ThresholdGoal | null;
	scoreAt?: ScoreAt;
	hygiene?: HygieneOptions;
	/** points per doubling of the odds; default 10 */
	pointsToDoubleOdds?: number;
	/** name and version of the learned model; default "<base name> (learned)", date of the newest lead */
	name?: string;
	version?: string;
	/** fewer wins or losses refuse to learn; default 30 each */
	minimumPerClass?: number;
}

/** A score → probability map Lead Score applies as `score.likelihood`: the model's `calibration` field (lib/scoring/model.ts). */
export type CalibrationJson = Calibration;

export interface Coefficient {
	/** the rule id in the learned model (`event:<type>` for activities) */
	rule: string;
	description: string;
	kind: 'rule' | 'activity' | 'candidate';
	/** the logistic-regression weight on the feature as scaled for fitting (per unit of feature) */
	weight: number;
	/** whole points in the learned model (per match, per decayed activity) */
	points: number;
	/** points in the base model, null for a candidate */
	basePoints: number | null;
	/** training leads where the feature is non-zero */
	support: number;
	/** exp(weight): how the odds of winning change per unit */
	oddsRatio: number;
}

export interface LearnResult {
	/** Model JSON that Lead Score accepts as it is (with its calibration) */
	model: ScoringModelInput;
	calibration: CalibrationJson;
	validation: {
		aucLearned: number;
		aucBase: number;
		/** log-loss of the calibrated likelihood on the validation part */
		logLossLearned: number;
		trainLeads: number;
		trainWins: number;
		validationLeads: number;
		validationWins: number;
		/** submittedAt of the first validation lead: train is older, validation newer */
		splitAt: string;
		thresholds: { mql: ThresholdFigures; sql: ThresholdFigures };
	};
	/** false when the learned model validates no better than the base model */
	recommended: boolean;
	explanation: string;
	coefficients: Coefficient[];
	intercept: number;
	fit: { iterations: number; converged: boolean; features: number; milliseconds: number };
	/** leads left out: open, undated */
	skipped: { open: number; undated: number };
}

/** Why a learner or a backtest cannot run on the data given; the node turns it into a NodeOperationError. */
export class InsightsDataError extends Error {
	constructor(
		message: string,
		/** what is missing, for the node's description: 'wins' | 'losses' | 'dates' | 'rows' */
		readonly missing: 'wins' | 'losses' | 'dates' | 'rows' | 'outcome',
	) {
		super(message);
		this.name = 'InsightsDataError';
	}
}

/** The learned or checked model as the functions take it: parsed (parseModel) or as written. */
export type ModelLike = ScoringModelInput;
