// Runs a workflow in this process through n8n-core's real WorkflowExecute (the approach of
// test/helpers/workflowRunner.ts), with the pinned n8n's own copies of n8n-core, n8n-workflow
// and n8n-nodes-base, and our built nodes from dist/.
const Module = require('module');
const path = require('path');
const { root, runtimeDir } = require('../lib/runtime.js');
const { additionalDataFor } = require('../lib/inProcessAdditionalData.js');

const runtimeModules = path.join(runtimeDir, 'node_modules');
const ownDist = path.join(root, 'dist') + path.sep;

// Installed in n8n, our package resolves n8n-workflow and zod from n8n itself (the package
// has no runtime dependencies). dist/ would otherwise pick up the dev copies in the project's
// node_modules: a second n8n-workflow breaks `instanceof` checks between n8n-core and our
// node's errors, and would not be the code n8n actually runs.
const HOST_PACKAGES = new Set(['n8n-workflow', 'zod', 'ioredis']);
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveLikeInstalled(request, parent, isMain, options) {
	if (HOST_PACKAGES.has(request.split('/')[0]) && parent && parent.filename && parent.filename.startsWith(ownDist)) {
		return originalResolve.call(this, request, parent, isMain, { paths: [runtimeDir] });
	}
	return originalResolve.call(this, request, parent, isMain, options);
};

const requireFromRuntime = Module.createRequire(path.join(runtimeModules, 'n8n', 'package.json'));
const { WorkflowExecute, ExecutionLifecycleHooks } = requireFromRuntime('n8n-core');
const { Workflow } = requireFromRuntime('n8n-workflow');

const OWN_NODES = {
	leadScore: () => require(path.join(root, 'dist', 'nodes', 'LeadScore', 'LeadScore.node.js')).LeadScore,
};
const BASE_NODES = {
	manualTrigger: 'ManualTrigger/ManualTrigger.node.js',
	noOp: 'NoOp/NoOp.node.js',
};

class BenchNodeTypes {
	constructor() {
		this.cache = new Map();
	}

	resolve(type) {
		const cached = this.cache.get(type);
		if (cached) return cached;
		const [pkg, name] = type.split(/\.(?=[^.]+$)/);
		let instance;
		if (pkg === 'n8n-nodes-lead-qualification' && OWN_NODES[name]) {
			instance = new (OWN_NODES[name]())();
		} else if (pkg === 'n8n-nodes-base' && BASE_NODES[name]) {
			const exported = require(path.join(runtimeModules, 'n8n-nodes-base', 'dist', 'nodes', BASE_NODES[name]));
			instance = new (Object.values(exported)[0])();
		} else {
			throw new Error(`Node type "${type}" is not loaded by the in-process benchmark`);
		}
		this.cache.set(type, instance);
		return instance;
	}

	getByName(type) {
		return this.resolve(type);
	}

	getByNameAndVersion(type, version) {
		const node = this.resolve(type);
		return 'nodeVersions' in node ? node.getNodeType(version) : node;
	}

	getKnownTypes() {
		return {};
	}
}

const nodeTypes = new BenchNodeTypes();

let executionCounter = 0;

/**
 * Manual Trigger → "Leads" (a NoOp whose output is pinned to `items`, as in the editor) →
 * the node under test. Returns n8n's own executionTime for that node and its output items.
 */
async function runItemsThroughNode(node, items) {
	const nodes = [
		{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: '2', name: 'Leads', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
		{ id: '3', typeVersion: 1, position: [400, 0], ...node },
	];
	const connections = {
		Start: { main: [[{ node: 'Leads', type: 'main', index: 0 }]] },
		Leads: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
	};
	const workflow = new Workflow({ id: 'bench-workflow', name: 'bench', nodes, connections, active: false, nodeTypes, staticData: {} });
	const executionId = `bench-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, { id: 'bench-workflow', name: 'bench', nodes, connections, active: false, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false, activeVersionId: null });
	const run = await new WorkflowExecute(additionalDataFor(hooks, executionId, 'the in-process benchmark'), 'manual').run({ workflow, pinData: { Leads: items } });
	const resultData = run.data.resultData;
	const task = resultData.runData[node.name] && resultData.runData[node.name][0];
	if (!task || task.error || resultData.error) throw new Error(`"${node.name}" failed in-process: ${(task && task.error && task.error.message) || (resultData.error && resultData.error.message)}`);
	return { executionTimeMs: task.executionTime, output: task.data.main[0] };
}

module.exports = { runItemsThroughNode };
