import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const n8nRules = (configName) => n8nNodesBase.configs[configName].rules;

export default [
	{ ignores: ['dist/**', 'lib/data/generated/**', 'node_modules/**', '.cache/**', 'coverage/**', 'test/**', 'scripts/**', 'gulpfile.js', 'jest.config.js', 'eslint.config.mjs'] },
	{
		files: ['**/*.ts', 'package.json'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] } },
	},
	{ files: ['package.json'], plugins: { 'n8n-nodes-base': n8nNodesBase }, rules: n8nRules('community') },
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		// camel-cased documentation slugs only exist for nodes inside n8n's own repository
		rules: { ...n8nRules('credentials'), 'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off' },
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nRules('nodes'),
			// we publish outside n8n's own repository, so documentation URLs point to our README
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{ ...communityNodes.configs.recommended, files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'lib/**/*.ts', 'package.json'] },
	{
		// n8n-core and ioredis are n8n's own modules, not dependencies of this package. The community
		// plugin's no-restricted-imports lets them through only because they are devDependencies (for
		// tests); at runtime they exist only in a self-hosted n8n, and n8n Cloud refuses them. So every
		// runtime use is an exception made on purpose, with its reason and a clear error where missing.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'lib/**/*.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				...[
					"CallExpression[callee.name='require'][arguments.0.value=/^(n8n-core|ioredis)/]",
					'ImportExpression[source.value=/^(n8n-core|ioredis)/]',
					"ImportDeclaration[importKind='value'][source.value=/^(n8n-core|ioredis)/]",
				].map((selector) => ({
					selector,
					message: 'n8n-core and ioredis come from the host n8n, not from this package (n8n Cloud has neither): load them only as a documented exception that fails with a clear error where they are missing',
				})),
			],
		},
	},
	{
		// lib/ is pure logic with no n8n imports (reused by every node and by tests); nodes wrap its errors
		files: ['lib/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
];
