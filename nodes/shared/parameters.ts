import type { IDataObject, IExecuteFunctions, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

/**
 * Reads a parameter once when it holds no expression, and per item only when it does:
 * evaluating parameters is most of n8n's per-item cost, and most parameters are constant.
 */
export function parameterReader<T extends NodeParameterValueType | IDataObject>(
	context: IExecuteFunctions,
	name: string,
	fallback: T,
): (itemIndex: number) => T {
	const raw = (context.getNode().parameters as INodeParameters)[name];
	if (!containsExpression(raw)) {
		const value = context.getNodeParameter(name, 0, fallback) as T;
		return () => value;
	}
	return (itemIndex) => context.getNodeParameter(name, itemIndex, fallback) as T;
}
