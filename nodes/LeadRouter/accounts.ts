import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { buildAccountIndex, DEFAULT_NAME_SIMILARITY_THRESHOLD, matchAccount, toRoutingMatch, type AccountIndex, type RoutingMatch } from '../../lib/routing/accounts';
import { RoutingConfigError, type AssignRequest, type RoutableLead } from '../../lib/routing';
import { parameterReader } from '../shared/parameters';

export interface AccountLookup {
	request: NonNullable<AssignRequest['account']>;
	match: RoutingMatch;
}

function fieldAt(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const part of path.split('.')) {
		if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

/**
 * The account matcher of the node's Accounts setting: the JSON list is indexed once per distinct
 * value, a list from the item once per list object. Null when Accounts is None.
 */
export function accountMatcher(context: IExecuteFunctions): ((itemIndex: number, json: IDataObject, lead: RoutableLead, options: IDataObject) => AccountLookup | null) | null {
	const source = context.getNodeParameter('accountSource', 0, 'none') as string;
	if (source !== 'json' && source !== 'field') return null;
	const readJson = source === 'json' ? parameterReader<string | IDataObject>(context, 'accountsJson', '[]') : null;
	const readField = source === 'field' ? parameterReader<string>(context, 'accountsField', 'accounts') : null;
	const byText = new Map<string, AccountIndex>();
	const byList = new WeakMap<object, AccountIndex>();

	const index = (itemIndex: number, json: IDataObject): AccountIndex => {
		if (readJson) {
			const raw = readJson(itemIndex);
			const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
			let cached = byText.get(text);
			if (!cached) {
				let parsed: unknown;
				try {
					parsed = typeof raw === 'string' ? (raw.trim() === '' ? [] : JSON.parse(raw)) : raw;
				} catch (error) {
					throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: Accounts (JSON) is not valid JSON: ${(error as Error).message}`, { itemIndex });
				}
				cached = buildAccountIndex(parsed, { label: 'Accounts (JSON)' });
				byText.set(text, cached);
			}
			return cached;
		}
		const path = (readField as (i: number) => string)(itemIndex).trim();
		const list = fieldAt(json, path);
		if (list === undefined || list === null) return buildAccountIndex([], { label: `the item's ${path}` });
		if (typeof list !== 'object') {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: the field "${path}" holds ${typeof list}, not a list of accounts`, { itemIndex, description: 'Set "Accounts Field" to the field an earlier node filled with accounts.' });
		}
		let cached = byList.get(list);
		if (!cached) {
			cached = buildAccountIndex(list, { label: `the item's ${path}` });
			byList.set(list, cached);
		}
		return cached;
	};

	return (itemIndex, json, lead, options) => {
		const threshold = typeof options.nameSimilarityThreshold === 'number' ? options.nameSimilarityThreshold : DEFAULT_NAME_SIMILARITY_THRESHOLD;
		const whenUnavailable = options.accountOwnerUnavailable === 'wait' || options.accountOwnerUnavailable === 'fallback' ? options.accountOwnerUnavailable : 'team';
		let accounts: AccountIndex;
		try {
			accounts = index(itemIndex, json);
		} catch (error) {
			if (error instanceof RoutingConfigError) throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${error.message}`, { itemIndex, description: `Fix the account list (${error.field}).` });
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
		const str = (value: unknown) => (typeof value === 'string' ? value : null);
		const match = matchAccount(accounts, { email: str(lead.email), website: str(lead.website), company: str(lead.company) }, { nameSimilarityThreshold: threshold });
		if (!match) return null;
		const routingMatch = toRoutingMatch(match, threshold);
		const name = match.account.name ?? match.account.id ?? match.accountValue;
		const on = match.matchedOn === 'emailDomain' ? 'email domain' : match.matchedOn === 'website' ? 'website' : 'company name';
		const strength = match.similarity < 1 ? `, similarity ${match.similarity.toFixed(2)}` : '';
		return { request: { ownerId: match.owner, label: `${name} (${on} ${match.value}${strength})`, whenUnavailable }, match: routingMatch };
	};
}
