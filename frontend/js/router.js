// The app's addresses: reading and writing the hash ("#/progression?from=a&to=b")
// and the table of routes from a path to the view that draws it.

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

/**
 * Every address of the app: the path's pattern, the view that draws it (by
 * name: main.js holds the views), the names of the parts the pattern
 * captures, and the navigation link it belongs to.
 */
export const ROUTES = [
  { pattern: /^\/?$/, view: "ladder", nav: "ladder" },
  { pattern: /^\/ladder\/?$/, view: "ladder", nav: "ladder" },
  { pattern: /^\/role\/([^/]+)\/?$/, view: "role", keys: ["slug"], nav: "ladder" },
  { pattern: /^\/skill\/([^/]+)\/?$/, view: "skill", keys: ["code"], nav: "ladder" },
  { pattern: /^\/progression\/?$/, view: "progression", nav: "progression" },
  { pattern: /^\/compare\/?$/, view: "compare", nav: "compare" },
  { pattern: /^\/me\/?$/, view: "me", nav: "me" },
  { pattern: /^\/plan\/?$/, view: "plan", nav: "me" },
  { pattern: /^\/search\/?$/, view: "search", nav: "search" },
  { pattern: /^\/health\/?$/, view: "health", nav: "health" },
];

/** "/role/x%20y" -> { route, params: { slug: "x y" } }; null when no route matches. */
export function matchRoute(path) {
  for (const route of ROUTES) {
    const found = route.pattern.exec(path);
    if (found) {
      const params = {};
      (route.keys || []).forEach((key, index) => {
        try {
          params[key] = decodeURIComponent(found[index + 1]);
        } catch {
          params[key] = found[index + 1];
        }
      });
      return { route, params };
    }
  }
  return null;
}
