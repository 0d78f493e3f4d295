/**
 * The learner's features, each one a rule Lead Score can run: the base model's rules (how many
 * times each matched, up to its cap), its activities (decayed count, up to its cap, as the engine
 * counts them) and the candidates a user picks (answers, source, UTM, country, job-title words).
 *
 * Features are read by the engine itself, through a probe model in which every rule and activity
 * is worth PROBE points: a learned model then scores exactly what was learned.
 */
import { foldKey, foldWords } from '../text/fold';
import { labelKey } from '../lead/fields';
import { compileModel } from '../scoring/engine';
import type { HygieneOptions } from '../scoring/hygiene';
import type { ScoringModel, ScoringModelInput, ScoringRule } from '../scoring/model';
import { parseModel } from '../scoring/model';
import { scoreRowAsOf } from './asOf';
import type { SparseRows } from './logistic';
import type { CandidateFeatures, OutcomeRow, ScoreAt } from './types';

/** Points of every probe rule: the engine rounds points to whole ones, so a feature keeps three decimals. */
const PROBE = 1000;

export interface Feature {
	/** the rule id in the learned model (`event:<type>` for activities) */
	id: string;
	kind: 'rule' | 'activity' | 'candidate';
	description: string;
	/** a rule (base or candidate) as the learned model will carry it, points to be set */
	rule: ScoringRule | null;
	/** for activities: the event type */
	eventType: string | null;
	/** the feature's largest value: a base cap in matches or activities (cap ÷ points), null without */
	capCount: number | null;
	basePoints: number | null;
}

export interface FeatureMatrix {
	features: Feature[];
	matrix: SparseRows;
	/** scoring moment of each row (ms), NaN when undated */
	times: Float64Array;
	dropped: number;
}

const idPart = (text: string) => foldKey(text).slice(0, 40) || 'x';

function countBy<T>(items: Iterable<T>): Map<T, number> {
	const counts = new Map<T, number>();
	for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
	return counts;
}

function frequent(counts: Map<string, number>, minSupport: number, maxCount: number): string[] {
	return [...counts.entries()]
		.filter(([, count]) => count >= minSupport)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		.slice(0, maxCount)
		.map(([value]) => value);
}

/** Candidate rules found in `rows` (the training part), most frequent first, each at least minSupport leads. */
export function candidateRules(rows: OutcomeRow[], candidates: CandidateFeatures, taken: Set<string>): ScoringRule[] {
	const minSupport = candidates.minSupport ?? Math.max(20, Math.ceil(rows.length * 0.01));
	const maxPerKind = candidates.maxPerKind ?? 50;
	const rules: ScoringRule[] = [];
	const add = (id: string, description: string, category: 'fit' | 'engagement', field: string, operator: ScoringRule['operator'], value: string) => {
		const unique = id.slice(0, 100);
		if (taken.has(unique)) return;
		taken.add(unique);
		rules.push({ id: unique, description, category, field, operator, value, points: 0 });
	};
	const textKinds: Array<{ on: boolean | undefined; prefix: string; label: string; category: 'fit' | 'engagement'; field: string; read: (row: OutcomeRow) => string | null }> = [
		{ on: candidates.source, prefix: 'source', label: 'Source', category: 'engagement', field: 'source', read: (row) => row.lead.source || null },
		{ on: candidates.utm, prefix: 'utm_source', label: 'UTM source', category: 'engagement', field: 'utm.source', read: (row) => row.lead.utm.source },
		{ on: candidates.utm, prefix: 'utm_medium', label: 'UTM medium', category: 'engagement', field: 'utm.medium', read: (row) => row.lead.utm.medium },
		{ on: candidates.utm, prefix: 'utm_campaign', label: 'UTM campaign', category: 'engagement', field: 'utm.campaign', read: (row) => row.lead.utm.campaign },
		{ on: candidates.country, prefix: 'country', label: 'Country', category: 'fit', field: 'countryCode', read: (row) => row.lead.countryCode },
	];
	for (const kind of textKinds) {
		if (!kind.on) continue;
		// values that fold alike are one value, as the rule compares them
		const shown = new Map<string, string>();
		const counts = countBy(
			rows.map((row) => {
				const value = kind.read(row);
				if (!value || !foldKey(value)) return null;
				const key = foldKey(value);
				if (!shown.has(key)) shown.set(key, value);
				return key;
			}).filter((key): key is string => key !== null),
		);
		for (const key of frequent(counts, minSupport, maxPerKind)) add(`${kind.prefix}_${idPart(key)}`, `${kind.label}: ${shown.get(key)}`, kind.category, kind.field, 'equals', shown.get(key)!);
	}
	if (candidates.answers) {
		const wanted = Array.isArray(candidates.answers) ? new Set(candidates.answers.map((label) => labelKey(label))) : null;
		// label key → value key → [leads, label as written, value as written, last lead counted]
		const counts = new Map<string, Map<string, [number, string, string, number]>>();
		rows.forEach((row, rowNumber) => {
			const answers = row.lead.answers;
			for (const label in answers) {
				if (!Object.prototype.hasOwnProperty.call(answers, label)) continue;
				const raw = answers[label];
				if (typeof raw !== 'string' && typeof raw !== 'boolean' && !Array.isArray(raw)) continue;
				const key = labelKey(label);
				if (!key || (wanted && !wanted.has(key))) continue;
				let byValue = counts.get(key);
				if (!byValue) counts.set(key, (byValue = new Map()));
				for (const value of Array.isArray(raw) ? raw : [String(raw)]) {
					if (value.length > 100) continue;
					const valueKey = foldKey(value);
					if (!valueKey) continue;
					const entry = byValue.get(valueKey);
					// a lead counts once per (label, value), however many of its labels fold alike
					if (!entry) byValue.set(valueKey, [1, label, value, rowNumber]);
					else if (entry[3] !== rowNumber) {
						entry[0]++;
						entry[3] = rowNumber;
					}
				}
			}
		});
		const all: Array<[number, string, string, string]> = [];
		for (const [key, byValue] of counts) for (const [valueKey, [count, label, value]] of byValue) if (count >= minSupport) all.push([count, `${key}\u0000${valueKey}`, label, value]);
		all.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
		for (const [, , label, value] of all.slice(0, maxPerKind)) add(`answer_${idPart(label)}_${idPart(value)}`, `${label}: ${value}`, 'fit', `answers.${label}`, 'equals', value);
	}
	if (candidates.jobTitleKeywords) {
		const words: string[] = [];
		for (const row of rows) {
			if (!row.lead.jobTitle) continue;
			for (const word of new Set(foldWords(row.lead.jobTitle).split(' '))) if (word.length >= 2) words.push(word);
		}
		for (const word of frequent(countBy(words), minSupport, maxPerKind)) add(`title_${idPart(word)}`, `Job title contains “${word}”`, 'fit', 'jobTitle', 'contains', word);
	}
	return rules;
}

/** The features of a base model plus candidates, in a fixed order: rules, activities, candidates. */
export function featuresOf(base: ScoringModel, candidates: ScoringRule[]): Feature[] {
	const features: Feature[] = [];
	for (const rule of base.rules) {
		const capCount = rule.cap !== undefined && rule.points !== 0 ? rule.cap / Math.abs(rule.points) : null;
		features.push({ id: rule.id, kind: 'rule', description: rule.description ?? rule.id, rule, eventType: null, capCount, basePoints: rule.points });
	}
	for (const [type, eventRule] of Object.entries(base.events)) {
		const capCount = eventRule.cap !== undefined && eventRule.points !== 0 ? eventRule.cap / Math.abs(eventRule.points) : null;
		features.push({ id: `event:${type}`, kind: 'activity', description: type, rule: null, eventType: type, capCount, basePoints: eventRule.points });
	}
	for (const rule of candidates) features.push({ id: rule.id, kind: 'candidate', description: rule.description ?? rule.id, rule, eventType: null, capCount: null, basePoints: null });
	return features;
}

/** The model whose receipts are the features: every rule and activity worth PROBE points, caps in matches kept. */
function probeModel(base: ScoringModel, features: Feature[]): ScoringModel {
	const rules: ScoringRule[] = [];
	const events: ScoringModelInput['events'] = {};
	for (const feature of features) {
		const cap = feature.capCount === null ? undefined : Math.round(feature.capCount * PROBE * 1000) / 1000;
		if (feature.rule) rules.push({ ...feature.rule, category: 'fit', points: PROBE, cap, disqualify: undefined });
		else events[feature.eventType!] = { points: PROBE, ...(cap !== undefined ? { cap } : {}) };
	}
	return parseModel({
		name: 'features',
		version: '1',
		thresholds: { mql: 0, sql: 0 },
		rules,
		events,
		decay: { halfLifeDays: base.decay.halfLifeDays },
		handRaisers: [],
		handRaiserWindowDays: base.handRaiserWindowDays,
	});
}

export function buildFeatureMatrix(rows: OutcomeRow[], base: ScoringModel, features: Feature[], scoreAt: ScoreAt, hygiene: HygieneOptions | undefined): FeatureMatrix {
	const compiled = compileModel(probeModel(base, features));
	const column = new Map(features.map((feature, index) => [feature.id, index]));
	const rowStart = new Int32Array(rows.length + 1);
	let colIndex = new Int32Array(rows.length * 8 + 16);
	let values = new Float64Array(rows.length * 8 + 16);
	const times = new Float64Array(rows.length);
	let nonZeros = 0;
	let dropped = 0;
	// this lead's (feature, value) pairs, sorted by feature: typed scratch, no per-lead arrays
	let pairFeature = new Int32Array(features.length);
	let pairValue = new Float64Array(features.length);
	for (let index = 0; index < rows.length; index++) {
		const scored = scoreRowAsOf(compiled, rows[index], scoreAt, hygiene);
		times[index] = scored.time ?? NaN;
		dropped += scored.dropped;
		let count = 0;
		for (const reason of scored.score.reasons) {
			const feature = column.get(reason.rule);
			if (feature === undefined || reason.points === 0) continue;
			if (count === pairFeature.length) {
				pairFeature = Int32Array.from({ length: count * 2 }, (_, k) => pairFeature[k] ?? 0);
				pairValue = Float64Array.from({ length: count * 2 }, (_, k) => pairValue[k] ?? 0);
			}
			// insertion sort: a handful of features per lead, mostly in order already
			let at = count++;
			while (at > 0 && pairFeature[at - 1] > feature) {
				pairFeature[at] = pairFeature[at - 1];
				pairValue[at] = pairValue[at - 1];
				at--;
			}
			pairFeature[at] = feature;
			pairValue[at] = reason.points / PROBE;
		}
		if (nonZeros + count > colIndex.length) {
			const grown = Math.max(colIndex.length * 2, nonZeros + count);
			const nextIndex = new Int32Array(grown);
			nextIndex.set(colIndex);
			colIndex = nextIndex;
			const nextValues = new Float64Array(grown);
			nextValues.set(values);
			values = nextValues;
		}
		colIndex.set(pairFeature.subarray(0, count), nonZeros);
		values.set(pairValue.subarray(0, count), nonZeros);
		nonZeros += count;
		rowStart[index + 1] = nonZeros;
	}
	return { features, matrix: { rows: rows.length, columns: features.length, rowStart, colIndex: colIndex.slice(0, nonZeros), values: values.slice(0, nonZeros) }, times, dropped };
}
