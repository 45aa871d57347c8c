// ACLED's six event types, each with one colour used everywhere (map, timeline, table, chips).

export const TYPES = [
  ["Battles", "#c8414b"],
  ["Explosions/Remote violence", "#e8962e"],
  ["Violence against civilians", "#7a3e9d"],
  ["Protests", "#2a9d8f"],
  ["Riots", "#3d6fb6"],
  ["Strategic developments", "#7d8491"],
];

const BY_TYPE = new Map(TYPES);

export function typeColor(type) {
  return BY_TYPE.get(type) || "#555";
}

export const SIDE_COLORS = { 1: "#2f5d8a", 2: "#a3462f" };

/** Marker radius in pixels from the event's fatalities (area grows with the number). */
export function radius(event) {
  const f = event.fatalities || {};
  const dead = f.best ?? f.low ?? f.high ?? 0;
  return Math.min(26, 4 + 1.8 * Math.sqrt(dead));
}

export function fatalitiesText(f) {
  if (!f || (f.low === null && f.high === null)) return "";
  if (f.low === f.high || f.high === null) return String(f.low);
  if (f.low === null) return `≤${f.high}`;
  return `${f.low}–${f.high}`;
}
