/**
 * Inline SVG charts for the HTML report, drawn by hand (no library, no script, readable offline):
 * the suite satisfaction with its interval against the threshold, per-scenario rates with
 * Clopper-Pearson whiskers, and two runs side by side. Every text is escaped; the x axis is a
 * rate in [0, 1].
 */
import { escapeXml as escape } from "./escape.js";

const WIDTH = 720;
const LABEL_WIDTH = 200;
const RIGHT = 70;
const PLOT = WIDTH - LABEL_WIDTH - RIGHT;
const GREEN = "#2e7d32";
const RED = "#c62828";
const GREY = "#9e9e9e";
const BLUE = "#1565c0";

const x = (rate: number): number => Math.round((LABEL_WIDTH + Math.min(1, Math.max(0, rate)) * PLOT) * 10) / 10;
const n3 = (value: number): string => value.toFixed(3);

function text(atX: number, atY: number, content: string, extra = ""): string {
  return `<text x="${atX}" y="${atY}"${extra}>${escape(content)}</text>`;
}

/** Grid lines and labels at 0, 0.25, ..., 1, and the threshold as a dashed red line. */
function axis(top: number, bottom: number, threshold: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(
    (tick) =>
      `<line x1="${x(tick)}" y1="${top}" x2="${x(tick)}" y2="${bottom}" stroke="#e0e0e0"/>` +
      text(x(tick), bottom + 14, tick.toFixed(2), ` text-anchor="middle" class="tick"`),
  );
  const line = `<line x1="${x(threshold)}" y1="${top - 4}" x2="${x(threshold)}" y2="${bottom}" stroke="${RED}" stroke-dasharray="4 3"/>`;
  const label = text(x(threshold), top - 8, `threshold ${threshold}`, ` text-anchor="middle" class="threshold"`);
  return ticks.join("") + line + label;
}

/** A horizontal whisker from `low` to `high` with end caps. */
function whisker(low: number, high: number, atY: number, colour: string): string {
  return (
    `<line x1="${x(low)}" y1="${atY}" x2="${x(high)}" y2="${atY}" stroke="${colour}" stroke-width="1.5"/>` +
    `<line x1="${x(low)}" y1="${atY - 5}" x2="${x(low)}" y2="${atY + 5}" stroke="${colour}" stroke-width="1.5"/>` +
    `<line x1="${x(high)}" y1="${atY - 5}" x2="${x(high)}" y2="${atY + 5}" stroke="${colour}" stroke-width="1.5"/>`
  );
}

function svg(height: number, title: string, body: string): string {
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escape(title)}"><title>${escape(title)}</title>${body}</svg>`;
}

export interface SatisfactionPoint {
  value: number;
  interval: [number, number];
  lower: number;
  threshold: number;
  passed: boolean;
}

export function satisfactionChart(point: SatisfactionPoint): string {
  const y = 44;
  const colour = point.passed ? GREEN : RED;
  const body =
    axis(24, 64, point.threshold) +
    text(LABEL_WIDTH - 10, y + 4, "satisfaction", ` text-anchor="end"`) +
    whisker(point.interval[0], point.interval[1], y, colour) +
    `<path d="M ${x(point.lower)} ${y + 9} l -5 8 h 10 z" fill="${BLUE}"><title>one-sided lower bound ${n3(point.lower)}</title></path>` +
    `<circle cx="${x(point.value)}" cy="${y}" r="5" fill="${colour}"><title>satisfaction ${n3(point.value)}</title></circle>` +
    text(WIDTH - RIGHT + 8, y + 4, n3(point.value));
  const title = `satisfaction ${n3(point.value)}, interval [${n3(point.interval[0])}, ${n3(point.interval[1])}], lower bound ${n3(point.lower)}, threshold ${point.threshold}`;
  return svg(84, title, body);
}

export interface ScenarioBar {
  id: string;
  /** null: no counted trial. */
  rate: number | null;
  interval: [number, number] | null;
  mustPass: boolean;
  /** Shown at the end of the bar: `4/5`. */
  label: string;
}

const ROW = 24;

function rowLabel(id: string, atY: number, prefix: string, extra = ""): string {
  const shown = id.length > 26 ? `${id.slice(0, 25)}…` : id;
  return `<text x="${LABEL_WIDTH - 10}" y="${atY + 4}" text-anchor="end"${extra}><title>${escape(id)}</title>${escape(prefix + shown)}</text>`;
}

/** One bar per scenario (green when every counted trial passed), CP whiskers, ★ for must-pass. */
export function scenarioChart(bars: readonly ScenarioBar[], threshold: number): string {
  const top = 24;
  const rows = bars.map((bar, i) => {
    const atY = top + 12 + i * ROW;
    const perfect = bar.rate === 1;
    const colour = bar.rate === null ? GREY : perfect ? GREEN : RED;
    const label = rowLabel(bar.id, atY, bar.mustPass ? "★ " : "", bar.mustPass ? ` class="must-pass"` : "");
    if (bar.rate === null) return label + text(x(0) + 4, atY + 4, "no counted trial", ` class="muted"`);
    const rect = `<rect x="${x(0)}" y="${atY - 7}" width="${Math.max(0, x(bar.rate) - x(0))}" height="14" fill="${colour}" fill-opacity="0.35"${bar.mustPass ? ` stroke="${colour}"` : ""}/>`;
    const ci = bar.interval ? whisker(bar.interval[0], bar.interval[1], atY, colour) : "";
    return label + rect + ci + text(WIDTH - RIGHT + 8, atY + 4, bar.label);
  });
  const bottom = top + bars.length * ROW + 4;
  return svg(bottom + 20, "satisfaction per scenario with Clopper-Pearson intervals", axis(top, bottom, threshold) + rows.join(""));
}

export interface ComparisonRow {
  id: string;
  /** Rates of the two runs; null when a run has no counted trial of the scenario. */
  a: number | null;
  b: number | null;
  aLabel: string;
  bLabel: string;
  newlyFailing: boolean;
}

/** Two bars per scenario, A (grey) above B (blue, red when newly failing). */
export function comparisonChart(rows: readonly ComparisonRow[], threshold: number, names: { a: string; b: string }): string {
  const top = 24;
  const height = 2 * ROW;
  const body = rows.map((row, i) => {
    const atY = top + 10 + i * height;
    const colour = row.newlyFailing ? RED : BLUE;
    const bar = (rate: number | null, barY: number, fill: string, label: string) =>
      rate === null
        ? text(x(0) + 4, barY + 4, "no counted trial", ` class="muted"`)
        : `<rect x="${x(0)}" y="${barY - 6}" width="${Math.max(0, x(rate) - x(0))}" height="12" fill="${fill}" fill-opacity="0.6"/>` + text(WIDTH - RIGHT + 8, barY + 4, label);
    const label = rowLabel(row.id, atY + 6, row.newlyFailing ? "✗ " : "", row.newlyFailing ? ` class="newly-failing"` : "");
    return label + bar(row.a, atY, GREY, row.aLabel) + bar(row.b, atY + 14, colour, row.bLabel);
  });
  const bottom = top + rows.length * height;
  const legend =
    `<rect x="${LABEL_WIDTH}" y="${bottom + 22}" width="10" height="10" fill="${GREY}"/>` +
    text(LABEL_WIDTH + 14, bottom + 31, `A: ${names.a}`) +
    `<rect x="${LABEL_WIDTH + 260}" y="${bottom + 22}" width="10" height="10" fill="${BLUE}"/>` +
    text(LABEL_WIDTH + 274, bottom + 31, `B: ${names.b} (red: newly failing)`);
  return svg(bottom + 40, `satisfaction per scenario, ${names.a} against ${names.b}`, axis(top, bottom, threshold) + body.join("") + legend);
}
