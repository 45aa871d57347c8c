// The map: Natural Earth countries (world-atlas TopoJSON, converted in the browser with
// topojson-client) under one circle marker per located event, coloured by type and sized
// by fatalities. No tiles, no network beyond this server.
import { h } from "./dom.js";
import { radius, typeColor, fatalitiesText } from "./colors.js";

const L = window.L;
const SVG_LIMIT = 3000; // above this many markers draw on a canvas
const PLACE_LABELS = 40; // name the places when there are at most this many

export class EventMap {
  constructor(element, { onSelect }) {
    this.element = element;
    this.onSelect = onSelect;
    this.map = L.map(element, {
      worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.25, attributionControl: false,
      preferCanvas: false,
    }).setView([30, 20], 2);
    this.basemapRenderer = L.canvas({ padding: 0.5 });
    this.layer = L.layerGroup().addTo(this.map);
    this.labels = L.layerGroup().addTo(this.map);
    this.map.on("zoomend", () => this.drawLabels());
    this.markers = new Map();
    this.selected = null;
    this.addAttribution();
  }

  addAttribution() {
    const Attribution = L.Control.extend({
      onAdd: () => h("div", { class: "map-credit" }, "Natural Earth · world-atlas · Leaflet"),
    });
    new Attribution({ position: "bottomright" }).addTo(this.map);
  }

  async loadBasemap() {
    const response = await fetch("/static/vendor/world-atlas/countries-50m.json");
    const topology = await response.json();
    const countries = window.topojson.feature(topology, topology.objects.countries);
    L.geoJSON(countries, {
      renderer: this.basemapRenderer, interactive: false,
      style: { color: "#b9b4a7", weight: 0.6, fillColor: "#f4f1e8", fillOpacity: 1 },
    }).addTo(this.map);
    const borders = window.topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b);
    L.geoJSON(borders, { renderer: this.basemapRenderer, interactive: false,
      style: { color: "#a39d8d", weight: 0.8, fill: false } }).addTo(this.map);
    this.element.dataset.basemap = String(countries.features.length);
  }

  /** Draw these events (those with coordinates); fit the view to them if asked. */
  show(events, { fit = false } = {}) {
    this.layer.clearLayers();
    this.markers.clear();
    const located = events.filter((e) => e.location && e.location.latitude !== null && e.location.longitude !== null);
    const renderer = located.length > SVG_LIMIT ? L.canvas({ padding: 0.3 }) : L.svg({ padding: 0.3 });
    // Big circles first so that small ones stay clickable on top.
    located.sort((a, b) => radius(b) - radius(a));
    for (const event of located) {
      const marker = L.circleMarker([event.location.latitude, event.location.longitude], {
        renderer, radius: radius(event), color: "#ffffff", weight: 1, opacity: 0.9,
        fillColor: typeColor(event.event_type), fillOpacity: 0.78, className: "event-marker",
      });
      marker.bindTooltip(() => tooltip(event), { direction: "top", offset: [0, -4], opacity: 1 });
      marker.on("click", () => this.onSelect(event.id));
      marker.addTo(this.layer);
      if (marker._path) marker._path.dataset.event = event.id; // SVG only: lets tests and tools find it
      this.markers.set(event.id, marker);
    }
    this.labelPlaces(located);
    this.element.dataset.markers = String(located.length);
    if (fit && located.length) {
      const bounds = L.latLngBounds(located.map((e) => [e.location.latitude, e.location.longitude]));
      this.map.fitBounds(bounds.pad(0.15), { maxZoom: 9, animate: false });
    }
    if (this.selected) this.highlight(this.selected, { pan: false });
  }

  /** Name the places on the map when there are few of them (there are no tiles to name them). */
  labelPlaces(located) {
    const places = new Map();
    for (const e of located) {
      if (!e.location.name) continue;
      const key = `${e.location.name}|${e.location.latitude}|${e.location.longitude}`;
      const seen = places.get(key) || { event: e, r: 0, n: 0 };
      places.set(key, { event: seen.event, r: Math.max(seen.r, radius(e)), n: seen.n + 1 });
    }
    this.places = places.size > PLACE_LABELS ? [] : [...places.values()].sort((a, b) => b.n - a.n);
    this.drawLabels();
  }

  /** Write the place names that do not overlap one written before (busiest places first). */
  drawLabels() {
    this.labels.clearLayers();
    const taken = [];
    for (const { event, r } of this.places || []) {
      const latLng = [event.location.latitude, event.location.longitude];
      const point = this.map.latLngToContainerPoint(latLng);
      const box = { x0: point.x + r + 2, y0: point.y - 8, x1: point.x + r + 8 + 6.5 * event.location.name.length, y1: point.y + 8 };
      if (taken.some((t) => box.x0 < t.x1 && t.x0 < box.x1 && box.y0 < t.y1 && t.y0 < box.y1)) continue;
      taken.push(box);
      L.tooltip({ permanent: true, direction: "right", offset: [r, 0], className: "place-label", interactive: false })
        .setLatLng(latLng).setContent(h("span", {}, event.location.name)).addTo(this.labels);
    }
  }

  /** Ring the selected event's marker and bring it into view. */
  highlight(eventId, { pan = true } = {}) {
    const previous = this.markers.get(this.selected);
    if (previous) previous.setStyle({ color: "#ffffff", weight: 1 });
    this.selected = eventId;
    const marker = this.markers.get(eventId);
    if (!marker) return;
    marker.setStyle({ color: "#111111", weight: 3 });
    marker.bringToFront();
    if (pan && !this.map.getBounds().pad(-0.1).contains(marker.getLatLng())) {
      this.map.panTo(marker.getLatLng(), { animate: true });
    }
  }

  resize() {
    this.map.invalidateSize();
  }
}

function tooltip(event) {
  const dead = fatalitiesText(event.fatalities);
  const place = event.location && event.location.name ? event.location.name : "";
  return h("div", { class: "tip" },
    h("div", { class: "tip-type" }, event.sub_event_type),
    h("div", {}, [event.date_start, place].filter(Boolean).join(" · ")),
    event.actor1 ? h("div", { class: "tip-actors" }, event.actor2 ? `${event.actor1} – ${event.actor2}` : event.actor1) : null,
    dead ? h("div", { class: "tip-dead" }, `${dead} killed`) : null);
}
