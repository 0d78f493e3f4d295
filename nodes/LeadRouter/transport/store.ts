import type { IExecuteFunctions } from 'n8n-workflow';
import {
	MemoryStore,
	PreviewStore,
	RedisStore,
	connectRedis,
	redisKeyPrefix,
	type ReadableRoutingStore,
	type RedisClientLike,
	type RedisCredentials,
	type RoutingStore,
} from '../../../lib/routing';
import type { StoreScope } from '../config';

export type StoreKind = 'memory' | 'redis';

/** The property of the node's static data that holds its own rotation (the name predates shared rotations). */
const OWN_STATE_KEY = 'leadRouter';

/**
 * The routing stores of one execution, one per rotation (scope): items whose Key Prefix or
 * Share Rotation setting differ go to different rotations. The memory store lives in this n8n
 * process and is persisted in the node's workflow static data; the Redis store uses one
 * connection for all of the execution's rotations, so queue-mode workers share one state.
 * In a test run (`preview`), every store only reads the live state and writes to a copy.
 */
export class RouterStores {
	private readonly context: IExecuteFunctions;
	readonly kind: StoreKind;
	private readonly preview: boolean;
	private readonly stores = new Map<string, RoutingStore>();
	private readonly live = new Map<string, ReadableRoutingStore>();
	private redis: Promise<RedisClientLike> | null = null;

	constructor(context: IExecuteFunctions, kind: StoreKind, options: { preview: boolean }) {
		this.context = context;
		this.kind = kind;
		this.preview = options.preview;
	}

	private async redisClient(): Promise<RedisClientLike> {
		this.redis ??= (async () => {
			const credentials = (await this.context.getCredentials('leadRouterRedisApi')) as RedisCredentials;
			return (await connectRedis(credentials)) as unknown as RedisClientLike;
		})();
		return await this.redis;
	}

	private id(scope: StoreScope): string {
		return this.kind === 'redis' ? redisKeyPrefix(scope) : scope.namespace;
	}

	/** the live state, read and written as is: test runs use forScope, which writes to a copy */
	async liveFor(scope: StoreScope): Promise<ReadableRoutingStore> {
		const id = this.id(scope);
		let live = this.live.get(id);
		if (live) return live;
		if (this.kind === 'redis') live = new RedisStore(await this.redisClient(), id);
		else {
			// the node's own rotation keeps its old place in static data; shared ones get one each
			const key = scope.shared ? `${OWN_STATE_KEY}:${scope.namespace}` : OWN_STATE_KEY;
			live = MemoryStore.shared(scope.namespace, this.context.getWorkflowStaticData('node'), key);
		}
		this.live.set(id, live);
		return live;
	}

	async forScope(scope: StoreScope): Promise<RoutingStore> {
		const id = this.id(scope);
		let store = this.stores.get(id);
		if (store) return store;
		const live = await this.liveFor(scope);
		store = this.preview ? new PreviewStore(live) : live;
		this.stores.set(id, store);
		return store;
	}

	/** the Redis store whose audit stream this scope writes to and Explain reads; null with the memory store */
	async redisFor(scope: StoreScope): Promise<RedisStore | null> {
		if (this.kind !== 'redis') return null;
		return (await this.liveFor(scope)) as RedisStore;
	}

	async close(): Promise<void> {
		const client = this.redis;
		this.redis = null;
		this.stores.clear();
		this.live.clear();
		if (!client) return;
		let connected: RedisClientLike;
		try {
			connected = await client;
		} catch {
			return;
		}
		try {
			await connected.quit();
		} catch {
			connected.disconnect();
		}
	}
}
