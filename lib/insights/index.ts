export * from './types';
export { backtest } from './backtest';
export { learnModel } from './learn';
export { parseOutcome } from './outcome';
export { simulateLeads, type SimulatorOptions, type SimulatedPopulation, type TrueEffect } from './simulator';
