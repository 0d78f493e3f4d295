import type { INodeProperties } from 'n8n-workflow';
import { fieldMappingProperty, leadHygieneOptions } from '../shared/leadInput';
import { byDisplayName, modelChoiceProperties, modelOverrideOptions } from '../shared/modelChoice';

export const leadScoreProperties: INodeProperties[] = [
	...modelChoiceProperties,
	fieldMappingProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Fine-tune the preset, the output and how stages move',
		options: byDisplayName([
			{
				displayName: 'Allow Stage Downgrade',
				name: 'allowDowngrade',
				type: 'boolean',
				default: false,
				description: 'Whether a lead may move back (e.g. SQL to MQL) when its score drops. Off by default, like CRM lifecycle stages.',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: 'append',
				options: [
					{ name: 'Input Data Plus Lead and Score', value: 'append' },
					{ name: 'Only Lead and Score', value: 'newFieldsOnly' },
				],
				description: 'Keep the incoming fields next to lead and score, or output only lead and score',
			},
			{
				displayName: 'Previous Stage',
				name: 'previousStage',
				type: 'string',
				default: '',
				placeholder: '={{ $json.properties.lifecyclestage }}',
				description: 'The stage the lead already had (lead, mql, sql or disqualified). Empty: taken from the item\'s earlier score, if any.',
			},
			{
				displayName: 'Score As Of',
				name: 'scoreAsOf',
				type: 'dateTime',
				default: '',
				description: 'The moment activity decay is measured from. Empty: now. Set it to re-score history reproducibly.',
			},
			...modelOverrideOptions,
			...leadHygieneOptions,
		]),
	},
];
