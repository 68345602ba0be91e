// One role: what it asks for, where it leads, where it comes from, and the
// roles most like it.

import { fetchRole } from "../api.js";
import { h } from "../dom.js";
import { buildHash } from "../router.js";
import {
  effortBadge,
  kindChip,
  levelBadge,
  notice,
  pathChip,
  roleLink,
  roleMeta,
  scoreBar,
  setTitle,
  skillLink,
} from "../ui.js";

export const loadingLabel = "the role";

const PREVIOUS_SHOWN = 12;

export async function render(ctx) {
  const slug = ctx.params.slug;
  const data = await fetchRole(slug);
  const role = data.role;
  if (!role) {
    setTitle("Role not found");
    return h(
      "section",
      { class: "view" },
      h("h1", { tabindex: "-1", text: "Role not found" }),
      notice(
        `No role has the address “${slug}”.`,
        h("p", {}, "Look for it in the ", h("a", { href: "#/ladder" }, "career ladder"), " or ",
          h("a", { href: buildHash("/search", { q: slug }) }, "search for it"), "."),
      ),
    );
  }
  setTitle(role.title);
  const header = h(
    "header",
    { class: "page-header" },
    h("p", { class: "eyebrow" }, pathChip(role.careerPath.name), " ",
      h("span", { text: `Level ${role.level.number} · ${role.level.name}` })),
    h("h1", { tabindex: "-1", text: role.title }),
    role.summary ? h("p", { class: "lead", text: role.summary }) : null,
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button", href: buildHash("/progression", { from: role.slug }) }, "Plan a progression from here"),
      h("a", { class: "button", href: buildHash("/progression", { to: role.slug }) }, "Plan a progression to here"),
      h("a", { class: "button", href: buildHash("/compare", { a: role.slug }) }, "Compare with another role"),
    ),
  );
  const overview = role.overview
    ? h("section", { class: "panel", "aria-labelledby": "overview-h" },
        h("h2", { id: "overview-h", text: "Overview" }),
        h("p", { class: "prose", text: role.overview }))
    : null;

  return h(
    "article",
    { class: "view view-role" },
    header,
    h(
      "div",
      { class: "columns" },
      h("div", { class: "column-main" }, overview, requirementsSection(role)),
      h(
        "div",
        { class: "column-side" },
        stepsSection("Next roles", "next-h", role.nextRoles, "to",
          "No role leads on from here: this is the top of its path and no other path shares its skills."),
        stepsSection("Previous roles", "prev-h", role.previousRoles, "from",
          "No role leads here: this is where its career path starts."),
        similarSection(role.similarRoles),
      ),
    ),
  );
}

function requirementsSection(role) {
  const heading = h("h2", { id: "req-h" }, "Skills required ", h("span", { class: "count", text: `(${role.requirements.length})` }));
  if (role.requirements.length === 0) {
    return h("section", { class: "panel", "aria-labelledby": "req-h" }, heading, h("p", { class: "muted", text: "This role lists no skills." }));
  }
  const byCategory = new Map();
  for (const requirement of role.requirements) {
    const name = requirement.skill.category.name;
    if (!byCategory.has(name)) byCategory.set(name, []);
    byCategory.get(name).push(requirement);
  }
  const categories = [...byCategory.keys()].sort((a, b) => a.localeCompare(b));
  return h(
    "section",
    { class: "panel", "aria-labelledby": "req-h" },
    heading,
    categories.map((category) =>
      h(
        "section",
        { class: "category-group" },
        h("h3", { class: "category-name", text: category }),
        h(
          "ul",
          { class: "requirements" },
          byCategory.get(category).map((requirement) =>
            h(
              "li",
              { class: "requirement" },
              h("div", { class: "requirement-head" }, skillLink(requirement.skill), levelBadge(requirement.level)),
              requirement.attainment
                ? h("p", { class: "attainment prose", text: requirement.attainment })
                : h("p", { class: "attainment muted", text: "No attainment text for this level." }),
            ),
          ),
        ),
      ),
    ),
  );
}

function stepsSection(title, id, steps, end, emptyText) {
  const heading = h("h2", { id }, title);
  if (steps.length === 0) {
    return h("section", { class: "panel", "aria-labelledby": id }, heading, h("p", { class: "muted", text: emptyText }));
  }
  const items = steps.map((step) =>
    h(
      "li",
      { class: "step-item" },
      h("div", { class: "step-role" }, roleLink(step[end]), roleMeta(step[end])),
      h("div", { class: "step-facts" }, kindChip(step.kind), effortBadge(step.gap.effort)),
    ),
  );
  const list = h("ul", { class: "step-list" }, items);
  let more = null;
  if (steps.length > PREVIOUS_SHOWN) {
    items.slice(PREVIOUS_SHOWN).forEach((item) => item.classList.add("is-hidden"));
    more = h("button", {
      type: "button",
      class: "button button-quiet",
      on: {
        click: (event) => {
          items.forEach((item) => item.classList.remove("is-hidden"));
          event.currentTarget.remove();
        },
      },
    }, `Show all ${steps.length}`);
  }
  return h("section", { class: "panel", "aria-labelledby": id }, heading, list, more);
}

function similarSection(similar) {
  const heading = h("h2", { id: "similar-h" }, "Similar roles");
  if (similar.length === 0) {
    return h("section", { class: "panel", "aria-labelledby": "similar-h" }, heading, h("p", { class: "muted", text: "No other role shares a skill with this one." }));
  }
  return h(
    "section",
    { class: "panel", "aria-labelledby": "similar-h" },
    heading,
    h("p", { class: "hint", text: "Score: how much the required skill levels overlap." }),
    h(
      "ul",
      { class: "step-list" },
      similar.map((entry) =>
        h(
          "li",
          { class: "step-item" },
          h("div", { class: "step-role" }, roleLink(entry.role), roleMeta(entry.role)),
          h(
            "div",
            { class: "step-facts" },
            scoreBar(entry.score, "similar", `${entry.shared.length} skills in common`),
          ),
        ),
      ),
    ),
  );
}
