import type { BacktestOptions, BacktestReport, ModelLike, OutcomeRow } from './types';

/** Scores every row as of its submission (see ScoreAt) with `model` and measures it against the outcomes. */
export function backtest(rows: OutcomeRow[], model: ModelLike, options: BacktestOptions = {}): BacktestReport {
	void rows;
	void model;
	void options;
	throw new Error('backtest: not implemented yet');
}
