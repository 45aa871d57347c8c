// The reader: the selected event (what, when, where, who, and every claim with who said it),
// the article's source text with the evidence highlighted in place, and the conflict's
// infobox record with the audit warnings. Spans index the stored source text exactly.
import { h, fill, count } from "./dom.js";
import { fatalitiesText } from "./colors.js";
import { slug } from "./table.js";

const PRECISION = { 1: "the day", 2: "within a week", 3: "within a month", 4: "within a month", 5: "within a year" };
const GEO = { 1: "the place itself", 2: "near the place", 3: "a region or front" };

/** The event card. `event` is the API's full event (claims, evidence with text). */
export function eventCard(event, { onSpan }) {
  const where = event.location;
  const f = event.fatalities;
  const dates = event.date_start === event.date_end ? event.date_start : `${event.date_start} – ${event.date_end}`;
  const facts = h("dl", { class: "facts" },
    h("dt", {}, "When"), h("dd", {}, dates, h("span", { class: "muted" }, ` · ${PRECISION[event.date_precision] || ""}`)),
    h("dt", {}, "Where"), h("dd", {}, where ? [where.name || "?", h("span", { class: "muted" },
      ` · ${[where.admin1, where.country].filter(Boolean).join(", ")}${where.geo_precision ? ` · ${GEO[where.geo_precision]}` : ""}`)] : "not located"),
    h("dt", {}, "Who"), h("dd", {}, actors(event)),
    h("dt", {}, "Killed"), h("dd", {}, fatalitiesText(f) || h("span", { class: "muted" }, "none reported"),
      f.best !== null && f.low !== f.high ? h("span", { class: "muted" }, ` · best ${f.best}`) : null));
  const evidence = event.evidence.map((span, i) => {
    const quote = h("button", { type: "button", class: "quote", "data-start": span.start, "data-end": span.end },
      `“${squash(span.text)}”`);
    quote.addEventListener("click", () => onSpan(span, "event"));
    return i === 0 ? quote : [" ", quote];
  });
  return h("div", { class: "card-inner", "data-event": event.id },
    h("div", { class: "card-head" },
      h("span", { class: `chip t-${slug(event.event_type)}` }, event.event_type),
      h("h2", { class: "card-title" }, event.sub_event_type),
      h("div", { class: "card-source muted" }, event.document.title, " · ", event.id)),
    facts,
    h("h3", {}, "Evidence"), h("div", { class: "evidence" }, evidence),
    h("h3", {}, `Claims (${event.claims.length})`),
    event.claims.length ? claimsTable(event.claims, onSpan) : h("p", { class: "muted small" }, "No casualty or attribution claim."));
}

function actors(event) {
  const one = (name, side, assoc) => name ? h("span", { class: "actor" }, name,
    side ? h("sup", { class: `side s${side}` }, `side ${side}`) : null,
    assoc && assoc.length ? h("span", { class: "muted" }, ` with ${assoc.join(", ")}`) : null) : null;
  const first = one(event.actor1, event.actor1_side, event.assoc_actor_1);
  const second = one(event.actor2, event.actor2_side, event.assoc_actor_2);
  if (!first && !second) return h("span", { class: "muted" }, "no actor named");
  return [first || h("span", { class: "muted" }, "someone"), second ? [h("span", { class: "vs" }, " against "), second] : null];
}

function claimsTable(claims, onSpan) {
  const body = claims.map((claim) => {
    const figure = claim.kind === "attribution"
      ? `attributed to ${claim.actor || "another actor"}`
      : `${fatalitiesText(claim) || "an unknown number"} ${claim.kind}`;
    const tr = h("tr", { class: `claim stance-${claim.stance || "reported"}`, tabindex: 0 },
      h("td", {}, claim.source || h("span", { class: "muted" }, "unattributed")),
      h("td", {}, h("span", { class: "stance" }, claim.stance || "reported")),
      h("td", {}, figure, claim.approx ? h("span", { class: "muted" }, ` (${claim.approx})`) : null),
      h("td", {}, claim.about || ""));
    if (claim.evidence.length) {
      tr.classList.add("has-span");
      const go = () => onSpan(claim.evidence[0], "claim");
      tr.addEventListener("click", go);
      tr.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
      tr.setAttribute("title", `“${squash(claim.evidence.map((s) => s.text).join(" … "))}”`);
    }
    return tr;
  });
  return h("table", { class: "claims" },
    h("thead", {}, h("tr", {}, h("th", {}, "Who said"), h("th", {}, "Stance"), h("th", {}, "What"), h("th", {}, "About"))),
    h("tbody", {}, body));
}

function squash(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 400 ? `${flat.slice(0, 400)}…` : flat;
}

/**
 * A converter from Python string offsets (code points: what the API's spans count) to
 * JavaScript's (UTF-16 code units), which differ after any character outside the BMP.
 */
export function utf16Offsets(source) {
  if (!/[\uD800-\uDBFF]/.test(source)) return (offset) => offset;
  const map = [];
  let unit = 0;
  for (const character of source) {
    map.push(unit);
    unit += character.length;
  }
  map.push(unit);
  return (offset) => map[Math.max(0, Math.min(map.length - 1, offset))];
}

/**
 * The source text with spans marked. `marks` are {start, end, cls, event?}; overlapping
 * marks nest as one <span> per stretch of text carrying every class that covers it.
 * Offsets are code points (as the API gives them); `data-start` keeps them so.
 */
export function markedText(source, spans) {
  const at = utf16Offsets(source);
  const back = new Map();
  const marks = spans.map((m) => {
    const [start, end] = [at(m.start), at(m.end)];
    back.set(start, m.start).set(end, m.end);
    return { ...m, start, end };
  });
  const points = new Set([0, source.length]);
  for (const m of marks) {
    points.add(Math.max(0, Math.min(source.length, m.start)));
    points.add(Math.max(0, Math.min(source.length, m.end)));
  }
  const cuts = [...points].sort((a, b) => a - b);
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const fragment = document.createDocumentFragment();
  let active = [];
  let next = 0;
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    while (next < sorted.length && sorted[next].start <= from) active.push(sorted[next++]);
    active = active.filter((m) => m.end > from);
    const covering = active.filter((m) => m.start <= from && m.end >= to);
    const text = source.slice(from, to);
    if (!covering.length) {
      fragment.append(document.createTextNode(text));
      continue;
    }
    const classes = [...new Set(covering.map((m) => m.cls))].join(" ");
    const span = h("span", { class: classes, "data-start": back.has(from) ? back.get(from) : null }, text);
    const owner = covering.find((m) => m.event);
    if (owner) span.dataset.event = owner.event;
    fragment.append(span);
  }
  return fragment;
}

/** Marks for a document: every event's evidence lightly, the selected event's spans strongly. */
export function marksFor(doc, selected, extra = []) {
  const marks = [];
  for (const event of doc.events) {
    for (const span of event.evidence) marks.push({ ...span, cls: "ev", event: event.id });
  }
  if (selected) {
    for (const span of selected.evidence) marks.push({ ...span, cls: "hl-event", event: selected.id });
    for (const span of selected.date_evidence || []) marks.push({ ...span, cls: "hl-date" });
    if (selected.location) for (const span of selected.location.evidence || []) marks.push({ ...span, cls: "hl-place" });
    if (selected.trigger) marks.push({ ...selected.trigger, cls: "hl-trigger" });
    for (const claim of selected.claims) for (const span of claim.evidence) marks.push({ ...span, cls: "hl-claim" });
  }
  return marks.concat(extra);
}

/** The article panel: title, where it came from, and the marked source text. */
export function articleView(doc, marks) {
  const text = h("div", { class: "source", id: "source-text" });
  text.append(markedText(doc.source, marks));
  return [
    h("header", { class: "article-head" },
      h("h2", {}, doc.document.title || "(untitled)"),
      h("div", { class: "muted small" }, `${doc.document.format} · ${count(doc.document.event_count)} events · ${doc.document.path}`),
      h("div", { class: "key small" },
        h("span", { class: "hl-event" }, "event"), " ", h("span", { class: "hl-claim" }, "claim"), " ",
        h("span", { class: "hl-date" }, "date"), " ", h("span", { class: "hl-place" }, "place"), " ",
        h("span", { class: "ev" }, "other events"))),
    text,
  ];
}

/** The conflict's infobox record and the audit warnings. */
export function recordView(doc, { onWarning }) {
  const c = doc.conflict;
  if (!c) return [h("p", { class: "muted" }, "No conflict record.")];
  const rows = [
    ["Dates", [c.start_date, c.end_date].filter(Boolean).join(" – ")],
    ["Place", c.place], ["Result", c.result], ["Part of", (c.part_of || []).join("; ")],
  ].filter(([, v]) => v);
  const out = [
    h("h2", {}, c.name || doc.document.title),
    h("dl", { class: "facts compact" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
  ];
  for (const side of c.sides || []) out.push(sideView(side));
  out.push(h("h3", {}, `Audit warnings (${doc.warnings.length})`));
  if (!doc.warnings.length) out.push(h("p", { class: "muted small" }, "The infobox and the prose agree."));
  else {
    out.push(h("ul", { class: "warnings" }, doc.warnings.map((w) => {
      const item = h("li", { class: w.evidence.length ? "has-span" : null, tabindex: w.evidence.length ? 0 : null },
        h("code", {}, w.code), " ", w.message);
      if (w.evidence.length) {
        item.addEventListener("click", () => onWarning(w));
        item.addEventListener("keydown", (e) => { if (e.key === "Enter") onWarning(w); });
      }
      return item;
    })));
  }
  return out;
}

function quantity(q) {
  if (!q) return null;
  const figure = fatalitiesText(q);
  return figure || q.text || null;
}

function sideView(side) {
  const list = (items) => h("ul", { class: "plain" }, items);
  const units = (nodes) => list(nodes.map((u) => h("li", {}, u.name, u.children && u.children.length ? units(u.children) : null)));
  const facts = [
    ["Belligerents", (side.belligerents || []).length ? list(side.belligerents.map((b) =>
      h("li", {}, b, (side.supporters || []).includes(b) ? h("span", { class: "muted" }, " (support)") : null))) : null],
    ["Commanders", (side.commanders || []).length ? list(side.commanders.map((m) =>
      h("li", {}, m.name, m.status ? h("span", { class: "status" }, ` ${m.status}`) : null))) : null],
    ["Units", (side.units || []).length ? units(side.units) : null],
    ["Strength", quantity(side.strength)], ["Killed", quantity(side.killed)], ["Wounded", quantity(side.wounded)],
    ["Captured", quantity(side.captured)], ["Missing", quantity(side.missing)],
  ].filter(([, v]) => v);
  return h("section", { class: `side-box s${side.side}` },
    h("h3", {}, `Side ${side.side}`),
    h("dl", { class: "facts compact" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
}
