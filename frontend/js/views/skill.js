// One skill: what it is, what each level means, and who requires it.

import { fetchSkill } from "../api.js";
import { h } from "../dom.js";
import { foldedList } from "../more.js";
import { buildHash } from "../router.js";
import { notice, pathChip, resourceList, roleLink, safeHref, setTitle } from "../ui.js";

export const loadingLabel = "the skill";

// A popular skill of a big framework is required by thousands of roles: each
// level's group shows its first roles, then more on request.
const GROUP_FIRST = 10;
const GROUP_PAGE = 50;

export async function render(ctx) {
  const code = ctx.params.code;
  const data = await fetchSkill(code);
  const skill = data.skill;
  if (!skill) {
    setTitle("Skill not found");
    return h(
      "section",
      { class: "view" },
      h("h1", { tabindex: "-1", text: "Skill not found" }),
      notice(
        `No skill has the code “${code}”.`,
        h("p", {}, h("a", { href: buildHash("/search", { q: code }) }, "Search for it"), " among roles and skills."),
      ),
    );
  }
  setTitle(`${skill.name} (${skill.code})`);
  const levelNames = new Map(data.levels.map((level) => [level.number, level.name]));
  const header = h(
    "header",
    { class: "page-header" },
    h("p", { class: "eyebrow", text: `${skill.category.name} › ${skill.subcategory.name}` }),
    h("h1", { tabindex: "-1" }, skill.name, " ", h("span", { class: "code code-large", text: skill.code })),
    skill.description ? h("p", { class: "lead", text: skill.description }) : null,
    safeHref(skill.url)
      ? h("p", {}, h("a", { href: skill.url, rel: "noopener noreferrer", class: "external" }, "Reference description"))
      : null,
  );
  const guidance = skill.guidance
    ? h("section", { class: "panel", "aria-labelledby": "guidance-h" },
        h("h2", { id: "guidance-h", text: "Guidance" }),
        h("p", { class: "prose", text: skill.guidance }))
    : null;
  const levels = h(
    "section",
    { class: "panel", "aria-labelledby": "levels-h" },
    h("h2", { id: "levels-h", text: "Levels" }),
    skill.levels.length
      ? h(
          "ol",
          { class: "skill-levels" },
          skill.levels.map((level) =>
            h(
              "li",
              { class: "skill-level" },
              h("h3", { class: "skill-level-head" },
                h("span", { class: "level-number", text: String(level.level) }),
                h("span", { text: levelNames.get(level.level) || `Level ${level.level}` })),
              h("p", { class: "prose", text: level.description }),
            ),
          ),
        )
      : h("p", { class: "muted", text: "The framework describes this skill at no particular level." }),
  );
  return h(
    "article",
    { class: "view view-skill" },
    header,
    h(
      "div",
      { class: "columns" },
      h("div", { class: "column-main" }, guidance, levels, resources(skill)),
      h("div", { class: "column-side" }, whoShares(skill, levelNames)),
    ),
  );
}

function resources(skill) {
  if (!skill.resources.length) return null;
  return h(
    "section",
    { class: "panel skill-resources", "aria-labelledby": "resources-h" },
    h("h2", { id: "resources-h", text: "Learning resources" }),
    h("p", { class: "hint", text: "What the framework suggests to grow in this skill, by the level each helps reach." }),
    resourceList(skill.resources),
  );
}

function whoShares(skill, levelNames) {
  const heading = h("h2", { id: "shares-h" }, "Who requires this skill ",
    h("span", { class: "count", text: `(${skill.requiredBy.length})` }));
  if (skill.requiredBy.length === 0) {
    return h("section", { class: "panel", "aria-labelledby": "shares-h" }, heading,
      h("p", { class: "muted", text: "No role requires this skill." }));
  }
  const byLevel = new Map();
  for (const entry of skill.requiredBy) {
    if (!byLevel.has(entry.level)) byLevel.set(entry.level, []);
    byLevel.get(entry.level).push(entry.role);
  }
  const levels = [...byLevel.keys()].sort((a, b) => a - b);
  return h(
    "section",
    { class: "panel", "aria-labelledby": "shares-h" },
    heading,
    levels.map((level) => {
      const roles = byLevel.get(level);
      const list = h("ul", { class: "share-roles" });
      const more = foldedList(list, roles, (role) => h("li", {}, roleLink(role), " ", pathChip(role.careerPath.name),
        role.track ? h("span", { class: "role-meta", text: role.track.name }) : null), {
        first: GROUP_FIRST,
        page: GROUP_PAGE,
        label: (count, remaining) =>
          `${count === remaining ? "" : `${count} of the `}${remaining} more roles requiring it at level ${level}`,
      });
      return h(
        "section",
        { class: "share-group" },
        h("h3", { class: "share-level" }, `At level ${level}`,
          h("span", { class: "muted", text: ` · ${levelNames.get(level) || ""}` }),
          h("span", { class: "count", text: ` (${roles.length})` })),
        list,
        more,
      );
    }),
  );
}
