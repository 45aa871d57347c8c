// The JSON API: GET only, same origin. Errors arrive as {ok: false, error, status}.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, `${url}: the server sent no JSON (HTTP ${response.status})`);
  }
  if (!response.ok || !body.ok) throw new ApiError(response.status, body.error || `HTTP ${response.status}`);
  return body;
}

/** Every event matching the filters, fetched a page at a time (pages in parallel after the first). */
export async function allEvents(filters, pageSize = 5000) {
  const first = await get("/api/events", { ...filters, limit: pageSize, offset: 0 });
  const pages = [];
  for (let offset = pageSize; offset < first.total; offset += pageSize) {
    pages.push(get("/api/events", { ...filters, limit: pageSize, offset }));
  }
  const rest = await Promise.all(pages);
  return { total: first.total, events: first.events.concat(...rest.map((page) => page.events)) };
}
