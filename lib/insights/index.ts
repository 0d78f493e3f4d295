export * from './types';
export { backtest } from './backtest';
export { learnModel } from './learn';
export { parseOutcome, OUTCOME_NAMES_HELP } from './outcome';
export { DIMENSIONS } from './backtest';
export { simulateLeads, seededRandom, trueEffects, type SimulatorOptions, type SimulatedPopulation, type TrueEffect } from './simulator';
