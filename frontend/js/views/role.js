// One role: what it asks for, where it leads, where it comes from, and the
// roles most like it.

import { fetchNextRoles, fetchPreviousRoles, fetchRole } from "../api.js";
import { h, uid } from "../dom.js";
import { markdownBlocks } from "../markdown.js";
import { focusInto } from "../more.js";
import { buildHash } from "../router.js";
import {
  declaredChip,
  effortBadge,
  errorBox,
  kindChip,
  levelBadge,
  notice,
  pathChip,
  roleLink,
  roleMeta,
  scoreBar,
  setTitle,
  skillLink,
  stepNote,
  trackChip,
} from "../ui.js";

export const loadingLabel = "the role";

// Next and previous roles: the first few by effort, then more on request
// (a role of a big framework can have hundreds), up to the API's limit.
const STEPS_FIRST = 8;
const STEPS_PAGE = 25;
const STEPS_MOST = 100;

// What the number on each step means, where the steps are listed.
const EFFORT_HINT = () => h("p", { class: "hint effort-hint" },
  "Effort: the skill levels to gain for the step. A new skill counts its required level, a skill to raise the levels between; skills already held count nothing.");

export async function render(ctx) {
  const slug = ctx.params.slug;
  const data = await fetchRole(slug, STEPS_FIRST + 1);
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
      trackChip(role), " ",
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
        h("div", { class: "markdown card-text overview-text" }, markdownBlocks(role.overview)))
    : null;
  // The card's own sections, in its order: Markdown read into elements.
  const sections = role.sections.map((section) => {
    const id = uid("section-h");
    return h("section", { class: "panel card-section", "aria-labelledby": id },
      h("h2", { id, text: section.heading }),
      h("div", { class: "markdown" }, markdownBlocks(section.text, { headingLevel: 3 })));
  });

  return h(
    "article",
    { class: "view view-role" },
    header,
    h(
      "div",
      { class: "columns" },
      h("div", { class: "column-main" }, overview, sections, requirementsSection(role), optionalSection(role)),
      h(
        "div",
        { class: "column-side" },
        stepsSection("Next roles", "next-h", role, role.nextRoles, role.nextRoleCount, "to", fetchNextRoles,
          "No role leads on from here: this is the top of its ladder, and neither the framework's rules nor its declared moves lead elsewhere."),
        stepsSection("Previous roles", "prev-h", role, role.previousRoles, role.previousRoleCount, "from", fetchPreviousRoles,
          "No role leads here: this is where its ladder starts."),
        similarSection(role.similarRoles),
      ),
    ),
  );
}

function requirementsSection(role) {
  const core = role.requirements.filter((requirement) => !requirement.optional);
  const heading = h("h2", { id: "req-h" }, "Skills required ", h("span", { class: "count", text: `(${core.length})` }));
  if (core.length === 0) {
    const text = role.requirements.length ? "This role requires no skill; its optional skills are listed below." : "This role lists no skills.";
    return h("section", { class: "panel", "aria-labelledby": "req-h" }, heading, h("p", { class: "muted", text }));
  }
  return h("section", { class: "panel", "aria-labelledby": "req-h" }, heading, requirementGroups(core));
}

/** Optional requirements, apart: listed, never counted. */
function optionalSection(role) {
  const optional = role.requirements.filter((requirement) => requirement.optional);
  if (optional.length === 0) return null;
  return h(
    "section",
    { class: "panel optional-skills", "aria-labelledby": "optional-h" },
    h("h2", { id: "optional-h" }, "Optional skills ", h("span", { class: "count", text: `(${optional.length})` })),
    h("p", { class: "hint", text: "Useful for the role, not required: gaps, effort, similarity and matching leave them out." }),
    requirementGroups(optional),
  );
}

function requirementGroups(requirements) {
  const byCategory = new Map();
  for (const requirement of requirements) {
    const name = requirement.skill.category.name;
    if (!byCategory.has(name)) byCategory.set(name, []);
    byCategory.get(name).push(requirement);
  }
  const categories = [...byCategory.keys()].sort((a, b) => a.localeCompare(b));
  return categories.map((category) =>
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
              ? h("div", { class: "attainment markdown card-text" }, markdownBlocks(requirement.attainment))
              : h("p", { class: "attainment muted", text: "No attainment text for this level." }),
          ),
        ),
      ),
    ),
  );
}

function stepItem(step, end) {
  return h(
    "li",
    { class: ["step-item", step.declared ? "step-declared" : ""] },
    h("div", { class: "step-role" }, roleLink(step[end]), roleMeta(step[end]),
      // Its card lists no core skill: the step's effort of 0 says nothing.
      step[end].coreRequirementCount === 0
        ? h("span", { class: "chip no-skills-chip", title: "This role's card lists no core skill: see Health", text: "No skills listed" })
        : null),
    h("div", { class: "step-facts" }, kindChip(step.kind), declaredChip(step), effortBadge(step.effort)),
    stepNote(step),
  );
}

function stepsSection(title, id, role, steps, total, end, fetchMore, emptyText) {
  const heading = h("h2", { id }, title, total > STEPS_FIRST ? h("span", { class: "count-note", text: ` (${total.toLocaleString("en")})` }) : null);
  if (steps.length === 0) {
    return h("section", { class: "panel", "aria-labelledby": id }, heading, h("p", { class: "muted", text: emptyText }));
  }
  const list = h("ul", { class: "step-list", id: uid("steps") });
  let shown = Math.min(steps.length, STEPS_FIRST);
  list.append(...steps.slice(0, shown).map((step) => stepItem(step, end)));
  const note = h("p", { class: "hint steps-note", hidden: true });
  const section = h("section", { class: "panel", "aria-labelledby": id }, heading, EFFORT_HINT(), list);
  if (steps.length <= STEPS_FIRST) return section;
  const key = end === "to" ? "nextRoles" : "previousRoles";
  const more = h("button", {
    type: "button",
    class: "button button-quiet button-small more-button",
    "aria-controls": list.id,
    "aria-label": `Show more ${title.toLowerCase()}, by effort`,
  }, "Show more");
  more.addEventListener("click", async () => {
    const limit = Math.min(STEPS_MOST, shown + STEPS_PAGE + 1);
    more.disabled = true;
    let answer;
    try {
      answer = (await fetchMore(role.slug, limit)).role[key];
    } catch (error) {
      more.disabled = false;
      note.hidden = false;
      note.replaceChildren(errorBox(error));
      return;
    }
    const upTo = answer.length > shown + STEPS_PAGE ? shown + STEPS_PAGE : answer.length;
    const added = answer.slice(shown, upTo).map((step) => stepItem(step, end));
    list.append(...added);
    shown = upTo;
    note.hidden = true;
    if (answer.length <= shown) {
      more.remove();
      if (total > shown) {
        note.hidden = false;
        note.textContent = `The ${shown} with the least effort of ${total.toLocaleString("en")} are shown.`;
      }
    } else {
      more.disabled = false;
    }
    focusInto(added[0]);
  });
  section.append(more, note);
  return section;
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
