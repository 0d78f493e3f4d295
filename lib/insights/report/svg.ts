/**
 * Small inline-SVG charts for the Lead Insights report: no script, no external asset, every label
 * escaped, so the report opens the same in a browser and in a mail client. Pure, no n8n imports.
 */

export function escapeHtml(text: unknown): string {
	return String(text ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

export const COLORS = { won: '#30a46c', lost: '#e5484d', open: '#8b8d98', bar: '#3e63dd', line: '#3e63dd', grid: '#e6e8eb', text: '#1c2024', muted: '#60646c', interval: '#1c2024' };

const WIDTH = 560;
const HEIGHT = 260;
const MARGIN = { top: 40, right: 16, bottom: 44, left: 48 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

const fixed = (value: number) => (Math.round(value * 10) / 10).toString();

function frame(title: string, body: string, legend = ''): string {
	const heading = `<text x="12" y="20" font-size="13" font-weight="600" fill="${COLORS.text}">${escapeHtml(title)}</text>`;
	return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="system-ui, sans-serif" font-size="11"><title>${escapeHtml(title)}</title>${heading}${body}${legend}</svg>`;
}

/** Ticks that divide a "nice" maximum into round steps: 10 → 5 × 2, 20 → 4 × 5, 50 → 5 × 10. */
function ticksFor(max: number): number {
	const leading = Math.round(max / 10 ** Math.floor(Math.log10(max)));
	return leading === 2 ? 4 : 5;
}

/** Horizontal grid lines and y labels from 0 to `max`. */
function yAxis(max: number, format: (value: number) => string, ticks = ticksFor(max)): string {
	let out = '';
	for (let tick = 0; tick <= ticks; tick++) {
		const value = (max * tick) / ticks;
		const y = MARGIN.top + PLOT_H - (PLOT_H * tick) / ticks;
		out += `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${fixed(y)}" y2="${fixed(y)}" stroke="${COLORS.grid}"/>`;
		out += `<text x="${MARGIN.left - 6}" y="${fixed(y + 4)}" text-anchor="end" fill="${COLORS.muted}">${escapeHtml(format(value))}</text>`;
	}
	return out;
}

function axisTitle(x: string, y: string): string {
	return (
		`<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 6}" text-anchor="middle" fill="${COLORS.muted}">${escapeHtml(x)}</text>` +
		`<text transform="translate(12 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" fill="${COLORS.muted}">${escapeHtml(y)}</text>`
	);
}

/** Legend entries from the right edge of the title line; about 6.5 px per character at 11 px. */
function legendOf(entries: Array<[string, string]>): string {
	let x = WIDTH - MARGIN.right;
	let out = '';
	for (const [label, color] of [...entries].reverse()) {
		x -= 14 + Math.ceil(label.length * 6.5) + 12;
		out += `<rect x="${x}" y="11" width="10" height="10" fill="${color}"/><text x="${x + 14}" y="20" fill="${COLORS.text}">${escapeHtml(label)}</text>`;
	}
	return out;
}

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
	if (!(value > 0)) return 1;
	const power = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
	return 10 * power;
}

export interface BarGroup {
	label: string;
	values: Array<{ value: number; color: string; low?: number | null; high?: number | null }>;
}

/** Vertical bars, side by side within each group, with optional interval whiskers. */
export function barChart(title: string, groups: BarGroup[], options: { xTitle: string; yTitle: string; format: (value: number) => string; max?: number; legend?: Array<[string, string]>; reference?: { value: number; label: string } }): string {
	const highest = Math.max(0, ...groups.flatMap((group) => group.values.map((bar) => Math.max(bar.value, bar.high ?? 0))), options.reference?.value ?? 0);
	const max = options.max ?? niceMax(highest);
	const y = (value: number) => MARGIN.top + PLOT_H - (PLOT_H * Math.min(value, max)) / max;
	const slot = PLOT_W / Math.max(1, groups.length);
	const perGroup = Math.max(1, ...groups.map((group) => group.values.length));
	const barWidth = Math.max(2, Math.min(40, (slot * 0.8) / perGroup));
	let body = yAxis(max, options.format);
	groups.forEach((group, groupIndex) => {
		const start = MARGIN.left + groupIndex * slot + (slot - barWidth * group.values.length) / 2;
		group.values.forEach((bar, barIndex) => {
			const x = start + barIndex * barWidth;
			const top = y(bar.value);
			body += `<rect x="${fixed(x)}" y="${fixed(top)}" width="${fixed(barWidth - 1)}" height="${fixed(MARGIN.top + PLOT_H - top)}" fill="${bar.color}"><title>${escapeHtml(`${group.label}: ${options.format(bar.value)}`)}</title></rect>`;
			if (bar.low !== undefined && bar.low !== null && bar.high !== undefined && bar.high !== null) {
				const cx = x + (barWidth - 1) / 2;
				body += `<path d="M${fixed(cx)} ${fixed(y(bar.low))}V${fixed(y(bar.high))}M${fixed(cx - 3)} ${fixed(y(bar.low))}h6M${fixed(cx - 3)} ${fixed(y(bar.high))}h6" stroke="${COLORS.interval}" fill="none"/>`;
			}
		});
		const fits = Math.max(4, Math.floor(slot / 6.5));
		const label = group.label.length > fits ? `${group.label.slice(0, fits - 1)}…` : group.label;
		body += `<text x="${fixed(MARGIN.left + groupIndex * slot + slot / 2)}" y="${MARGIN.top + PLOT_H + 14}" text-anchor="middle" fill="${COLORS.text}">${escapeHtml(label)}</text>`;
	});
	if (options.reference) {
		const ry = y(options.reference.value);
		body += `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${fixed(ry)}" y2="${fixed(ry)}" stroke="${COLORS.muted}" stroke-dasharray="4 3"/><text x="${MARGIN.left + PLOT_W - 4}" y="${fixed(ry - 4)}" text-anchor="end" fill="${COLORS.muted}" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(options.reference.label)}</text>`;
	}
	body += axisTitle(options.xTitle, options.yTitle);
	return frame(title, body, options.legend ? legendOf(options.legend) : '');
}

/** Line chart on [0, 1] × [0, 1] (ROC, cumulative gains), with the diagonal of chance. */
export function unitLineChart(title: string, series: Array<{ label: string; color: string; points: Array<[number, number]> }>, options: { xTitle: string; yTitle: string }): string {
	const x = (value: number) => MARGIN.left + PLOT_W * Math.min(1, Math.max(0, value));
	const y = (value: number) => MARGIN.top + PLOT_H - PLOT_H * Math.min(1, Math.max(0, value));
	let body = yAxis(1, (value) => `${Math.round(value * 100)} %`, 4);
	for (let tick = 0; tick <= 4; tick++) {
		body += `<text x="${fixed(x(tick / 4))}" y="${MARGIN.top + PLOT_H + 14}" text-anchor="middle" fill="${COLORS.muted}">${tick * 25} %</text>`;
	}
	body += `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="${COLORS.muted}" stroke-dasharray="4 3"/>`;
	for (const line of series) {
		const points = line.points.map(([px, py]) => `${fixed(x(px))},${fixed(y(py))}`).join(' ');
		body += `<polyline points="${points}" fill="none" stroke="${line.color}" stroke-width="2"/>`;
	}
	body += axisTitle(options.xTitle, options.yTitle);
	return frame(title, body, legendOf(series.map((line) => [line.label, line.color])));
}
