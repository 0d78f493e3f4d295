import type { LearnOptions, LearnResult, ModelLike, OutcomeRow } from './types';

/** Learns a model from closed rows: L2 logistic regression over the base model's features; see docs/lead-insights.md. */
export function learnModel(rows: OutcomeRow[], baseModel: ModelLike, options: LearnOptions = {}): LearnResult {
	void rows;
	void baseModel;
	void options;
	throw new Error('learnModel: not implemented yet');
}
