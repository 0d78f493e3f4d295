import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { createRedisStore, type RedisCredentials } from '../../lib/routing';

/** The Lead Router Redis credential's test, shared by every node that uses the credential. */
export async function leadRouterRedisTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	try {
		const store = await createRedisStore((credential.data ?? {}) as RedisCredentials, { keyPrefix: 'leadRouter:test:', connectTimeoutMs: 4000 });
		await store.getDailyCount('connection-test', '1970-01-01');
		await store.close();
		return { status: 'OK', message: 'Connected to Redis' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
