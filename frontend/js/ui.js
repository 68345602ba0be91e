// Shared pieces of the views: states (loading, error, empty), links to roles
// and skills, badges, score bars and the lists of a gap. The role and skill
// pickers are in combobox.js.

import { h } from "./dom.js";

const PATH_HUES = 6;
let pathOrder = [];

/** Career path names in the framework's order, so each path keeps one colour. */
export function setPathOrder(names) {
  pathOrder = names.slice();
}

export function pathIndex(name) {
  const index = pathOrder.indexOf(name);
  if (index >= 0) return index % PATH_HUES;
  // A path the shell did not list (it failed to load): a stable hash instead.
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % PATH_HUES;
}

export function pathClass(name) {
  return `path-${pathIndex(name)}`;
}

export function loading(what) {
  return h(
    "div",
    { class: "state state-loading", role: "status", "aria-live": "polite" },
    h("span", { class: "spinner", "aria-hidden": "true" }),
    h("span", { text: `Loading ${what}…` }),
  );
}

/** An error in words; `retry` adds a button that runs it again. */
export function errorBox(error, retry) {
  const lines = String(error?.message || error || "Something went wrong.").split("\n");
  return h(
    "div",
    { class: "state state-error", role: "alert" },
    h("h2", { text: "That did not work" }),
    lines.map((line) => h("p", { class: "error-message", text: line })),
    retry
      ? h("button", { type: "button", class: "button", on: { click: retry } }, "Try again")
      : null,
  );
}

/**
 * Roles an address names that the framework lacks: said once, with no "Try
 * again" (it cannot help), and what to do instead.
 */
export function unknownRoles(slugs, what) {
  return notice(
    [...new Set(slugs)].map((slug) => `No role has the address “${slug}”.`).join(" "),
    what,
  );
}

export function notice(title, ...body) {
  return h(
    "div",
    { class: "state state-empty", role: "status" },
    h("h2", { text: title }),
    ...body.map((part) => (typeof part === "string" ? h("p", { text: part }) : part)),
  );
}

export function roleHref(slug) {
  return `#/role/${encodeURIComponent(slug)}`;
}

export function skillHref(code) {
  return `#/skill/${encodeURIComponent(code)}`;
}

export function roleLink(role, extraClass = "") {
  return h("a", { href: roleHref(role.slug), class: ["role-link", extraClass] }, role.title);
}

export function skillLink(skill) {
  return h(
    "a",
    { href: skillHref(skill.code), class: "skill-link" },
    h("span", { class: "code", text: skill.code }),
    " ",
    h("span", { class: "skill-name", text: skill.name }),
  );
}

export function levelBadge(level, label = "Level") {
  return h("span", { class: "badge level-badge", title: `${label} ${level}` }, `${label} ${level}`);
}

export function pathChip(name) {
  return h("span", { class: ["chip", "path-chip", pathClass(name)] }, name);
}

/** The role's track, or for a role without one on a path with tracks, that it is a shared rung. */
export function trackChip(role) {
  if (role.track) return h("span", { class: "chip track-chip", text: `Track: ${role.track.name}` });
  const tracks = role.careerPath.tracks || [];
  if (tracks.length === 0) return null;
  return h("span", {
    class: "chip track-chip track-shared",
    title: `A rung of every track: ${tracks.map((track) => track.name).join(", ")}`,
    text: "Every track",
  });
}

export const KIND_LABELS = { PROMOTION: "Promotion", TRACK_CHANGE: "Track change", PATH_CHANGE: "Path change" };
const KIND_CLASSES = { PROMOTION: "kind-promotion", TRACK_CHANGE: "kind-track", PATH_CHANGE: "kind-change" };

export function kindChip(kind) {
  return h("span", { class: ["chip", "kind-chip", KIND_CLASSES[kind] || "kind-change"] }, KIND_LABELS[kind] || kind);
}

/** "Declared", for a step the framework declares (its `moves`). */
export function declaredChip(step) {
  return step.declared
    ? h("span", { class: ["chip", "declared-chip"], title: "A move the framework declares" }, "Declared")
    : null;
}

/** A declared move's note, as the framework words it. */
export function stepNote(step) {
  return step.note ? h("p", { class: "step-note", text: step.note }) : null;
}

export function effortBadge(effort) {
  return h("span", { class: "badge effort-badge" }, `effort ${effort}`);
}

export function percent(score) {
  return `${Math.round(score * 100)}%`;
}

/** A score from 0 to 1 as a bar and a percentage: "56% match", "40% similar". */
export function scoreBar(score, word, title = null) {
  const fill = h("span", { class: "score-fill" });
  fill.style.width = percent(score);
  return h(
    "span",
    { class: "score", title },
    h("span", { class: "score-bar", "aria-hidden": "true" }, fill),
    h("span", { class: "score-value", text: `${percent(score)} ${word}` }),
  );
}

/** "Level 5 · Technical", or "Level 3 · Engineering › QA" on a track. */
export function roleMeta(role) {
  const track = role.track ? ` › ${role.track.name}` : "";
  return h("span", { class: "role-meta" }, `Level ${role.level.number} · ${role.careerPath.name}${track}`);
}

export function setTitle(...parts) {
  document.title = [...parts.filter(Boolean), "Competency Explorer"].join(" · ");
}

export function pageHeader(title, ...rest) {
  return h(
    "header",
    { class: "page-header" },
    h("h1", { tabindex: "-1", text: title }),
    ...rest,
  );
}

/** A list of learning resources: title (a link when given), kind and level. */
export function resourceList(resources) {
  return h("ul", { class: "resource-list" }, resources.map((resource) => h(
    "li",
    { class: "resource" },
    safeHref(resource.url)
      ? h("a", { href: resource.url, class: "external resource-title", rel: "noopener noreferrer" }, resource.title)
      : h("span", { class: "resource-title", text: resource.title }),
    " ",
    h("span", { class: "resource-facts", text: [resource.kind, resource.level === null ? "any level" : `level ${resource.level}`].filter(Boolean).join(" · ") }),
  )));
}

/** The framework's links are checked when it loads; this keeps a page safe anyway. */
export function safeHref(url) {
  return typeof url === "string" && /^(https?:\/\/|mailto:)/i.test(url);
}

/** The three lists of a gap: new skills, level-ups, met. */
export function gapColumns(gap) {
  return h(
    "div",
    { class: "gap-columns" },
    gapList("New skills", "gap-new", gap.newSkills, (item) => [skillLink(item.skill), h("span", { class: "badge", text: `level ${item.level}` })]),
    gapList("Level-ups", "gap-up", gap.levelUps, (item) => [skillLink(item.skill), h("span", { class: "badge", text: `${item.from} → ${item.to}` })]),
    gapList("Already met", "gap-met", gap.met, (item) => [skillLink(item.skill), h("span", { class: "badge", text: `level ${item.level}` })]),
  );
}

function gapList(title, cls, items, renderItem) {
  return h(
    "div",
    { class: ["gap-list", cls] },
    // An empty list says so once: no "(0)" above a "None".
    h("h4", {}, title, items.length ? h("span", { class: "count", text: ` (${items.length})` }) : null),
    items.length
      ? h("ul", {}, items.map((item) => h("li", {}, ...renderItem(item))))
      : h("p", { class: "muted gap-none", text: "None" }),
  );
}
