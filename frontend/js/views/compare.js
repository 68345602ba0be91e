// Compare two roles: the skills both require (with both levels), the skills
// only one requires, and where the levels differ.

import { fetchCompare } from "../api.js";
import { rolePicker } from "../combobox.js";
import { fill, h } from "../dom.js";
import {
  errorBox,
  levelBadge,
  loading,
  pageHeader,
  pathChip,
  roleLink,
  setTitle,
  skillLink,
  trackChip,
  unknownRoles,
} from "../ui.js";

export const loadingLabel = "the comparison";

export async function render(ctx) {
  setTitle("Compare roles");
  const aSlug = ctx.query.get("a") || "";
  const bSlug = ctx.query.get("b") || "";
  const a = rolePicker("First role (A)", { name: "a" });
  const b = rolePicker("Second role (B)", { name: "b" });
  const found = await Promise.all([a.setSlug(aSlug), b.setSlug(bSlug)]);
  const unknown = [aSlug, bSlug].filter((slug, i) => slug && found[i] === null);
  const formError = h("p", { class: "form-error", role: "alert", hidden: true });
  const results = h("div", { class: "results", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "panel picker-form", "aria-label": "Choose two roles to compare" },
    h("div", { class: "picker-row" }, a.field, h("span", { class: "versus", "aria-hidden": "true", text: "vs" }), b.field),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "button button-primary" }, "Compare")),
    formError,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const problems = [];
    let slugA;
    let slugB;
    try {
      [slugA, slugB] = await Promise.all([a.value(), b.value()]);
    } catch (error) {
      formError.hidden = false;
      formError.textContent = error.message;
      return;
    }
    for (const [picker, slug, label] of [[a, slugA, "first"], [b, slugB, "second"]]) {
      if (slug === null) problems.push(`Choose the ${label} role.`);
      if (slug === undefined) problems.push(`No role is called “${picker.input.value.trim()}”. Pick one from the list.`);
    }
    formError.hidden = problems.length === 0;
    formError.textContent = problems.join(" ");
    if (!problems.length) ctx.navigate("/compare", { a: slugA, b: slugB });
  });
  const view = h(
    "section",
    { class: "view view-compare" },
    pageHeader("Compare roles", h("p", { class: "lead", text: "Two roles side by side: the skills they share, where their levels differ, and what only one of them asks for." })),
    form,
    results,
  );
  if (unknown.length) results.append(unknownRoles(unknown, "Choose the roles to compare above."));
  else if (aSlug && bSlug) await showComparison(results, aSlug, bSlug, ctx);
  else results.append(h("p", { class: "muted empty-hint", text: "Pick two roles to compare them." }));
  return view;
}

async function showComparison(results, aSlug, bSlug, ctx) {
  fill(results, loading("the comparison"));
  let data;
  try {
    data = await fetchCompare(aSlug, bSlug);
  } catch (error) {
    fill(results, errorBox(error, () => showComparison(results, aSlug, bSlug, ctx)));
    return;
  }
  if (!ctx.isCurrent()) return;
  const { roleA, roleB, sharedSkills: shared } = data;
  setTitle(`${roleA.title} and ${roleB.title}`, "Compare");
  // Shared and "only" lists compare core requirements; optional ones are apart.
  const sharedCodes = new Set(shared.map((entry) => entry.skill.code));
  const onlyA = roleA.requirements.filter((req) => !req.optional && !sharedCodes.has(req.skill.code));
  const onlyB = roleB.requirements.filter((req) => !req.optional && !sharedCodes.has(req.skill.code));
  const optionalA = roleA.requirements.filter((req) => req.optional);
  const optionalB = roleB.requirements.filter((req) => req.optional);
  const differing = shared.filter((entry) => entry.levelA !== entry.levelB).length;

  const roleCard = (role, letter) =>
    h("div", { class: "compare-role" },
      h("span", { class: "compare-letter", "aria-hidden": "true", text: letter }),
      h("div", {},
        h("h2", { class: "compare-role-title" }, h("span", { class: "visually-hidden", text: `${letter}: ` }), roleLink(role)),
        h("p", { class: "role-meta" }, pathChip(role.careerPath.name), " ", trackChip(role), ` Level ${role.level.number} · ${role.level.name}`),
        role.summary ? h("p", { class: "muted compare-summary", text: role.summary }) : null));

  fill(results, 
    h("div", { class: "compare-heads" }, roleCard(roleA, "A"), roleCard(roleB, "B")),
    h("p", { class: "summary-line compare-summary-line", "data-autofocus": "", tabindex: "-1" },
      `${shared.length} shared skill${shared.length === 1 ? "" : "s"}, ${differing} at different levels · ${onlyA.length} only in A · ${onlyB.length} only in B` +
        (optionalA.length || optionalB.length ? ` · optional: ${optionalA.length} in A, ${optionalB.length} in B` : "")),
    sharedTable(shared),
    h("div", { class: "compare-only" },
      onlyList(`Only ${roleA.title} (A) requires`, "only-a", onlyA),
      onlyList(`Only ${roleB.title} (B) requires`, "only-b", onlyB)),
    optionalA.length || optionalB.length
      ? h("div", { class: "compare-only compare-optional" },
          onlyList(`Optional for ${roleA.title} (A)`, "optional-a", optionalA),
          onlyList(`Optional for ${roleB.title} (B)`, "optional-b", optionalB))
      : null,
  );
}

function sharedTable(shared) {
  const heading = h("h2", { id: "shared-h" }, "Skills both require");
  if (shared.length === 0) {
    return h("section", { class: "panel", "aria-labelledby": "shared-h" }, heading,
      h("p", { class: "muted", text: "These roles have no skill in common." }));
  }
  return h(
    "section",
    { class: "panel", "aria-labelledby": "shared-h" },
    heading,
    h(
      "table",
      { class: "data-table shared-table" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col", text: "Skill" }),
        h("th", { scope: "col", class: "num", text: "A" }),
        h("th", { scope: "col", class: "num", text: "B" }),
        h("th", { scope: "col", text: "Difference" }))),
      h(
        "tbody",
        {},
        shared.map((entry) => {
          const delta = entry.levelB - entry.levelA;
          const cls = delta > 0 ? "diff-up" : delta < 0 ? "diff-down" : "diff-same";
          const text = delta > 0 ? `B is ${delta} higher` : delta < 0 ? `A is ${-delta} higher` : "Same level";
          return h(
            "tr",
            { class: ["shared-row", cls], "data-code": entry.skill.code },
            h("th", { scope: "row" }, skillLink(entry.skill)),
            h("td", { class: "num level-a", text: String(entry.levelA) }),
            h("td", { class: "num level-b", text: String(entry.levelB) }),
            h("td", { class: "difference" }, h("span", { class: ["diff-badge", cls], text })),
          );
        }),
      ),
    ),
  );
}

function onlyList(title, cls, requirements) {
  const id = `${cls}-h`;
  return h(
    "section",
    { class: ["panel", cls], "aria-labelledby": id },
    h("h2", { id }, title, requirements.length ? h("span", { class: "count", text: ` (${requirements.length})` }) : null),
    requirements.length
      ? h("ul", { class: "plain-list" }, requirements.map((req) => h("li", { class: "only-item" }, skillLink(req.skill), " ", levelBadge(req.level))))
      : h("p", { class: "muted", text: "None" }),
  );
}

