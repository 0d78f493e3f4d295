import { z } from 'zod';
import { HYGIENE_FLAGS } from './hygiene';
import { regexRuleProblem } from './regex';

export { STAGES, type Stage } from './stages';
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const OPERATORS = [
	'equals',
	'notEquals',
	'contains',
	'notContains',
	'inList',
	'notInList',
	'domainInList',
	'greaterThan',
	'lessThan',
	'exists',
	'notExists',
	'regex',
	'hasFlag',
] as const;
export type Operator = (typeof OPERATORS)[number];

export { MAX_REGEX_LENGTH } from './regex';

const points = z.number({ invalid_type_error: 'must be a number of points' }).finite().min(-10000).max(10000);
const nonNegative = z.number().finite().min(0).max(1000000);
/** the model's caps become reasons in the receipt, and receipts carry whole points */
const wholeCap = z.number().int('must be a whole number of points').min(0).max(1000000);

const ruleSchema = z
	.object({
		id: z.string().trim().min(1, 'a rule needs an id').max(100),
		description: z.string().max(500).optional(),
		category: z.enum(['fit', 'engagement']),
		field: z.string().trim().max(200).default(''),
		operator: z.enum(OPERATORS),
		value: z.union([z.string().max(5000), z.number().finite(), z.boolean(), z.array(z.union([z.string().max(500), z.number()])).max(5000)]).optional(),
		points: points.default(0),
		cap: nonNegative.optional(),
		disqualify: z.boolean().optional(),
	})
	.strict()
	.superRefine((rule, ctx) => {
		const needsValue = !['exists', 'notExists'].includes(rule.operator);
		if (needsValue && (rule.value === undefined || rule.value === '' || (Array.isArray(rule.value) && rule.value.length === 0))) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: `operator "${rule.operator}" needs a value` });
		}
		if (rule.operator !== 'hasFlag' && !rule.field) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['field'], message: 'a rule needs the lead field it tests' });
		}
		if (rule.operator === 'hasFlag' && typeof rule.value === 'string' && !(HYGIENE_FLAGS as readonly string[]).includes(rule.value)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: `unknown flag "${rule.value}"; use one of ${HYGIENE_FLAGS.join(', ')}` });
		}
		if (rule.operator === 'regex') {
			// refused here, with the rule's id, so that no lead is scored with a model the engine cannot run
			const problem = regexRuleProblem(String(rule.value ?? ''));
			if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: `rule "${rule.id}": ${problem}` });
		}
	});

const eventRuleSchema = z
	.object({
		points,
		cap: nonNegative.optional(),
	})
	.strict();

const probability = z.number().finite().min(0).max(1);
const calibrationMeta = { leads: z.number().int().min(0).optional(), wins: z.number().int().min(0).optional() };

/**
 * How a total score becomes the chance that the lead converts (Lead Score's score.likelihood),
 * learned from closed leads by Lead Insights. "logistic": 1 / (1 + e^-(intercept + slope × total)).
 * "table": straight lines between the points, flat beyond the first and the last.
 */
export const calibrationSchema = z.discriminatedUnion('method', [
	z
		.object({ method: z.literal('logistic'), intercept: z.number().finite().min(-1000).max(1000), slope: z.number().finite().min(-1000).max(1000), ...calibrationMeta })
		.strict(),
	z
		.object({
			method: z.literal('table'),
			points: z
				.array(z.object({ score: z.number().finite(), probability }).strict())
				.min(1, 'a calibration table needs at least one point')
				.max(1000)
				.refine((points) => points.every((point, index) => index === 0 || point.score > points[index - 1].score), { message: 'calibration points must be sorted by score, each score once' })
				.refine((points) => points.every((point, index) => index === 0 || point.probability >= points[index - 1].probability), { message: 'calibration probabilities must not fall as the score rises' }),
			...calibrationMeta,
		})
		.strict(),
]);
export type Calibration = z.output<typeof calibrationSchema>;

export const modelSchema = z
	.object({
		name: z.string().trim().min(1).max(100),
		version: z.union([z.string().trim().min(1).max(50), z.number()]).transform(String),
		description: z.string().max(2000).optional(),
		thresholds: z
			.object({
				mql: z.number().finite(),
				sql: z.number().finite(),
				sqlMinimumGrade: z.enum(GRADES).default('D'),
			})
			.strict()
			.refine((t) => t.sql >= t.mql, { message: 'the SQL threshold must be at least the MQL threshold', path: ['sql'] }),
		grades: z
			.object({ A: z.number().finite(), B: z.number().finite(), C: z.number().finite() })
			.strict()
			.refine((g) => g.A >= g.B && g.B >= g.C, { message: 'grade minimums must fall from A to C', path: ['B'] })
			.default({ A: 40, B: 25, C: 10 }),
		caps: z
			.object({ fit: wholeCap.nullable().default(null), engagement: wholeCap.nullable().default(null), total: wholeCap.nullable().default(null) })
			.strict()
			.default({}),
		rules: z.array(ruleSchema).max(5000).default([]),
		events: z.record(z.string().min(1).max(100), eventRuleSchema).default({}),
		decay: z
			.object({ halfLifeDays: z.number().finite().positive().nullable().default(null) })
			.strict()
			.default({}),
		handRaisers: z.array(z.string().min(1).max(100)).max(100).default([]),
		handRaiserWindowDays: z.number().finite().positive().nullable().default(90),
		disqualifyOn: z.array(z.enum(HYGIENE_FLAGS)).default([]),
		calibration: calibrationSchema.optional(),
	})
	.strict()
	.superRefine((model, ctx) => {
		const seen = new Set<string>();
		model.rules.forEach((rule, index) => {
			if (seen.has(rule.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rules', index, 'id'], message: `duplicate rule id "${rule.id}"` });
			seen.add(rule.id);
		});
	});

export type ScoringModel = z.output<typeof modelSchema>;
export type ScoringModelInput = z.input<typeof modelSchema>;
export type ScoringRule = ScoringModel['rules'][number];

export class ModelValidationError extends Error {
	constructor(
		message: string,
		readonly path: string,
	) {
		super(message);
		this.name = 'ModelValidationError';
	}
}

/** `rules[2].value` style path, the way a marketer would find the field in the JSON. */
export function formatPath(path: Array<string | number>): string {
	return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

/** Validates a whole model; a model that fails is never partly applied. */
export function parseModel(input: unknown): ScoringModel {
	let value = input;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch (error) {
			throw new ModelValidationError(`Model JSON is not valid JSON: ${(error as Error).message}`, '');
		}
	}
	const result = modelSchema.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		const path = formatPath(issue.path);
		throw new ModelValidationError(`Invalid scoring model at "${path || '(root)'}": ${issue.message}`, path);
	}
	return result.data;
}
