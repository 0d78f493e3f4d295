/**
 * Runs a workflow JSON in-process through n8n-core's real WorkflowExecute, with our nodes
 * (from source) and n8n's own base nodes (from the pinned runtime).
 */
import path from 'path';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Workflow, type IDataObject, type IConnections, type INode, type INodeExecutionData, type INodeType, type INodeTypes, type IRun, type IVersionedNodeType, type IWorkflowExecuteAdditionalData, type WorkflowExecuteMode } from 'n8n-workflow';
import { runtimeDir } from './runtime';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { additionalDataFor } = require('../../scripts/lib/inProcessAdditionalData.js') as { additionalDataFor: (hooks: unknown, executionId: string, where?: string, credentialsByType?: Record<string, Record<string, unknown>>) => object };

type NodeClass = new () => INodeType | IVersionedNodeType;

const BASE_NODES: Record<string, string> = {
	manualTrigger: 'ManualTrigger/ManualTrigger.node.js',
	set: 'Set/Set.node.js',
	switch: 'Switch/Switch.node.js',
	if: 'If/If.node.js',
	noOp: 'NoOp/NoOp.node.js',
	merge: 'Merge/Merge.node.js',
};

function loadOwnNodes(): Record<string, NodeClass> {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const own: Record<string, NodeClass> = {};
	const candidates: Array<[string, string, string]> = [
		['leadScore', '../../nodes/LeadScore/LeadScore.node', 'LeadScore'],
		['leadRouter', '../../nodes/LeadRouter/LeadRouter.node', 'LeadRouter'],
		['leadIntakeTrigger', '../../nodes/LeadIntakeTrigger/LeadIntakeTrigger.node', 'LeadIntakeTrigger'],
		['leadRecovery', '../../nodes/LeadRecovery/LeadRecovery.node', 'LeadRecovery'],
	];
	for (const [name, file, exported] of candidates) {
		try {
			own[name] = require(file)[exported];
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
		}
	}
	return own;
}

export class TestNodeTypes implements INodeTypes {
	private readonly own = loadOwnNodes();
	private readonly cache = new Map<string, INodeType | IVersionedNodeType>();

	private resolve(type: string): INodeType | IVersionedNodeType {
		const cached = this.cache.get(type);
		if (cached) return cached;
		const [pkg, name] = type.split(/\.(?=[^.]+$)/);
		let instance: INodeType | IVersionedNodeType;
		if (pkg === 'n8n-nodes-lead-qualification' || pkg === 'CUSTOM') {
			const NodeType = this.own[name];
			if (!NodeType) throw new Error(`Our package has no node "${name}"`);
			instance = new NodeType();
		} else if (pkg === 'n8n-nodes-base' && BASE_NODES[name]) {
			const file = path.join(runtimeDir(), 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', BASE_NODES[name]);
			const exports = require(file) as Record<string, NodeClass>;
			instance = new (Object.values(exports)[0])();
		} else {
			throw new Error(`Node type "${type}" is not available to in-process tests`);
		}
		this.cache.set(type, instance);
		return instance;
	}

	getByName(type: string) {
		return this.resolve(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		const node = this.resolve(type);
		return 'nodeVersions' in node ? (node.getNodeType(version) as INodeType) : node;
	}

	getKnownTypes() {
		return {};
	}
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	staticData?: Record<string, unknown>;
	/** output of a node fixed in advance, as in the editor's "pin data" */
	pinData?: Record<string, INodeExecutionData[]>;
}

export interface WorkflowRun {
	run: IRun;
	/** output items of a node, per output index */
	outputOf(nodeName: string): INodeExecutionData[][];
	errorOf(nodeName: string): string | undefined;
}

const nodeTypes = new TestNodeTypes();

/**
 * `credentials`: decrypted credential data by credential type, for nodes that need one; `mode`:
 * 'manual' is a test run from the editor, 'trigger' (or 'webhook') a production execution
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	staticData: Record<string, unknown> = {},
	credentials: Record<string, Record<string, unknown>> = {},
	mode: WorkflowExecuteMode = 'manual',
): Promise<WorkflowRun> {
	const workflow = new Workflow({
		id: 'test-workflow',
		name: workflowJson.name ?? 'test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes,
		staticData: staticData as IDataObject,
	});
	const executionId = `test-${Math.random().toString(36).slice(2)}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, { id: 'test-workflow', name: 'test', nodes: workflowJson.nodes, connections: workflowJson.connections, active: false, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false, activeVersionId: null } as never);
	const additionalData = additionalDataFor(hooks, executionId, 'in-process workflow tests', credentials) as unknown as IWorkflowExecuteAdditionalData;
	const run = await new WorkflowExecute(additionalData, mode).run({ workflow, pinData: workflowJson.pinData });
	const runData = run.data.resultData.runData;
	return {
		run,
		outputOf: (nodeName) => (runData[nodeName]?.[0]?.data?.main ?? []).map((items) => items ?? []),
		errorOf: (nodeName) => runData[nodeName]?.[0]?.error?.message ?? (run.data.resultData.error?.message),
	};
}

/** A Manual Trigger → Set (JSON items) → node-under-test workflow. */
export function itemsThrough(node: Partial<INode> & { type: string; parameters: INode['parameters'] }, items: unknown[], extra: Partial<INode> = {}): WorkflowJson {
	const nodeName = node.name ?? 'Under Test';
	return {
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Items', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
			{ id: '3', typeVersion: 1, position: [400, 0], ...node, ...extra, name: nodeName } as INode,
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		},
		pinData: { Items: items.map((json) => ({ json: json as INodeExecutionData['json'] })) },
	};
}
