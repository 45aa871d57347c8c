// The explorer page: filters -> /api/events -> map, timeline and table; a selected event ->
// /api/events/{id} and /api/documents/{id} -> the reader (claims, article, infobox record).
import { get, allEvents } from "./api.js";
import { h, fill, byId, count } from "./dom.js";
import { TYPES } from "./colors.js";
import { EventMap } from "./map.js";
import { Timeline, toDay } from "./timeline.js";
import { EventTable, slug } from "./table.js";
import { eventCard, articleView, recordView, marksFor } from "./reader.js";

const state = {
  types: new Set(TYPES.map(([t]) => t)),
  actor: "", side: "", q: "", document: "", from: "", to: "",
  base: [], visible: [], selected: null, detail: null, doc: null,
};
const documents = new Map(); // key -> document summary
const docCache = new Map(); // key -> promise of document detail
let generation = 0; // drops answers to superseded requests

const map = new EventMap(byId("map"), { onSelect: select });
const timeline = new Timeline(byId("timeline"), { onBrush: brushed });
const table = new EventTable(byId("events-table"), byId("table-footer"), { onSelect: select });

function toast(message) {
  const box = byId("toast");
  fill(box, message);
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// -- filters -------------------------------------------------------------------------------

function serverFilters() {
  const all = state.types.size === TYPES.length;
  return {
    type: all ? null : [...state.types].join(",") || "none",
    actor: state.actor, side: state.side, q: state.q, document: state.document,
  };
}

async function refresh({ fit = false } = {}) {
  const mine = ++generation;
  document.body.classList.add("loading");
  try {
    if (state.types.size === 0) {
      state.base = [];
    } else {
      const { events } = await allEvents(serverFilters());
      if (mine !== generation) return;
      state.base = events;
    }
    timeline.show(state.base);
    applyDates({ fit });
  } catch (error) {
    if (mine === generation) toast(error.message);
  } finally {
    if (mine === generation) document.body.classList.remove("loading");
  }
}

function applyDates({ fit = false } = {}) {
  const from = state.from ? toDay(state.from) : -Infinity;
  const to = state.to ? toDay(state.to) : Infinity;
  state.visible = state.base.filter((e) => toDay(e.date_end) >= from && toDay(e.date_start) <= to);
  map.show(state.visible, { fit });
  table.show(state.visible);
  if (state.selected) table.highlight(state.selected);
  const located = state.visible.filter((e) => e.location && e.location.latitude !== null).length;
  const articles = new Set(state.visible.map((e) => e.document)).size;
  fill(byId("counts"), h("b", {}, count(state.visible.length)), " events · ", count(located), " on the map · ",
    count(articles), articles === 1 ? " article" : " articles");
  document.body.dataset.events = String(state.visible.length);
  byId("from").value = state.from;
  byId("to").value = state.to;
  saveHash();
}

function brushed(range) {
  [state.from, state.to] = range || ["", ""];
  applyDates();
}

function datesTyped() {
  state.from = byId("from").value;
  state.to = byId("to").value;
  timeline.setRange(state.from || state.to ? [state.from ? toDay(state.from) : -1e9, state.to ? toDay(state.to) : 1e9] : null);
  applyDates();
}

function buildTypeFilter(summary) {
  const counts = new Map(summary.event_types.map((t) => [t.event_type, t.events]));
  const items = TYPES.map(([type]) => {
    const box = h("input", { type: "checkbox", value: type, checked: state.types.has(type), id: `type-${slug(type)}` });
    box.addEventListener("change", () => {
      if (box.checked) state.types.add(type); else state.types.delete(type);
      refresh();
    });
    return h("li", {}, h("label", { for: `type-${slug(type)}` }, box,
      h("span", { class: `swatch t-${slug(type)}`, "aria-hidden": "true" }), h("span", { class: "type-name" }, type),
      h("span", { class: "n" }, count(counts.get(type) || 0))));
  });
  fill(byId("type-list"), items);
}

function setAllTypes(on) {
  state.types = new Set(on ? TYPES.map(([t]) => t) : []);
  for (const box of byId("type-list").querySelectorAll("input")) box.checked = on;
  refresh();
}

function buildSides(sides = null) {
  const numbers = sides ? sides.map((side) => String(side.side)) : ["1", "2"];
  if (state.side && !numbers.includes(state.side)) numbers.push(state.side);
  const buttons = ["", ...numbers].map((side) => {
    const button = h("button", { type: "button", class: state.side === side ? "on" : null, "data-side": side,
      "aria-pressed": state.side === side ? "true" : "false", title: side ? `Side ${side}` : "Any side" },
      side || "Any");
    button.addEventListener("click", () => {
      state.side = side;
      buildSides(sides);
      refresh();
    });
    return button;
  });
  fill(byId("side-seg"), buttons);
  const note = byId("side-note");
  if (sides) {
    fill(note, sides.map((side) => h("div", {}, h("b", {}, `${side.side}: `), (side.belligerents || []).join(", ") || "—")));
    return;
  }
  fill(note, "Events where an actor of that infobox side takes part.");
  if (state.document) {
    const key = state.document;
    loadDocument(key).then((doc) => {
      if (state.document === key) buildSides((doc.conflict && doc.conflict.sides) || []);
    }).catch(() => {});
  }
}

async function loadActors() {
  const { actors } = await get("/api/actors", { limit: 1000, document: state.document });
  fill(byId("actor-list"), actors.map((a) => h("option", { value: a.name }, `${a.events} events`)));
}

function buildDocuments(list) {
  const select = byId("document-select");
  const options = list.filter((d) => d.event_count > 0).map((d) => {
    documents.set(d.id, d);
    return h("option", { value: d.id }, `${d.title || d.path} (${d.event_count})`);
  });
  fill(select, h("option", { value: "" }, `All articles (${count(options.length)})`), options);
  select.value = state.document;
}

async function chooseDocument(key, { fit = true } = {}) {
  state.document = key;
  byId("document-select").value = key;
  buildSides();
  loadActors().catch((e) => toast(e.message));
  await refresh({ fit });
  if (key && (!state.detail || state.detail.document.id !== key)) showDocument(key, null);
}

// -- selection and the reader ----------------------------------------------------------------

function loadDocument(key) {
  if (!docCache.has(key)) {
    const promise = get(`/api/documents/${encodeURIComponent(key)}`);
    promise.catch(() => docCache.delete(key));
    docCache.set(key, promise);
  }
  return docCache.get(key);
}

async function select(eventId) {
  state.selected = eventId;
  map.highlight(eventId);
  table.highlight(eventId);
  try {
    const { event } = await get(`/api/events/${encodeURIComponent(eventId)}`);
    if (state.selected !== eventId) return;
    state.detail = event;
    timeline.mark(event);
    fill(byId("event-card"), eventCard(event, { onSpan: (span) => scrollToSpan(span) }));
    byId("event-card").classList.remove("empty");
    await showDocument(event.document.id, event);
    saveHash();
  } catch (error) {
    toast(error.message);
  }
}

async function showDocument(key, event) {
  const doc = await loadDocument(key);
  if (event && state.selected !== event.id) return;
  state.doc = doc;
  fill(byId("article"), articleView(doc, marksFor(doc, event)));
  fill(byId("record"), recordView(doc, { onWarning: (w) => showWarning(doc, w) }));
  byId("reader").classList.add("has-doc");
  const first = byId("source-text").querySelector(".hl-event");
  if (first) first.scrollIntoView({ block: "center" });
  else byId("article").scrollTop = 0;
}

function scrollToSpan(span) {
  const marks = [...byId("source-text").querySelectorAll("[data-start]")];
  const target = marks.find((m) => Number(m.dataset.start) >= span.start && Number(m.dataset.start) < span.end);
  if (!target) return;
  target.scrollIntoView({ block: "center", behavior: "smooth" });
  target.classList.remove("flash");
  void target.offsetWidth; // restart the animation
  target.classList.add("flash");
}

function showWarning(doc, warning) {
  const marks = marksFor(doc, state.detail && state.detail.document.id === doc.document.id ? state.detail : null,
    warning.evidence.map((span) => ({ ...span, cls: "hl-warning" })));
  fill(byId("article"), articleView(doc, marks));
  const target = byId("source-text").querySelector(".hl-warning");
  if (target) target.scrollIntoView({ block: "center" });
}

// -- the URL remembers the selection and filters -------------------------------------------------

function saveHash() {
  const params = new URLSearchParams();
  if (state.selected) params.set("event", state.selected);
  if (state.document) params.set("document", state.document);
  for (const name of ["actor", "side", "q", "from", "to"]) if (state[name]) params.set(name, state[name]);
  if (state.types.size !== TYPES.length) params.set("type", [...state.types].join(","));
  const hash = params.toString();
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname);
}

/** A day from a year, a month or a day ("2016-06" -> "2016-06-01", or "2016-06-30" as an end). */
function fullDate(text, last) {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text.trim());
  if (!match) return "";
  const [, year, month, day] = match;
  if (day) return text.trim();
  if (!month) return last ? `${year}-12-31` : `${year}-01-01`;
  if (!last) return `${year}-${month}-01`;
  const end = new Date(Date.UTC(Number(year), Number(month), 0));
  return end.toISOString().slice(0, 10);
}

function loadHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const name of ["actor", "side", "q", "document"]) state[name] = params.get(name) || "";
  state.from = fullDate(params.get("from") || "", false);
  state.to = fullDate(params.get("to") || "", true);
  if (params.has("type")) {
    const known = new Set(TYPES.map(([t]) => t));
    state.types = new Set(params.get("type").split(",").filter((t) => known.has(t)));
  }
  return params.get("event");
}

// -- start ------------------------------------------------------------------------------------

function wire() {
  byId("document-select").addEventListener("change", (e) => chooseDocument(e.target.value));
  const actorChanged = debounce(() => { state.actor = byId("actor").value.trim(); refresh(); }, 350);
  byId("actor").addEventListener("input", actorChanged);
  const searched = debounce(() => { state.q = byId("q").value.trim(); refresh(); }, 400);
  byId("q").addEventListener("input", searched);
  byId("search-form").addEventListener("submit", (e) => { e.preventDefault(); state.q = byId("q").value.trim(); refresh(); });
  byId("from").addEventListener("change", datesTyped);
  byId("to").addEventListener("change", datesTyped);
  byId("types-all").addEventListener("click", () => setAllTypes(true));
  byId("types-none").addEventListener("click", () => setAllTypes(false));
  byId("clear-dates").addEventListener("click", () => { timeline.setRange(null); brushed(null); });
  byId("reset").addEventListener("click", () => {
    Object.assign(state, { actor: "", side: "", q: "", from: "", to: "" });
    byId("actor").value = "";
    byId("q").value = "";
    timeline.setRange(null);
    buildSides();
    setAllTypes(true);
  });
  byId("article").addEventListener("click", (e) => {
    const mark = e.target.closest("[data-event]");
    if (mark && mark.dataset.event !== state.selected) select(mark.dataset.event);
  });
  new ResizeObserver(() => map.resize()).observe(byId("map"));
}

async function start() {
  wire();
  const wanted = loadHash();
  byId("actor").value = state.actor;
  byId("q").value = state.q;
  if (state.from || state.to) timeline.range = [state.from ? toDay(state.from) : -1e9, state.to ? toDay(state.to) : 1e9];
  const basemap = map.loadBasemap().catch((e) => toast(`The basemap did not load: ${e.message}`));
  try {
    const [summary, docs] = await Promise.all([get("/api/summary"), get("/api/documents")]);
    buildTypeFilter(summary);
    buildDocuments(docs.documents);
    if (!summary.events) toast("The database holds no events yet: run `annals ingest FILES --db PATH`.");
  } catch (error) {
    toast(error.message);
  }
  buildSides();
  loadActors().catch((e) => toast(e.message));
  await refresh({ fit: true });
  if (wanted) await select(wanted);
  else if (state.document) await showDocument(state.document, null);
  await basemap;
  document.body.dataset.ready = "true";
}

start();
