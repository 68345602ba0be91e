// Reading and writing the hash addresses ("#/progression?from=a&to=b").

/** "#/role/x?y=1" -> { path: "/role/x", query: URLSearchParams } */
export function parseHash(hash) {
  const raw = hash.replace(/^#/, "");
  const cut = raw.indexOf("?");
  const path = cut >= 0 ? raw.slice(0, cut) : raw;
  const queryString = cut >= 0 ? raw.slice(cut + 1) : "";
  return { path: path || "/", query: new URLSearchParams(queryString) };
}

/** Build "#/path?k=v", leaving out empty values; an array repeats its key. */
export function buildHash(path, params = {}) {
  const query = new URLSearchParams();
  const empty = (value) => value === null || value === undefined || value === "";
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      for (const item of value) if (!empty(item)) query.append(key, item);
    } else if (!empty(value)) {
      query.set(key, value);
    }
  }
  const text = query.toString();
  return `#${path}${text ? `?${text}` : ""}`;
}
