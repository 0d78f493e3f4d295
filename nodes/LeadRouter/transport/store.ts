import type { IExecuteFunctions } from 'n8n-workflow';
import { MemoryStore, createRedisStore, redisKeyPrefix, type RedisCredentials, type RoutingStore } from '../../../lib/routing';
import type { StoreScope } from '../config';

export type StoreKind = 'memory' | 'redis';

/**
 * The memory store lives in this n8n process and is persisted in the node's workflow static data;
 * the Redis store uses n8n's own `redis` credential, so queue-mode workers share one state.
 */
export async function openStore(context: IExecuteFunctions, kind: StoreKind, scope: StoreScope): Promise<RoutingStore> {
	if (kind === 'redis') {
		const credentials = (await context.getCredentials('leadRouterRedisApi')) as RedisCredentials;
		return await createRedisStore(credentials, {
			keyPrefix: redisKeyPrefix({ prefix: scope.prefix, workflowId: scope.workflowId, nodeName: scope.nodeName }),
		});
	}
	return MemoryStore.shared(scope.namespace, context.getWorkflowStaticData('node'));
}
