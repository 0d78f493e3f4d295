import { memoizeText } from '../memo';
import { cleanString, isPlainObject, toIsoDate } from './fields';
import type { LeadEvent } from './types';

const MAX_EVENTS = 1000;

/** "Demo Request" → "demo_request"; the input is already cleaned (see cleanString). */
const activityType = memoizeText((type: string) => type.toLowerCase().replace(/[\s-]+/g, '_'));

/** Activity lists as tools send them: strings or objects with type/event/name and at/timestamp/date. */
export function coerceEvents(value: unknown): LeadEvent[] {
	if (!Array.isArray(value)) return [];
	const events: LeadEvent[] = [];
	const count = Math.min(value.length, MAX_EVENTS);
	for (let index = 0; index < count; index++) {
		const raw: unknown = value[index];
		if (typeof raw === 'string') {
			// the same cleaning as an object's type: "Demo Request" is demo_request, "undefined" nothing
			const type = cleanString(raw, 100);
			if (type) events.push({ type: activityType(type), at: null });
			continue;
		}
		if (!isPlainObject(raw)) continue;
		const type = cleanString(raw.type ?? raw.event ?? raw.name, 100);
		if (!type) continue;
		const event: LeadEvent = { type: activityType(type), at: toIsoDate(raw.at ?? raw.timestamp ?? raw.date ?? raw.occurredAt) };
		if (typeof raw.value === 'number' || typeof raw.value === 'string') event.value = raw.value;
		events.push(event);
	}
	return events;
}
