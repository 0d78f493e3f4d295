import {
	NodeConnectionTypes,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { randomBytes } from 'crypto';
import { leadFromItem } from '../../lib/lead/detect';
import { coerceChat } from '../../lib/lead/chat';
import {
	RoutingConfigError,
	RoutingRecordError,
	RoutingStoreError,
	assignmentEvents,
	assignOwner,
	leadKeyForLookup,
	leadKeyOf,
	leadPhoneE164,
	ownerDay,
	readRoutingRecord,
	reassignOnceKey,
	REASSIGN_ONCE_TTL_SECONDS,
	redactLead,
	respondBy,
	runOnce,
	signRouting,
	teamStatus,
	type Assignment,
	type AuditEvent,
	type Owner,
	type RoutableLead,
	type RoutingRecord,
	type RoutingStore,
} from '../../lib/routing';
import { STAGE_NAMES_HELP, stageFromName, type Stage } from '../../lib/scoring/stages';
import { leadRouterRedisTest } from '../shared/redisCredentialTest';
import { leadRouterProperties } from './description';
import { accountMatcher } from './accounts';
import { readRoutingConfig, readScope, type RoutingConfig, type StoreScope } from './config';
import { RouterStores, type StoreKind } from './transport/store';

type Operation = 'assign' | 'reassign' | 'returnTurn' | 'teamStatus' | 'explain';

/** how long Return Turn remembers that an assignment's turn came back */
const GIVE_BACK_ONCE_TTL_SECONDS = 180 * 24 * 3600;

/**
 * Executions started from the editor (Execute workflow, Execute step) and evaluation runs are
 * tests: they read the live turns, counts and sticky owners but do not change them.
 */
const TEST_MODES: ReadonlySet<string> = new Set(['manual', 'evaluation']);

/**
 * The outputs for the chosen parameters, in a fixed order: the chosen stages (SQL, MQL, Lead,
 * Disqualified), then "Other", then "Not Scored". Serialised into the `outputs` expression, so it
 * must stay self-contained.
 */
const configuredOutputs = (parameters: INodeParameters) => {
	const operation = typeof parameters.operation === 'string' ? parameters.operation : 'assign';
	const audit = parameters.auditOutput === true && ['assign', 'reassign', 'returnTurn'].includes(operation);
	if (operation !== 'assign') {
		const single: Array<{ type: 'main'; displayName: string; key: string }> = [{ type: 'main', displayName: audit ? 'Leads' : '', key: 'main' }];
		if (audit) single.push({ type: 'main', displayName: 'Audit', key: 'audit' });
		return single;
	}
	const labels: Record<string, string> = { sql: 'SQL', mql: 'MQL', lead: 'Lead', disqualified: 'Disqualified' };
	const all = ['sql', 'mql', 'lead', 'disqualified'];
	const chosen = Array.isArray(parameters.stageOutputs) ? (parameters.stageOutputs as string[]) : all;
	const outputs: Array<{ type: 'main'; displayName: string; key: string }> = all
		.filter((stage) => chosen.includes(stage))
		.map((stage) => ({ type: 'main', displayName: labels[stage], key: stage }));
	if (parameters.unroutedStages === 'output' && outputs.length < all.length) outputs.push({ type: 'main', displayName: 'Other', key: 'other' });
	if (parameters.unscored === 'output') outputs.push({ type: 'main', displayName: 'Not Scored', key: 'notScored' });
	if (audit) outputs.push({ type: 'main', displayName: 'Audit', key: 'audit' });
	return outputs;
};

/** null when the item has no stage; throws on a stage that is not one */
function stageOf(json: IDataObject, itemIndex: number, context: IExecuteFunctions): Stage | null {
	const score = json.score;
	const raw = score && typeof score === 'object' && !Array.isArray(score) ? (score as IDataObject).stage : undefined;
	if (raw === undefined || raw === null || raw === '') return null;
	const stage = typeof raw === 'string' ? stageFromName(raw) : null;
	if (!stage) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: score.stage is ${JSON.stringify(raw).slice(0, 40)}, which is not a stage`, {
			itemIndex,
			description: `${STAGE_NAMES_HELP} The Lead Score node sets score.stage.`,
		});
	}
	return stage;
}

function publicOwner(owner: Owner | null): IDataObject | null {
	if (!owner) return null;
	return { id: owner.id, name: owner.name, email: owner.email, channelId: owner.channelId };
}

/** a NodeOperationError naming the item and the field, from whatever an item's routing threw */
function itemError(context: IExecuteFunctions, caught: unknown, itemIndex: number): NodeOperationError {
	const error = caught as Error;
	if (error instanceof NodeOperationError) return error;
	if (error instanceof RoutingConfigError) return new NodeOperationError(context.getNode(), error.message, { itemIndex, description: `Fix the setting "${error.field}" of the Lead Router.` });
	if (error instanceof RoutingRecordError) {
		return new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description: `Field ${error.field}. Reassign and Return Turn take items routed by this Lead Router (or by one sharing its rotation), unchanged.`,
		});
	}
	if (error instanceof RoutingStoreError) return new NodeOperationError(context.getNode(), error, { itemIndex, description: 'Check the Lead Router Redis credential and that Redis is running.' });
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}

/** what the signature covers, from a routing object about to go out */
function recordOf(routing: IDataObject): RoutingRecord {
	return {
		assignmentId: routing.assignmentId as string,
		ownerId: (routing.owner as IDataObject | null)?.id as string | undefined ?? null,
		assignedAt: (routing.assignedAt as string | null) ?? '',
		hops: (routing.hops as number | undefined) ?? 0,
		previousOwners: (routing.previousOwners as string[] | undefined) ?? [],
		leadId: (routing.leadId as string | null | undefined) ?? null,
		exhausted: routing.exhausted === true,
	};
}

/** Runs one execution of the node: the stores, secrets and audit events it shares across items. */
class RouterRun {
	readonly context: IExecuteFunctions;
	readonly testRun: boolean;
	readonly stores: RouterStores;
	private readonly secrets = new Map<RoutingStore, Promise<string>>();
	private readonly audit = new Map<string, { scope: StoreScope; options: IDataObject; entries: Array<{ leadKey: string; event: string }> }>();
	readonly auditItems: INodeExecutionData[] = [];
	readonly auditOutput: boolean;
	private readonly workflowId: string;

	constructor(context: IExecuteFunctions) {
		this.context = context;
		this.testRun = TEST_MODES.has(context.getMode());
		this.stores = new RouterStores(context, context.getNodeParameter('store', 0) as StoreKind, { preview: this.testRun });
		this.auditOutput = context.getNodeParameter('auditOutput', 0, false) as boolean;
		this.workflowId = String(context.getWorkflow().id ?? '');
	}

	async store(scope: StoreScope): Promise<RoutingStore> {
		return await this.stores.forScope(scope);
	}

	async secret(store: RoutingStore): Promise<string> {
		let secret = this.secrets.get(store);
		if (!secret) {
			secret = store.secret();
			this.secrets.set(store, secret);
		}
		return await secret;
	}

	/** this execution's random part of assignment ids, and how many it handed out */
	private readonly idPrefix = randomBytes(12).toString('hex');
	private assignments = 0;

	/** unique per assignment: 96 random bits per execution, then a counter (a UUID per lead cost more than the routing) */
	nextAssignmentId(): string {
		this.assignments += 1;
		return `${this.idPrefix}-${this.assignments.toString(36)}`;
	}

	routerName(scope: StoreScope): string {
		return scope.shared ? `shared:${scope.nodeName}` : `${this.workflowId}:${scope.nodeName}`;
	}

	/** whether an item's decisions go anywhere: the Audit output, or (production runs, Redis store) the audit stream */
	wantsAudit(options: IDataObject): boolean {
		return this.auditOutput || (this.stores.kind === 'redis' && !this.testRun && options.auditStream !== false);
	}

	/** events of an item: to the Audit output, and (production runs, Redis store) to the audit stream */
	record(events: AuditEvent[], itemIndex: number, scope: StoreScope, options: IDataObject): void {
		if (this.auditOutput) for (const event of events) this.auditItems.push({ json: { ...event, testRun: this.testRun || undefined } as unknown as IDataObject, pairedItem: { item: itemIndex } });
		if (this.testRun || options.auditStream === false || this.stores.kind !== 'redis') return;
		const id = `${scope.prefix}\n${scope.namespace}`;
		let pending = this.audit.get(id);
		if (!pending) {
			pending = { scope, options, entries: [] };
			this.audit.set(id, pending);
		}
		for (const event of events) pending.entries.push({ leadKey: event.leadId ?? '-', event: JSON.stringify(event) });
	}

	/** writes the audit events to the Redis stream of each rotation, then closes the stores */
	async finish(): Promise<void> {
		try {
			for (const { scope, options, entries } of this.audit.values()) {
				const redis = await this.stores.redisFor(scope);
				if (!redis) continue;
				const maxEntries = Number(options.auditMaxEntries ?? 100_000);
				const maxAgeDays = Number(options.auditMaxAgeDays ?? 90);
				for (let i = 0; i < entries.length; i += 500) {
					await redis.appendAudit(entries.slice(i, i + 500), {
						maxEntries: Number.isFinite(maxEntries) && maxEntries >= 1 ? maxEntries : 100_000,
						maxAgeSeconds: Number.isFinite(maxAgeDays) && maxAgeDays > 0 ? maxAgeDays * 86400 : 0,
					});
				}
			}
		} finally {
			await this.stores.close();
		}
	}
}

/** the routing fields of an assignment (Assign and Reassign) */
function routingFields(assignment: Assignment, now: Date, testRun: boolean): IDataObject {
	const routing: IDataObject = {
		owner: publicOwner(assignment.owner),
		strategy: assignment.strategy,
		reason: assignment.reason,
		fallback: assignment.fallback,
		turn: assignment.turn,
		assignedAt: assignment.owner ? now.toISOString() : null,
		language: assignment.language,
		languageMatch: assignment.languageMatch,
	};
	if (assignment.skipped.length) routing.skipped = assignment.skipped as unknown as IDataObject[];
	if (assignment.owedTurn) routing.owedTurn = true;
	if (testRun) {
		routing.testRun = true;
		routing.reason = `Test run, nothing saved: ${assignment.reason}`;
	}
	return routing;
}

/** adds respondBy (SLA), the lead id, the assignment id and the signature */
async function finishRouting(run: RouterRun, store: RoutingStore, routing: IDataObject, assignment: Assignment, config: RoutingConfig, lead: RoutableLead, now: Date): Promise<void> {
	const minutes = Number(config.nodeOptions.respondWithinMinutes ?? 0);
	if (assignment.owner && Number.isFinite(minutes) && minutes > 0) routing.respondBy = respondBy(assignment.owner, now, minutes).toISOString();
	routing.leadId = leadKeyOf(lead);
	routing.assignmentId = run.nextAssignmentId();
	routing.hops = routing.hops ?? 0;
	routing.previousOwners = routing.previousOwners ?? [];
	if (assignment.escalated) routing.escalated = true;
	if (assignment.exhausted) routing.exhausted = true;
	routing.signature = signRouting(await run.secret(store), recordOf(routing));
}

function redactor(lead: RoutableLead): (text: string) => string {
	const chatUserId = coerceChat(lead.chat)?.userId ?? null;
	const secrets = [typeof lead.email === 'string' ? lead.email : null, typeof lead.phone === 'string' ? lead.phone : null, leadPhoneE164(lead), { value: chatUserId, mask: '[chat user]' }];
	return (text) => redactLead(text, secrets);
}

export class LeadRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Router',
		name: 'leadRouter',
		icon: { light: 'file:leadRouter.svg', dark: 'file:leadRouter.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ ($parameter["operation"] ?? "assign") === "assign" ? {"roundRobin":"Round robin","weighted":"Weighted round robin","territory":"Territory","sticky":"Sticky"}[$parameter["strategy"]] : {"reassign":"Reassign","returnTurn":"Return turn","teamStatus":"Team status","explain":"Explain"}[$parameter["operation"]] }}',
		description:
			'Branch leads by stage (SQL, MQL, Lead, Disqualified) and assign qualified leads to sales owners: round robin, weighted, territory, sticky, accounts, capacity and fallback; reassign after an SLA, return turns, team status and an audit trail',
		defaults: { name: 'Lead Router' },
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [
			{
				name: 'leadRouterRedisApi',
				required: true,
				displayOptions: { show: { store: ['redis'] } },
				testedBy: 'leadRouterRedisTest',
			},
		],
		usableAsTool: true,
		properties: leadRouterProperties,
	};

	methods = {
		credentialTest: {
			leadRouterRedisTest,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0, 'assign') as Operation;
		const run = new RouterRun(this);
		try {
			if (operation === 'reassign') return withAudit(run, await reassign(this, run));
			if (operation === 'returnTurn') return withAudit(run, await returnTurn(this, run));
			if (operation === 'teamStatus') return [await status(this, run)];
			if (operation === 'explain') return [await explain(this, run)];
			return await assign(this, run);
		} finally {
			await run.finish();
		}
	}
}

function withAudit(run: RouterRun, main: INodeExecutionData[]): INodeExecutionData[][] {
	return run.auditOutput ? [main, run.auditItems] : [main];
}

async function assign(context: IExecuteFunctions, run: RouterRun): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const layout = configuredOutputs({
		operation: 'assign',
		auditOutput: run.auditOutput,
		stageOutputs: context.getNodeParameter('stageOutputs', 0) as string[],
		unroutedStages: context.getNodeParameter('unroutedStages', 0) as string,
		unscored: context.getNodeParameter('unscored', 0) as string,
	});
	const outputIndex = new Map(layout.map((output, index) => [output.key, index]));
	const returnData: INodeExecutionData[][] = layout.map(() => []);
	const assignStages = new Set(context.getNodeParameter('assignStages', 0) as string[]);
	const readConfig = readRoutingConfig(context);
	const matchAccountOf = accountMatcher(context);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = items[itemIndex];
		let stage: Stage | null = null;
		try {
			stage = stageOf(item.json, itemIndex, context);
			if (stage === null) {
				const notScored = outputIndex.get('notScored');
				if (notScored === undefined) {
					throw new NodeOperationError(context.getNode(), `Item ${itemIndex} has no score.stage`, {
						itemIndex,
						description: 'Put a Lead Score node before the Lead Router, or set "Items Without a Stage" to send such items to a "Not Scored" output.',
					});
				}
				returnData[notScored].push({ ...item, pairedItem: { item: itemIndex } });
				continue;
			}
			const target = outputIndex.get(stage) ?? outputIndex.get('other');
			if (target === undefined) continue;

			let routing: IDataObject = { stage, branch: layout[target].displayName, owner: null, strategy: null, reason: '', fallback: false, turn: null, assignedAt: null };
			if (assignStages.has(stage)) {
				const config = readConfig(itemIndex);
				const lead = leadFromItem(item.json);
				const now = new Date();
				const store = await run.store(config.storeScope);
				const account = matchAccountOf ? matchAccountOf(itemIndex, item.json, lead, config.nodeOptions) : null;
				const assignment = await assignOwner(lead, config.team, config.options, store, now, { account: account?.request ?? null });
				routing = { ...routing, ...routingFields(assignment, now, run.testRun) };
				if (account && assignment.account) routing.match = { ...account.match, outcome: assignment.account.outcome, reason: assignment.account.reason } as unknown as IDataObject;
				await finishRouting(run, store, routing, assignment, config, lead, now);
				if (run.wantsAudit(config.nodeOptions)) {
					run.record(
						assignmentEvents(assignment, { at: now.toISOString(), action: 'assign', leadId: routing.leadId as string | null, assignmentId: routing.assignmentId as string, router: run.routerName(config.storeScope), redact: redactor(lead) }),
						itemIndex,
						config.storeScope,
						config.nodeOptions,
					);
				}
			} else {
				routing.reason = `Stage ${stage.toUpperCase()} is not assigned to an owner (see "Assign Owners For")`;
			}
			returnData[target].push({ ...item, json: { ...item.json, routing }, pairedItem: { item: itemIndex } });
		} catch (caught) {
			const error = itemError(context, caught, itemIndex);
			if (context.continueOnFail()) {
				// like the Switch node, a failed item goes to an output: its stage's when known, else the first
				const target = (stage && (outputIndex.get(stage) ?? outputIndex.get('other'))) ?? 0;
				if (returnData[target]) returnData[target].push({ json: { ...item.json, error: error.message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw error;
		}
	}
	const audit = outputIndex.get('audit');
	if (audit !== undefined) returnData[audit] = run.auditItems;
	return returnData;
}

/** the team member with this id (case-insensitive, or their email) */
function memberOf(team: readonly Owner[], id: string | null): Owner | undefined {
	if (!id) return undefined;
	const wanted = id.toLowerCase();
	return team.find((owner) => owner.id.toLowerCase() === wanted || owner.email?.toLowerCase() === wanted);
}

/** One result per item; an item that fails is named in its error and, with Continue On Fail, goes out with it. */
async function perItem(context: IExecuteFunctions, work: (item: INodeExecutionData, itemIndex: number) => Promise<INodeExecutionData>): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = items[itemIndex];
		try {
			out.push(await work(item, itemIndex));
		} catch (caught) {
			const error = itemError(context, caught, itemIndex);
			if (!context.continueOnFail()) throw error;
			out.push({ json: { ...item.json, error: error.message }, pairedItem: { item: itemIndex } });
		}
	}
	return out;
}

async function reassign(context: IExecuteFunctions, run: RouterRun): Promise<INodeExecutionData[]> {
	const readConfig = readRoutingConfig(context);
	const matchAccountOf = accountMatcher(context);
	const escalateOnHop = Number(context.getNodeParameter('escalateOnHop', 0, 2));
	const giveBack = context.getNodeParameter('giveBack', 0, false) as boolean;
	return perItem(context, async (item, itemIndex) => {
		const config = readConfig(itemIndex);
		const store = await run.store(config.storeScope);
		const previous = item.json.routing as IDataObject | undefined;
		const record = readRoutingRecord(previous, await run.secret(store));
		const lead = leadFromItem(item.json);
		const leadId = leadKeyOf(lead);
		if (record.leadId && leadId && record.leadId !== leadId) {
			throw itemError(context, new RoutingRecordError('routing.leadId', 'routing.leadId belongs to another lead than this item\'s (its email or phone changed, or the routing object was copied from another item).'), itemIndex);
		}
		const done = await runOnce(store, reassignOnceKey(record), async () => {
			const now = new Date();
			const team = config.team;
			const current = memberOf(team, record.ownerId);
			const notes: string[] = [];
			if (record.ownerId && !current) notes.push(`${record.ownerId} is no longer on the team`);
			// who already had the lead, as team ids; people who left are no candidates anyway
			const had = [...record.previousOwners, record.ownerId].filter((id): id is string => typeof id === 'string');
			const exclude = new Set(had.map((id) => memberOf(team, id)?.id ?? id));
			const fallbackId = typeof config.options.fallbackOwner === 'string' ? config.options.fallbackOwner : config.options.fallbackOwner?.id;
			if (fallbackId && had.some((id) => id.toLowerCase() === fallbackId.toLowerCase())) exclude.add(fallbackId);

			let returned: IDataObject | null = null;
			if (giveBack && current && !record.exhausted && record.assignedAt) {
				const day = ownerDay(current, new Date(record.assignedAt), config.options.timeZone);
				const gave = await store.giveBack({ ownerId: current.id, day, capacity: true, turn: true, onceKey: `ret:${record.assignmentId}`, onceTtlSeconds: GIVE_BACK_ONCE_TTL_SECONDS });
				returned = { ownerId: current.id, turn: gave, capacity: gave };
				notes.push(gave ? `${current.name} gets the turn and a lead of today's capacity back` : `${current.name}'s turn was already given back`);
			}
			const hops = record.hops + 1;
			const escalate = escalateOnHop > 0 && hops >= escalateOnHop ? `Hop ${hops} of ${escalateOnHop}: escalated` : null;
			const account = matchAccountOf ? matchAccountOf(itemIndex, item.json, lead, config.nodeOptions) : null;
			const assignment = await assignOwner(lead, team, config.options, store, now, { exclude, escalate, account: account?.request ?? null });
			const fields = routingFields(assignment, now, run.testRun);
			const prefix = `Reassign (hop ${hops}${record.ownerId ? `, from ${current?.name ?? record.ownerId}` : ''})${notes.length ? `: ${notes.join('; ')}` : ''}`;
			fields.reason = `${run.testRun ? 'Test run, nothing saved: ' : ''}${prefix} → ${assignment.reason}`;
			const routing: IDataObject = {
				...(previous ?? {}),
				...fields,
				hops,
				previousOwners: record.ownerId ? [...record.previousOwners, record.ownerId] : [...record.previousOwners],
				previousAssignmentId: record.assignmentId,
				returned,
			};
			for (const stale of ['respondBy', 'escalated', 'exhausted', 'match', 'skipped', 'owedTurn', 'returnTurn', 'repeated']) if (!(stale in fields)) delete routing[stale];
			if (account && assignment.account) routing.match = { ...account.match, outcome: assignment.account.outcome, reason: assignment.account.reason } as unknown as IDataObject;
			await finishRouting(run, store, routing, assignment, config, lead, now);
			const redact = redactor(lead);
			const events: AuditEvent[] = [];
			if (returned?.turn) events.push({ at: now.toISOString(), action: 'returnTurn', leadId: record.leadId, assignmentId: record.assignmentId, ownerId: current?.id ?? null, ownerName: current?.name ?? null, reason: `${current?.name} did not act in time: turn and capacity given back`, router: run.routerName(config.storeScope) });
			events.push(...assignmentEvents(assignment, { at: now.toISOString(), action: 'reassign', leadId: routing.leadId as string | null, assignmentId: routing.assignmentId as string, router: run.routerName(config.storeScope), previousOwnerId: record.ownerId, hops, redact }));
			const last = events[events.length - 1];
			last.reason = redact(routing.reason as string);
			return { routing, events };
		}, savedReassign, { ttlSeconds: REASSIGN_ONCE_TTL_SECONDS, wait: sleep });
		let routing: IDataObject;
		if (!done.repeated) {
			routing = done.value.routing;
			run.record(done.value.events, itemIndex, config.storeScope, config.nodeOptions);
		} else {
			routing = await repeatedReassign(run, store, previous ?? {}, record, lead, done.saved);
			if (run.wantsAudit(config.nodeOptions)) {
				const owner = routing.owner as IDataObject | null;
				const event: AuditEvent = { at: new Date().toISOString(), action: 'reassignRepeated', leadId: record.leadId, assignmentId: routing.assignmentId as string, ownerId: (owner?.id as string | undefined) ?? null, ownerName: (owner?.name as string | undefined) ?? null, previousOwnerId: record.ownerId, hops: routing.hops as number, reason: redactor(lead)(routing.reason as string), router: run.routerName(config.storeScope) };
				run.record([event], itemIndex, config.storeScope, config.nodeOptions);
			}
		}
		return { ...item, json: { ...item.json, routing }, pairedItem: { item: itemIndex } };
	});
}

/**
 * What a Reassign keeps of its result (see runOnce), so that a repeat of it (an n8n retry, a
 * duplicate delivery) answers with the same owner, hop, assignment and deadline: short keys,
 * no reason (it may quote the lead), bounded like the sticky owners in the memory store.
 */
interface SavedReassign {
	/** the new owner as routing.owner shows them (the fallback owner may be outside the team) */
	o: IDataObject | null;
	i: string;
	a: string | null;
	s: string | null;
	t: number | null;
	f: boolean;
	r?: string;
	e?: true;
	x?: true;
	b?: IDataObject;
	m?: true;
}

function savedReassign({ routing }: { routing: IDataObject }): string {
	const saved: SavedReassign = {
		o: (routing.owner as IDataObject | null) ?? null,
		i: routing.assignmentId as string,
		a: (routing.assignedAt as string | null) ?? null,
		s: (routing.strategy as string | null) ?? null,
		t: (routing.turn as number | null) ?? null,
		f: routing.fallback === true,
	};
	if (typeof routing.respondBy === 'string') saved.r = routing.respondBy;
	if (routing.escalated === true) saved.e = true;
	if (routing.exhausted === true) saved.x = true;
	if (routing.returned) saved.b = routing.returned as IDataObject;
	if (routing.testRun === true) saved.m = true;
	return JSON.stringify(saved);
}

/** the routing object of a Reassign already done for this routing object, rebuilt from what it saved and signed again */
async function repeatedReassign(run: RouterRun, store: RoutingStore, previous: IDataObject, record: RoutingRecord, lead: RoutableLead, text: string): Promise<IDataObject> {
	const saved = JSON.parse(text) as SavedReassign;
	const hops = record.hops + 1;
	const name = typeof saved.o?.name === 'string' ? saved.o.name : null;
	const routing: IDataObject = {
		...previous,
		owner: saved.o,
		strategy: saved.s,
		reason: `${run.testRun ? 'Test run, nothing saved: ' : ''}Reassign (hop ${hops}) was already done for this routing object (a repeated execution or a duplicate delivery): ${name ? `${name} has had the lead since ${saved.a}` : 'the lead went out unassigned'}; nothing changed`,
		fallback: saved.f,
		turn: saved.t,
		assignedAt: saved.a,
		hops,
		previousOwners: record.ownerId ? [...record.previousOwners, record.ownerId] : [...record.previousOwners],
		previousAssignmentId: record.assignmentId,
		returned: saved.b ?? null,
		leadId: leadKeyOf(lead),
		assignmentId: saved.i,
		repeated: true,
	};
	for (const stale of ['respondBy', 'escalated', 'exhausted', 'match', 'skipped', 'owedTurn', 'returnTurn', 'signature']) delete routing[stale];
	if (saved.r) routing.respondBy = saved.r;
	if (saved.e) routing.escalated = true;
	if (saved.x) routing.exhausted = true;
	if (saved.m || run.testRun) routing.testRun = true;
	routing.signature = signRouting(await run.secret(store), recordOf(routing));
	return routing;
}

async function returnTurn(context: IExecuteFunctions, run: RouterRun): Promise<INodeExecutionData[]> {
	const readConfig = readRoutingConfig(context);
	return perItem(context, async (item, itemIndex) => {
		const config = readConfig(itemIndex);
		const store = await run.store(config.storeScope);
		const routing = item.json.routing as IDataObject | undefined;
		const record = readRoutingRecord(routing, await run.secret(store));
		const owner = memberOf(config.team, record.ownerId);
		const now = new Date();
		let returned = false;
		let reason: string;
		if (!record.ownerId) reason = 'The lead has no owner, so there is no turn to give back';
		else if (!owner) reason = `${record.ownerId} is no longer on the team, so there is no turn to give back`;
		else if (record.exhausted || !record.assignedAt) reason = `${owner.name} kept the lead without it being counted again, so there is no turn to give back`;
		else {
			const day = ownerDay(owner, new Date(record.assignedAt), config.options.timeZone);
			returned = await store.giveBack({ ownerId: owner.id, day, capacity: true, turn: true, onceKey: `ret:${record.assignmentId}`, onceTtlSeconds: GIVE_BACK_ONCE_TTL_SECONDS });
			reason = returned
				? `${owner.name} gets the turn back (the next lead their pool can give them) and one lead of the capacity of ${day}`
				: `${owner.name} already got the turn of this assignment back, so nothing changed`;
		}
		if (run.testRun) reason = `Test run, nothing saved: ${reason}`;
		const event: AuditEvent = {
			at: now.toISOString(),
			action: returned ? 'returnTurn' : 'returnTurnRepeated',
			leadId: record.leadId,
			assignmentId: record.assignmentId,
			ownerId: owner?.id ?? record.ownerId,
			ownerName: owner?.name ?? null,
			reason,
			router: run.routerName(config.storeScope),
		};
		run.record([event], itemIndex, config.storeScope, config.nodeOptions);
		return { ...item, json: { ...item.json, routing: { ...routing, returnTurn: { returned, reason, at: now.toISOString() } } }, pairedItem: { item: itemIndex } };
	});
}

async function status(context: IExecuteFunctions, run: RouterRun): Promise<INodeExecutionData[]> {
	const readConfig = readRoutingConfig(context);
	return perItem(context, async (item, itemIndex) => {
		const config = readConfig(itemIndex);
		const result = await teamStatus(config.team, config.options, await run.stores.liveFor(config.storeScope), new Date());
		return { json: { teamStatus: result as unknown as IDataObject }, pairedItem: { item: itemIndex } };
	});
}

async function explain(context: IExecuteFunctions, run: RouterRun): Promise<INodeExecutionData[]> {
	const readItemScope = readScope(context);
	return perItem(context, async (item, itemIndex) => {
		const { storeScope, nodeOptions } = readItemScope(itemIndex);
		const redis = await run.stores.redisFor(storeScope);
		if (!redis) {
			throw new NodeOperationError(context.getNode(), 'Explain reads the audit trail, which only the Redis store keeps', {
				itemIndex,
				description: 'Set State Store to Redis, or send the Audit output of Assign, Reassign and Return Turn to a Data Table or a sheet.',
			});
		}
		const lookup = String(context.getNodeParameter('lookup', itemIndex, '') ?? '');
		const leadId = leadKeyForLookup(lookup);
		if (!leadId) {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: Lookup is neither an email, a phone in international form (+48…) nor a lead ID (routing.leadId)`, { itemIndex });
		}
		const maxEntries = Number(nodeOptions.auditMaxEntries ?? 100_000);
		const found = await redis.readAudit([leadId], Number.isFinite(maxEntries) && maxEntries > 0 ? Math.ceil(maxEntries * 1.1) : 100_000);
		const events: IDataObject[] = found.map(({ id, event }) => ({ id, ...(JSON.parse(event) as IDataObject) }));
		const text = [...events].reverse().map((event) => `${event.at} ${event.action}${event.ownerName ? ` ${event.ownerName}` : ''}: ${event.reason}`).join('\n');
		return { json: { ...item.json, explain: { leadId, events, text } }, pairedItem: { item: itemIndex } };
	});
}
