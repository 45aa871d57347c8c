// The timeline: events per day, week, month or year as stacked bars (one colour per type),
// with a brush: drag across it to keep only the events of those dates; click to clear.
import { s, fill } from "./dom.js";
import { TYPES, typeColor } from "./colors.js";

const DAY = 86400000;
const HEIGHT = 120;
const MARGIN = { left: 34, right: 12, top: 10, bottom: 22 };

export function toDay(iso) {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

export function fromDay(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Bin width in days and a label format for a span of days. */
function binning(span) {
  if (span <= 150) return { unit: "day", days: 1 };
  if (span <= 3 * 365) return { unit: "week", days: 7 };
  if (span <= 40 * 365) return { unit: "month", days: 30.44 };
  return { unit: "year", days: 365.25 };
}

function binStart(day, unit) {
  if (unit === "day") return day;
  if (unit === "week") return day - ((day + 3) % 7); // Mondays
  const date = new Date(day * DAY);
  if (unit === "month") return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY);
  return Math.floor(Date.UTC(date.getUTCFullYear(), 0, 1) / DAY);
}

function nextBin(day, unit) {
  if (unit === "day") return day + 1;
  if (unit === "week") return day + 7;
  const date = new Date(day * DAY);
  if (unit === "month") return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY);
  return Math.floor(Date.UTC(date.getUTCFullYear() + 1, 0, 1) / DAY);
}

/**
 * The days to draw: all of them, unless a few outliers (a 19th-century aside in an article
 * about 2016) would squash the rest; then the shortest window holding 90% of the events,
 * with the others clamped into its edge bins.
 */
function extent(days) {
  const sorted = [...days].sort((a, b) => a - b);
  const full = [sorted[0], sorted[sorted.length - 1] + 1];
  if (sorted.length < 10) return full;
  const keep = Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9));
  let best = [sorted[0], sorted[keep - 1]];
  for (let i = 1; i + keep - 1 < sorted.length; i++) {
    const window = [sorted[i], sorted[i + keep - 1]];
    if (window[1] - window[0] < best[1] - best[0]) best = window;
  }
  const span = Math.max(best[1] - best[0], 30);
  if (full[1] - full[0] <= 3 * span) return full;
  const pad = Math.round(span * 0.02);
  return [best[0] - pad, best[1] + pad + 1];
}

export class Timeline {
  constructor(svg, { onBrush }) {
    this.svg = svg;
    this.onBrush = onBrush;
    this.range = null; // [fromDay, toDay] inclusive, or null
    this.events = [];
    this.selectedDay = null;
    this.drag = null;
    svg.addEventListener("pointerdown", (e) => this.start(e));
    svg.addEventListener("pointermove", (e) => this.move(e));
    svg.addEventListener("pointerup", (e) => this.end(e));
    svg.addEventListener("pointercancel", () => { this.drag = null; this.draw(); });
    new ResizeObserver(() => this.draw()).observe(svg);
  }

  show(events) {
    this.events = events;
    this.draw();
  }

  setRange(range) {
    this.range = range;
    this.draw();
  }

  mark(event) {
    this.selectedDay = event ? toDay(event.date_start) : null;
    this.draw();
  }

  x(day) {
    return MARGIN.left + ((day - this.domain[0]) / (this.domain[1] - this.domain[0])) * this.innerWidth;
  }

  dayAt(clientX) {
    const box = this.svg.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (clientX - box.left - MARGIN.left) / this.innerWidth));
    return Math.round(this.domain[0] + fraction * (this.domain[1] - this.domain[0]));
  }

  draw() {
    const width = Math.max(200, this.svg.clientWidth || 600);
    this.svg.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    this.innerWidth = width - MARGIN.left - MARGIN.right;
    const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    if (!this.events.length) {
      this.domain = null;
      fill(this.svg, s("text", { x: width / 2, y: HEIGHT / 2, class: "tl-empty", "text-anchor": "middle" },
        "No dated events match the filters"));
      return;
    }
    const days = this.events.map((e) => toDay(e.date_start));
    this.domain = extent(days);
    const { unit } = binning(this.domain[1] - this.domain[0]);
    // Bins: start day -> counts per type.
    const bins = new Map();
    for (let day = binStart(this.domain[0], unit); day < this.domain[1]; day = nextBin(day, unit)) bins.set(day, {});
    for (const event of this.events) {
      const day = Math.min(Math.max(toDay(event.date_start), this.domain[0]), this.domain[1] - 1);
      const key = binStart(day, unit);
      const counts = bins.get(key) || bins.set(key, {}).get(key);
      counts[event.event_type] = (counts[event.event_type] || 0) + 1;
    }
    const totals = [...bins.values()].map((c) => Object.values(c).reduce((a, b) => a + b, 0));
    const top = totals.reduce((a, b) => Math.max(a, b), 1);
    const scaleY = (n) => (n / top) * innerHeight;
    const bars = s("g", { class: "tl-bars" });
    for (const [start, counts] of bins) {
      const x0 = this.x(Math.max(start, this.domain[0]));
      const x1 = this.x(Math.min(nextBin(start, unit), this.domain[1]));
      const barWidth = Math.max(1, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
      let y = MARGIN.top + innerHeight;
      for (const [type] of TYPES) {
        const n = counts[type];
        if (!n) continue;
        const height = Math.max(1, scaleY(n));
        y -= height;
        bars.append(s("rect", { x: x0, y, width: barWidth, height, fill: typeColor(type) },
          s("title", {}, `${fromDay(start)}: ${n} ${type}`)));
      }
    }
    const axis = s("g", { class: "tl-axis" });
    axis.append(s("line", { x1: MARGIN.left, x2: MARGIN.left + this.innerWidth, y1: MARGIN.top + innerHeight,
      y2: MARGIN.top + innerHeight }));
    for (const tick of ticks(this.domain, this.innerWidth)) {
      const x = this.x(tick.day);
      axis.append(s("line", { x1: x, x2: x, y1: MARGIN.top + innerHeight, y2: MARGIN.top + innerHeight + 4 }),
        s("text", { x, y: HEIGHT - 6, "text-anchor": "middle" }, tick.label));
    }
    axis.append(s("text", { x: MARGIN.left - 6, y: MARGIN.top + 8, "text-anchor": "end" }, String(top)),
      s("text", { x: MARGIN.left - 6, y: MARGIN.top + innerHeight, "text-anchor": "end" }, "0"));
    const layers = [bars, axis];
    const range = this.drag ? [Math.min(this.drag.from, this.drag.to), Math.max(this.drag.from, this.drag.to)]
      : this.range;
    if (range) {
      const x0 = this.x(Math.max(range[0], this.domain[0]));
      const x1 = this.x(Math.min(range[1] + 1, this.domain[1]));
      layers.push(
        s("rect", { class: "tl-shade", x: MARGIN.left, y: MARGIN.top, width: Math.max(0, x0 - MARGIN.left), height: innerHeight }),
        s("rect", { class: "tl-shade", x: x1, y: MARGIN.top, width: Math.max(0, MARGIN.left + this.innerWidth - x1), height: innerHeight }),
        s("rect", { class: "tl-brush", x: x0, y: MARGIN.top, width: Math.max(1, x1 - x0), height: innerHeight }));
    }
    if (this.selectedDay !== null && this.selectedDay >= this.domain[0] && this.selectedDay < this.domain[1]) {
      const x = this.x(this.selectedDay);
      layers.push(s("line", { class: "tl-selected", x1: x, x2: x, y1: MARGIN.top - 4, y2: MARGIN.top + innerHeight }));
    }
    const first = days.reduce((a, b) => Math.min(a, b));
    const last = days.reduce((a, b) => Math.max(a, b));
    const before = days.filter((d) => d < this.domain[0]).length;
    const after = days.filter((d) => d >= this.domain[1]).length;
    if (before) layers.push(s("text", { class: "tl-note", x: MARGIN.left + 2, y: MARGIN.top + 2 }, `◂ ${before} earlier, from ${fromDay(first).slice(0, 4)}`));
    if (after) layers.push(s("text", { class: "tl-note", x: MARGIN.left + this.innerWidth - 2, y: MARGIN.top + 2, "text-anchor": "end" }, `${after} later, to ${fromDay(last).slice(0, 4)} ▸`));
    fill(this.svg, ...layers);
    this.svg.dataset.bins = String(bins.size);
    this.svg.dataset.unit = unit;
  }

  start(event) {
    if (!this.domain || event.button !== 0) return;
    this.svg.setPointerCapture(event.pointerId);
    const day = this.dayAt(event.clientX);
    this.drag = { from: day, to: day, x: event.clientX };
  }

  move(event) {
    if (!this.drag) return;
    this.drag.to = this.dayAt(event.clientX);
    this.draw();
  }

  end(event) {
    if (!this.drag) return;
    const moved = Math.abs(event.clientX - this.drag.x) > 3;
    const range = [Math.min(this.drag.from, this.drag.to), Math.max(this.drag.from, this.drag.to)];
    this.drag = null;
    this.range = moved ? range : null;
    this.draw();
    this.onBrush(this.range ? [fromDay(this.range[0]), fromDay(this.range[1])] : null);
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** About one tick every 90 pixels, on day, month or year boundaries. */
function ticks(domain, width) {
  const span = domain[1] - domain[0];
  const wanted = Math.max(2, Math.floor(width / 90));
  const out = [];
  if (span / wanted < 25) {
    const step = Math.max(1, Math.ceil(span / wanted));
    for (let day = domain[0]; day < domain[1]; day += step) {
      const date = new Date(day * DAY);
      out.push({ day, label: `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}` });
    }
    return out;
  }
  if (span / wanted < 300) {
    const months = Math.max(1, Math.ceil(span / wanted / 30.44));
    let date = new Date(domain[0] * DAY);
    date = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
    while (date.getTime() / DAY < domain[1]) {
      if (date.getUTCMonth() % months === 0) {
        const label = date.getUTCMonth() === 0 ? String(date.getUTCFullYear()) : `${MONTHS[date.getUTCMonth()]} ’${String(date.getUTCFullYear()).slice(2)}`;
        out.push({ day: date.getTime() / DAY, label });
      }
      date = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
    }
    return out;
  }
  const years = Math.max(1, Math.ceil(span / wanted / 365.25));
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((n) => n >= years) || years;
  for (let year = Math.ceil(new Date(domain[0] * DAY).getUTCFullYear() / step) * step; ; year += step) {
    const day = Date.UTC(year, 0, 1) / DAY;
    if (day >= domain[1]) break;
    if (day >= domain[0]) out.push({ day, label: String(year) });
  }
  return out;
}
