// Jest reporter: at the end of a run, each test file's wall time (slowest first) and the total, so CI
// shows where its minutes go. Plain CommonJS: jest loads reporters without a transform.
const path = require('path');

class SuiteTimesReporter {
	constructor(globalConfig) {
		this.rootDir = globalConfig.rootDir;
		this.startedAt = Date.now();
	}

	onRunStart() {
		this.startedAt = Date.now();
	}

	onRunComplete(_contexts, results) {
		const suites = results.testResults
			.map((suite) => ({
				file: path.relative(this.rootDir, suite.testFilePath),
				seconds: (suite.perfStats.end - suite.perfStats.start) / 1000,
				failed: suite.numFailingTests > 0 || Boolean(suite.testExecError),
			}))
			.sort((a, b) => b.seconds - a.seconds);
		if (suites.length === 0) return;
		const width = Math.max(...suites.map((suite) => suite.file.length));
		const lines = suites.map((suite) => `  ${suite.file.padEnd(width)}  ${suite.seconds.toFixed(1).padStart(7)} s${suite.failed ? '  (failed)' : ''}`);
		const summed = suites.reduce((sum, suite) => sum + suite.seconds, 0);
		const wall = (Date.now() - this.startedAt) / 1000;
		process.stderr.write(`\nTime per test file (slowest first):\n${lines.join('\n')}\n  ${'sum of files'.padEnd(width)}  ${summed.toFixed(1).padStart(7)} s\n  ${'jest wall time'.padEnd(width)}  ${wall.toFixed(1).padStart(7)} s\n`);
	}
}

module.exports = SuiteTimesReporter;
