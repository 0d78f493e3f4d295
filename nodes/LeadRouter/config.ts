import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { validateRoutingOptions, validateTeam, type Owner, type RoutingOptions } from '../../lib/routing';
import { parameterReader } from '../shared/parameters';

/** Where the router's state lives: one rotation per node, unless the user shares it by id. */
export interface StoreScope {
	/** names the in-process state (workflow + node, or the shared rotation id) */
	namespace: string;
	/** for redisKeyPrefix() */
	prefix: string;
	workflowId: string;
	nodeName: string;
	/** true for a rotation shared by id (Share Rotation Across Workflows) */
	shared: boolean;
}

export interface RoutingConfig {
	team: Owner[];
	options: RoutingOptions;
	storeScope: StoreScope;
	/** the node's Options collection as read for the item */
	nodeOptions: IDataObject;
}

/** The rotation an item's settings name: the node's own, or the shared one (Share Rotation Across Workflows). */
export function scopeFor(options: IDataObject, workflowId: string, nodeName: string): StoreScope {
	const sharedId = typeof options.sharedRotationId === 'string' ? options.sharedRotationId.trim() : '';
	const prefix = typeof options.keyPrefix === 'string' && options.keyPrefix.trim() ? options.keyPrefix.trim() : 'leadRouter';
	return sharedId
		? { namespace: `shared:${sharedId}`, prefix, workflowId: 'shared', nodeName: sharedId, shared: true }
		: { namespace: `${workflowId}:${nodeName}`, prefix, workflowId, nodeName, shared: false };
}

/** The store scope and options of an item, for operations that need no team (Explain). */
export function readScope(context: IExecuteFunctions): (itemIndex: number) => { storeScope: StoreScope; nodeOptions: IDataObject } {
	const readOptions = parameterReader<IDataObject>(context, 'options', {});
	const workflowId = String(context.getWorkflow().id ?? '');
	const nodeName = context.getNode().name;
	return (itemIndex) => {
		const options = readOptions(itemIndex);
		return { storeScope: scopeFor(options, workflowId, nodeName), nodeOptions: options };
	};
}

interface MemberParameters {
	name?: string;
	email?: string;
	id?: string;
	channelId?: string;
	weight?: number;
	territories?: string;
	languages?: string;
	dailyCapacity?: number;
	workingDays?: string[];
	workStart?: string;
	workEnd?: string;
	timeZone?: string;
	outOfOffice?: boolean;
}

function teamFromMembers(members: MemberParameters[]): IDataObject[] {
	return members.map((member) => ({
		id: member.id,
		name: member.name,
		email: member.email,
		channelId: member.channelId,
		weight: member.weight,
		territories: member.territories,
		languages: member.languages,
		dailyCapacity: member.dailyCapacity,
		workingHours: { days: member.workingDays?.length ? member.workingDays : undefined, start: member.workStart, end: member.workEnd, timeZone: member.timeZone },
		outOfOffice: member.outOfOffice,
	}));
}

function parseTeamJson(value: unknown, context: IExecuteFunctions, itemIndex: number): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return [];
	try {
		return JSON.parse(value);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: Team (JSON) is not valid JSON: ${(error as Error).message}`, { itemIndex });
	}
}

const splitList = (text: unknown): string[] =>
	String(text ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);

/**
 * A team member by ID or email, or else any email address: that person is not in the rotation and
 * gets only the leads nobody else can take.
 */
function fallbackFor(value: unknown, team: Owner[]): string | IDataObject | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	const wanted = value.trim().toLowerCase();
	const member = team.find((owner) => owner.id.toLowerCase() === wanted || owner.email?.toLowerCase() === wanted);
	if (member) return member.id;
	return wanted.includes('@') ? { email: value.trim(), id: `fallback:${wanted}` } : value.trim();
}

/**
 * Reads and validates the team and routing settings for an item. Settings without expressions
 * are validated once per execution; with expressions, once per distinct value.
 */
export function readRoutingConfig(context: IExecuteFunctions): (itemIndex: number) => RoutingConfig {
	const teamInput = context.getNodeParameter('teamInput', 0) as string;
	const readTeam = teamInput === 'json' ? parameterReader<IDataObject | string>(context, 'teamJson', '[]') : parameterReader<IDataObject>(context, 'team', {});
	const strategy = context.getNodeParameter('strategy', 0, 'roundRobin') as string;
	const usesRules = strategy === 'territory' || strategy === 'sticky';
	const noRules: IDataObject = {};
	const readRules = usesRules ? parameterReader<IDataObject>(context, 'territoryRules', {}) : () => noRules;
	const readFallback = parameterReader<string>(context, 'fallbackOwner', '');
	const readOptions = parameterReader<IDataObject>(context, 'options', {});
	const baseStrategy = strategy === 'sticky' ? (context.getNodeParameter('baseStrategy', 0) as string) : undefined;
	const stickyBy = strategy === 'sticky' ? (context.getNodeParameter('stickyBy', 0) as string) : undefined;
	const node = context.getNode();
	const workflowId = String(context.getWorkflow().id ?? '');
	const cache = new Map<string, RoutingConfig>();
	// settings without expressions come back as the same values for every item: no key to build
	let last: { values: unknown[]; config: RoutingConfig } | null = null;

	return (itemIndex) => {
		const teamValue = readTeam(itemIndex);
		const rulesValue = readRules(itemIndex);
		const fallbackOwner = readFallback(itemIndex);
		const options = readOptions(itemIndex);
		const values = [teamValue, rulesValue, fallbackOwner, options];
		if (last && last.values.every((value, i) => value === values[i])) return last.config;
		const config = configFor(teamValue, rulesValue, fallbackOwner, options, itemIndex);
		last = { values, config };
		return config;
	};

	function configFor(teamValue: IDataObject | string, rulesValue: IDataObject, fallbackOwner: string, options: IDataObject, itemIndex: number): RoutingConfig {
		const key = JSON.stringify([teamValue, rulesValue, fallbackOwner, options]);
		const cached = cache.get(key);
		if (cached) return cached;

		const teamRaw = teamInput === 'json' ? parseTeamJson(teamValue, context, itemIndex) : teamFromMembers(((teamValue as IDataObject).member as MemberParameters[] | undefined) ?? []);
		const timeZone = typeof options.timeZone === 'string' && options.timeZone.trim() ? options.timeZone.trim() : undefined;
		const team = validateTeam(teamRaw, { timeZone });
		const rules = (((rulesValue as IDataObject).rule as IDataObject[] | undefined) ?? []).map((rule) => ({
			field: rule.field,
			value: splitList(rule.value),
			ownerIds: splitList(rule.ownerIds),
		}));
		const routingOptions = validateRoutingOptions(
			{
				strategy,
				baseStrategy,
				stickyBy,
				stickyTtlDays: options.stickyTtlDays,
				territoryRules: rules,
				territoryOverflow: options.territoryOverflow,
				fallbackOwner: fallbackFor(fallbackOwner, team),
				timeZone,
			},
			team,
		);
		const storeScope = scopeFor(options, workflowId, node.name);
		const config = { team, options: routingOptions, storeScope, nodeOptions: options };
		cache.set(key, config);
		return config;
	}
}
