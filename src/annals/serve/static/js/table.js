// The event table: sortable columns; a click selects the event. Long lists show in steps.
import { h, fill, count } from "./dom.js";
import { typeColor, fatalitiesText } from "./colors.js";

const STEP = 250;

const COLUMNS = [
  { key: "date", label: "Date", value: (e) => e.date_start },
  { key: "type", label: "Event", value: (e) => `${e.event_type} ${e.sub_event_type}` },
  { key: "actor1", label: "Actor 1", value: (e) => e.actor1 || "" },
  { key: "actor2", label: "Actor 2", value: (e) => e.actor2 || "" },
  { key: "place", label: "Place", value: (e) => (e.location && e.location.name) || "" },
  { key: "dead", label: "Killed", value: (e) => e.fatalities.best ?? e.fatalities.low ?? -1, numeric: true },
  { key: "title", label: "Article", value: (e) => e.title },
];

export class EventTable {
  constructor(table, footer, { onSelect }) {
    this.table = table;
    this.footer = footer;
    this.onSelect = onSelect;
    this.sort = { key: "date", descending: false };
    this.events = [];
    this.shown = STEP;
    this.selected = null;
    this.body = h("tbody");
    this.head = h("thead");
    fill(table, this.head, this.body);
    this.body.addEventListener("click", (e) => {
      const row = e.target.closest("tr[data-id]");
      if (row) this.onSelect(row.dataset.id);
    });
    this.body.addEventListener("keydown", (e) => {
      const row = e.target.closest("tr[data-id]");
      if (row && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        this.onSelect(row.dataset.id);
      }
    });
  }

  show(events) {
    this.events = events;
    this.shown = STEP;
    this.render();
  }

  sorted() {
    const column = COLUMNS.find((c) => c.key === this.sort.key);
    const sign = this.sort.descending ? -1 : 1;
    return [...this.events].sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      const order = column.numeric ? x - y : String(x).localeCompare(String(y));
      return sign * order || a.date_start.localeCompare(b.date_start) || a.id.localeCompare(b.id);
    });
  }

  render() {
    fill(this.head, h("tr", {}, COLUMNS.map((column) => {
      const active = this.sort.key === column.key;
      const button = h("button", { type: "button", class: "sort", "aria-label": `Sort by ${column.label}` },
        column.label, active ? (this.sort.descending ? " ▾" : " ▴") : "");
      button.addEventListener("click", () => {
        this.sort = { key: column.key, descending: active ? !this.sort.descending : column.numeric === true };
        this.render();
      });
      return h("th", { scope: "col", class: column.numeric ? "num" : column.key === "title" ? "article-col" : null,
        "aria-sort": active ? (this.sort.descending ? "descending" : "ascending") : null }, button);
    })));
    const rows = this.sorted();
    if (this.selected) {  // keep the selected event visible even when it sorts past the shown rows
      const at = rows.findIndex((e) => e.id === this.selected);
      if (at >= this.shown) this.shown = at + 1;
    }
    const oneArticle = new Set(rows.map((e) => e.document)).size <= 1;
    this.table.classList.toggle("one-article", oneArticle);
    fill(this.body, rows.slice(0, this.shown).map((e) => row(e, e.id === this.selected)));
    const more = rows.length > this.shown;
    const button = more ? h("button", { type: "button", class: "link" }, `show ${count(Math.min(STEP, rows.length - this.shown))} more`) : null;
    if (button) button.addEventListener("click", () => { this.shown += STEP; this.render(); });
    fill(this.footer, rows.length ? `${count(Math.min(this.shown, rows.length))} of ${count(rows.length)} events` : "No events match the filters", " ", button);
  }

  highlight(eventId) {
    this.selected = eventId;
    for (const tr of this.body.querySelectorAll("tr.selected")) tr.classList.remove("selected");
    let tr = [...this.body.children].find((r) => r.dataset.id === eventId);
    if (!tr && this.events.some((e) => e.id === eventId)) {
      this.render();
      tr = [...this.body.children].find((r) => r.dataset.id === eventId);
    }
    if (tr) {
      tr.classList.add("selected");
      tr.scrollIntoView({ block: "nearest" });
    }
  }
}

function row(e, selected) {
  const place = e.location && e.location.name ? e.location.name : "—";
  return h("tr", { "data-id": e.id, tabindex: 0, class: selected ? "selected" : null },
    h("td", { class: "nowrap" }, e.date_start === e.date_end ? e.date_start : `${e.date_start} …`),
    h("td", { title: `${e.event_type}: ${e.sub_event_type}` },
      h("span", { class: `dot t-${slug(e.event_type)}`, "aria-hidden": "true" }), e.sub_event_type),
    h("td", { title: e.actor1 || "" }, sided(e.actor1, e.actor1_side)),
    h("td", { title: e.actor2 || "" }, sided(e.actor2, e.actor2_side)),
    h("td", { title: place }, place),
    h("td", { class: "num" }, fatalitiesText(e.fatalities)),
    h("td", { class: "muted article-col", title: e.title }, e.title));
}

function sided(name, side) {
  if (!name) return "—";
  return [name, side ? h("sup", { class: `side s${side}` }, String(side)) : null];
}

export function slug(type) {
  return type.toLowerCase().replace(/[^a-z]+/g, "-");
}

export { typeColor };
