import type { INodeProperties } from 'n8n-workflow';

export const leadRecoveryProperties: INodeProperties[] = [
	{
		displayName:
			'Works with a Lead Intake Trigger or Lead Intake node whose "Keep Leads Until Done" option is on (with Remember Deliveries In: Redis). Use the same Redis credential.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'markDone',
		description: 'Mark leads at the end of the lead workflow, or fetch the ones that never got there',
		options: [
			{
				name: 'Mark as Done',
				value: 'markDone',
				description: 'Put this at the end of the lead workflow: the leads passing through are finished and need no recovery',
				action: 'Mark leads as done',
			},
			{
				name: 'Get Unfinished Leads',
				value: 'getUnfinished',
				description: 'Put this after a Schedule Trigger: outputs leads that were accepted but never marked done, e.g. because a worker crashed',
				action: 'Get unfinished leads',
			},
		],
	},
	{
		displayName: 'Lead Workflow ID',
		name: 'leadWorkflowId',
		type: 'string',
		default: '={{ $workflow.id }}',
		required: true,
		displayOptions: { show: { operation: ['getUnfinished'] } },
		description:
			'Whose leads to recover: the workflow with the Lead Intake Trigger or Lead Intake node (its ID is in its URL after /workflow/). Keep the default when a Schedule Trigger in that same workflow starts this node. Leads of other workflows are never handed out here.',
	},
	{
		displayName: 'Unfinished After (Minutes)',
		name: 'olderThanMinutes',
		type: 'number',
		default: 15,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { operation: ['getUnfinished'] } },
		description: 'A lead counts as unfinished when it was not marked done this long after it arrived. Choose more than your slowest execution, time waiting in the queue included, or a lead still on its way runs twice.',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { operation: ['getUnfinished'] } },
		description: 'Max number of results to return',
	},
];
