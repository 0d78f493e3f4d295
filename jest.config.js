const path = require('path');
const { n8nVersion } = require('./package.json').config;

const runtimeDir = process.env.N8N_RUNTIME_DIR || path.join(__dirname, '.cache', `n8n-${n8nVersion}`);
const tsJest = ["ts-jest", { tsconfig: "tsconfig.test.json" }];

module.exports = {
	// each test file's time at the end of the run, slowest first
	reporters: ['default', '<rootDir>/test/helpers/suiteTimes.js'],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
		},
		{
			// our nodes run inside n8n's own engine, so they must share its n8n-workflow
			// (instanceof checks on NodeOperationError decide how errors are handled)
			displayName: 'n8n',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/workflow/**/*.test.ts', '<rootDir>/test/e2e/**/*.test.ts'],
			moduleNameMapper: {
				'^n8n-workflow$': path.join(runtimeDir, 'node_modules', 'n8n-workflow'),
				'^n8n-core$': path.join(runtimeDir, 'node_modules', 'n8n-core'),
			},
		},
		{
			// the n8n 1.x line (scripts/ensure-n8n-1x.sh), driven over HTTP and its CLI only
			displayName: 'n8n-1x',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/smoke-1x/**/*.test.ts'],
		},
	],
};
