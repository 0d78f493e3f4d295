import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { markJournalDone, takeUnfinished } from '../../lib/intake/redisDeduplication';
import { connectRedis, type RedisCredentials } from '../../lib/routing';
import { leadRouterRedisTest } from '../shared/redisCredentialTest';
import { leadRecoveryProperties } from './description';

const REDIS_CREDENTIAL = 'leadRouterRedisApi';

function receiptOf(json: IDataObject): string | null {
	const meta = json.meta;
	const receipt = meta && typeof meta === 'object' && !Array.isArray(meta) ? (meta as IDataObject).receipt : undefined;
	return typeof receipt === 'string' && receipt.includes('|') ? receipt : null;
}

export class LeadRecovery implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Recovery',
		name: 'leadRecovery',
		icon: { light: 'file:leadRecovery.svg', dark: 'file:leadRecovery.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "getUnfinished" ? "Get unfinished leads" : "Mark leads as done" }}',
		description: 'Make sure no accepted lead is lost when an n8n worker crashes: mark leads done at the end of a workflow, and pick up the unfinished ones again',
		defaults: { name: 'Lead Recovery' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: REDIS_CREDENTIAL, required: true, testedBy: 'leadRouterRedisTest' }],
		usableAsTool: true,
		properties: leadRecoveryProperties,
	};

	methods = { credentialTest: { leadRouterRedisTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const credentials = (await this.getCredentials(REDIS_CREDENTIAL)) as RedisCredentials;
		let client: Awaited<ReturnType<typeof connectRedis>> | null = null;
		try {
			client = await connectRedis(credentials);
			if (operation === 'markDone') {
				const receipts = items.map((item) => receiptOf(item.json)).filter((receipt): receipt is string => receipt !== null);
				if (receipts.length > 0) await markJournalDone(client, receipts);
				return [items.map((item, index) => ({ json: item.json, ...(item.binary ? { binary: item.binary } : {}), pairedItem: { item: index } }))];
			}
			const leadWorkflowId = String(this.getNodeParameter('leadWorkflowId', 0, '') ?? '').trim();
			if (!leadWorkflowId) throw new NodeOperationError(this.getNode(), 'Lead Workflow ID is empty', { description: 'Enter the ID of the workflow whose Lead Intake Trigger keeps the leads (in its URL after /workflow/), or keep {{ $workflow.id }} when this node is in that workflow.' });
			const olderThanMinutes = this.getNodeParameter('olderThanMinutes', 0) as number;
			const limit = this.getNodeParameter('limit', 0) as number;
			if (!(olderThanMinutes > 0)) throw new NodeOperationError(this.getNode(), 'Unfinished After (Minutes) must be more than 0', { description: 'Choose a time longer than your slowest execution, including time waiting in the queue.' });
			const taken = await takeUnfinished(client, { workflowId: leadWorkflowId, olderThanMs: olderThanMinutes * 60_000, limit: Math.max(1, Math.floor(limit)) });
			return [
				taken.map((text) => {
					const json = JSON.parse(text) as IDataObject;
					json.meta = { ...((json.meta as IDataObject) ?? {}), recovered: true };
					return { json, pairedItem: { item: 0 } };
				}),
			];
		} catch (error) {
			const message = error instanceof NodeOperationError ? error.message : `Lead Recovery could not use Redis: ${(error as Error).message}`;
			if (this.continueOnFail()) return [items.map((item, index) => ({ json: { ...item.json, error: message }, pairedItem: { item: index } }))];
			throw new NodeOperationError(this.getNode(), message, { description: error instanceof NodeOperationError ? error.description ?? undefined : 'Check the Lead Router Redis credential and that Redis is running.' });
		} finally {
			if (client) await client.quit().catch(() => client?.disconnect());
		}
	}
}
