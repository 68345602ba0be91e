// Shared pieces of the views: states (loading, error, empty), links to roles
// and skills, badges, score bars, the lists of a gap, and the searchable role
// and skill pickers.

import { h, uid } from "./dom.js";

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

export const KIND_LABELS = { PROMOTION: "Promotion", PATH_CHANGE: "Path change" };

export function kindChip(kind) {
  return h(
    "span",
    { class: ["chip", kind === "PROMOTION" ? "kind-promotion" : "kind-change"] },
    KIND_LABELS[kind] || kind,
  );
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

/** "Senior Engineer · Level 5 · Technical" as plain parts. */
export function roleMeta(role) {
  return h(
    "span",
    { class: "role-meta" },
    `Level ${role.level.number}`,
    " · ",
    role.careerPath.name,
  );
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

/**
 * A searchable role picker: a text input with a datalist of role titles.
 * Accepts a title or a slug typed in any case. `value()` gives the slug or
 * null; `set(slug)` shows a role.
 */
export function rolePicker(label, roles, initialSlug, { name, hint } = {}) {
  const inputId = uid("role");
  const listId = uid("roles");
  const hintId = hint ? uid("hint") : null;
  const bySlug = new Map(roles.map((role) => [role.slug, role]));
  const byTitle = new Map(roles.map((role) => [role.title.toLowerCase(), role]));
  const input = h("input", {
    id: inputId,
    name,
    list: listId,
    autocomplete: "off",
    spellcheck: "false",
    class: "input",
    placeholder: "Type a role title",
    "aria-describedby": hintId,
  });
  const list = h(
    "datalist",
    { id: listId },
    roles.map((role) =>
      h("option", { value: role.title, label: `Level ${role.level} · ${role.path}` }),
    ),
  );
  const field = h(
    "div",
    { class: "field" },
    h("label", { for: inputId, text: label }),
    input,
    list,
    hint ? h("p", { id: hintId, class: "hint", text: hint }) : null,
  );
  const resolve = () => {
    const typed = input.value.trim();
    if (!typed) return null;
    const role = byTitle.get(typed.toLowerCase()) || bySlug.get(slugify(typed));
    return role ? role.slug : undefined;
  };
  const set = (slug) => {
    const role = slug ? bySlug.get(slug) || bySlug.get(slugify(slug)) : null;
    input.value = role ? role.title : slug || "";
  };
  set(initialSlug);
  return { field, input, value: resolve, set };
}

/** The contract's slug rule, so a typed title or slug finds its role. */
export function slugify(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * A searchable skill picker: "CODE — Name" options; accepts a code or a name.
 */
export function skillPicker(label, skills) {
  const inputId = uid("skill");
  const listId = uid("skills");
  const byCode = new Map(skills.map((skill) => [skill.code, skill]));
  const byName = new Map(skills.map((skill) => [skill.name.toLowerCase(), skill]));
  const input = h("input", {
    id: inputId,
    list: listId,
    autocomplete: "off",
    spellcheck: "false",
    class: "input",
    placeholder: "Skill code or name",
  });
  const list = h(
    "datalist",
    { id: listId },
    skills.map((skill) => h("option", { value: `${skill.code} — ${skill.name}` })),
  );
  const field = h("div", { class: "field" }, h("label", { for: inputId, text: label }), input, list);
  const resolve = () => {
    const typed = input.value.trim();
    if (!typed) return null;
    const code = typed.split(/\s+[—-]\s+/)[0].trim().toUpperCase();
    const skill = byCode.get(code) || byName.get(typed.toLowerCase());
    return skill ? skill.code : undefined;
  };
  return { field, input, value: resolve };
}

export function levelSelect(label, selected, { id = uid("level"), levels = null } = {}) {
  const select = h(
    "select",
    { id, class: "input select" },
    [1, 2, 3, 4, 5, 6, 7].map((n) =>
      h(
        "option",
        { value: String(n), selected: n === selected },
        levels && levels[n] ? `${n} · ${levels[n]}` : String(n),
      ),
    ),
  );
  return { select, label: h("label", { for: id, text: label }) };
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
    h("h4", {}, title, h("span", { class: "count", text: ` (${items.length})` })),
    items.length
      ? h("ul", {}, items.map((item) => h("li", {}, ...renderItem(item))))
      : h("p", { class: "muted", text: "None" }),
  );
}
