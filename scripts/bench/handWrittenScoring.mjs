// The scoring a workflow author would typically hand-write in a Code node instead of using
// Lead Score: the same inputs as the b2bSaas preset (title seniority, work vs free email,
// company size answer, activity points with caps and 30-day decay, demo/contact requests as
// hand-raisers), without receipts, hygiene checks beyond free mail, or configurable rules.

/**
 * Returns the scoring function; the lookup tables are built once, as a careful author would.
 * Self-contained on purpose (no imports, no outer variables): its source text is pasted into
 * the Code node's JavaScript, and the same function runs in a bare loop for comparison.
 */
export function makeHandWrittenScorer(nowMs) {
	const FREE = new Set(['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'gmx.de', 'icloud.com', 'aol.com', 'proton.me']);
	const EVENTS = { page_view: [2, 20], pricing_page_view: [15, 45], case_study_view: [8, 24], content_download: [10, 30], trial_signup: [25, 999], demo_request: [40, 999], contact_request: [30, 999], webinar_registered: [5, 10], webinar_attended: [15, 30], email_open: [1, 5], email_click: [3, 15], newsletter_signup: [5, 999], ad_click: [5, 10] };
	return function handWrittenScore(lead) {
		const title = String(lead.jobTitle || '').toLowerCase();
		const domain = String(lead.email || '').split('@')[1] || '';
		let fit = 0;
		if (domain && !FREE.has(domain)) fit += 10;
		else if (domain) fit -= 10;
		if (/\b(ceo|cto|cfo|coo|cro|chief|founder|owner|president|vp|head of|director)\b/.test(title)) fit += 20;
		else if (/\b(manager|lead|principal)\b/.test(title)) fit += 10;
		else if (/\b(student|intern|trainee)\b/.test(title)) fit -= 30;
		if (lead.company) fit += 5;
		const size = parseInt(String((lead.answers || {})['Company size'] || '0'), 10) || 0;
		if (size > 10) fit += 5;
		if (size >= 200) fit += 10;
		fit = Math.min(fit, 60);
		const perType = {};
		let handRaiser = false;
		for (const event of lead.events || []) {
			const ageDays = Math.max(0, (nowMs - Date.parse(event.at)) / 86_400_000);
			if (/^(demo|quote|contact)_request$/.test(event.type) && ageDays <= 90) handRaiser = true;
			const rule = EVENTS[event.type];
			if (rule) perType[event.type] = (perType[event.type] || 0) + rule[0] * Math.pow(0.5, ageDays / 30);
		}
		let engagement = 0;
		for (const type of Object.keys(perType)) engagement += Math.round(Math.min(perType[type], EVENTS[type][1]));
		engagement = Math.min(engagement, 100);
		const total = fit + engagement;
		const stage = handRaiser || (total >= 80 && fit >= 25) ? 'sql' : total >= 40 ? 'mql' : 'lead';
		return { total, fit, engagement, stage };
	};
}
