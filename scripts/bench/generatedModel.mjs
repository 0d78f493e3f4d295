// Scoring models with many custom rules, for measuring how scoring cost grows with the model.
// The rules cycle through the operators people actually use, on fields the generated leads
// have, so a realistic share of them match.

const COUNTRIES = ['US', 'DE', 'GB', 'FR', 'ES', 'NL', 'SE', 'BR', 'IN', 'JP', 'CA', 'AU'];
const TITLE_WORDS = ['director', 'manager', 'engineer', 'founder', 'analyst', 'vp', 'head of', 'lead', 'consultant', 'designer'];
const SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1000+'];
const FLAGS = ['free_email', 'role_email', 'missing_name', 'gibberish_name'];

function generatedRule(index) {
	const id = `rule_${index + 1}`;
	const points = (index % 5) + 1;
	switch (index % 8) {
		case 0:
			return { id, category: 'fit', field: 'jobTitle', operator: 'contains', value: [TITLE_WORDS[index % TITLE_WORDS.length], `title${index}`], points };
		case 1:
			return { id, category: 'fit', field: 'country', operator: 'equals', value: COUNTRIES[index % COUNTRIES.length], points };
		case 2:
			return { id, category: 'fit', field: 'country', operator: 'inList', value: [COUNTRIES[index % COUNTRIES.length], COUNTRIES[(index + 5) % COUNTRIES.length]], points };
		case 3:
			return { id, category: 'fit', field: 'companySize', operator: 'greaterThan', value: (index * 37) % 1000, points };
		case 4:
			return { id, category: 'fit', field: 'company', operator: 'exists', points };
		case 5:
			return { id, category: 'fit', field: '', operator: 'hasFlag', value: FLAGS[index % FLAGS.length], points: -points };
		case 6:
			return { id, category: 'fit', field: 'emailDomain', operator: 'domainInList', value: [`company${index}.example`, 'northwindanalytics.example'], points };
		default:
			return { id, category: 'fit', field: 'answers.Company size', operator: 'equals', value: SIZES[index % SIZES.length], points };
	}
}

/** A copy of a preset (thresholds, events, decay…) whose rules are `ruleCount` generated ones. */
export function modelWithGeneratedRules(preset, ruleCount) {
	return {
		name: `Generated (${ruleCount} rules)`,
		version: '1',
		thresholds: preset.thresholds,
		grades: preset.grades,
		caps: preset.caps,
		rules: Array.from({ length: ruleCount }, (_, index) => generatedRule(index)),
		events: preset.events,
		decay: preset.decay,
		handRaisers: preset.handRaisers,
		handRaiserWindowDays: preset.handRaiserWindowDays,
		disqualifyOn: preset.disqualifyOn,
	};
}
