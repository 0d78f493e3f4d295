// The additionalData n8n-core's WorkflowExecute needs to run a workflow in-process (workflow
// tests and the benchmark): URLs of a local instance, credentials only as given (by type), no
// sub-workflows or runners.
function additionalDataFor(hooks, executionId, where = 'in-process runs', credentialsByType = {}) {
	const unavailable = async () => {
		throw new Error(`not available in ${where}`);
	};
	return {
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		credentialsHelper: { getParentTypes: () => [], authenticate: async () => ({}), preAuthentication: async () => undefined, getCredentials: unavailable, getDecrypted: async (_data, _nodeCredentials, type) => credentialsByType[type] ?? unavailable(), isCredentialUsableByNode: () => true, updateCredentials: async () => undefined, updateCredentialsOauthTokenData: async () => undefined, getCredentialsProperties: () => [] },
		executeWorkflow: unavailable,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: unavailable,
	};
}

module.exports = { additionalDataFor };
