// Search roles and skills by name, code or text: the best matches first,
// each saying why it matched.

import { fetchSearch } from "../api.js";
import { buildHash } from "../router.js";
import { h } from "../dom.js";
import { notice, pageHeader, pathChip, roleHref, setTitle, skillHref } from "../ui.js";

export const loadingLabel = "the search results";

const LIMIT = 50;

const FIELD_NAMES = {
  title: "title",
  slug: "address",
  summary: "summary",
  overview: "overview",
  code: "code",
  name: "name",
  description: "description",
};

// Fields shown in the result's own title: the match is marked there.
const TITLE_FIELDS = new Set(["title", "code", "name"]);

export async function render(ctx) {
  const text = (ctx.query.get("q") || "").trim();
  const headerInput = document.getElementById("site-search-input");
  if (headerInput && headerInput.value !== text) headerInput.value = text;
  const form = searchForm(text);
  if (!text) {
    setTitle("Search");
    return h(
      "section",
      { class: "view view-search" },
      pageHeader("Search"),
      form,
      notice("Search roles and skills", "Type part of a role title, a skill name or a skill code (such as PROG). Exact codes and titles come first, then names that start with the text, then the rest."),
    );
  }
  const data = await fetchSearch(text, LIMIT);
  setTitle(`“${text}”`, "Search");
  const roleCount = data.roles.totalCount;
  const skillCount = data.skills.totalCount;
  const more = (shown, count) => (count > shown ? h("p", { class: "hint", text: `Showing the best ${shown} of ${count}. Refine the search to see the others.` }) : null);
  return h(
    "section",
    { class: "view view-search" },
    pageHeader(`Search: “${text}”`, h("p", { class: "summary-line search-summary", text: roleCount + skillCount === 0
      ? "Nothing matches. Try part of a title, a skill name or a code."
      : `${count(roleCount, "role")} and ${count(skillCount, "skill")} match, best first.` })),
    form,
    h(
      "div",
      { class: "columns columns-even" },
      h("section", { class: "panel", "aria-labelledby": "roles-h" },
        h("h2", { id: "roles-h" }, "Roles ", h("span", { class: "count", text: `(${roleCount})` })),
        data.searchRoles.length
          ? h("ul", { class: "result-list role-results" }, data.searchRoles.map(({ role, match }) =>
              h("li", {}, h("a", { class: "result", href: roleHref(role.slug) },
                h("span", { class: "result-title" }, match.field === "title" ? marked(match) : role.title),
                h("span", { class: "result-meta" }, pathChip(role.careerPath.name), ` Level ${role.level.number} · ${role.level.name}`),
                why(match),
                role.summary && match.field !== "summary" ? h("span", { class: "result-text", text: role.summary }) : null))))
          : h("p", { class: "muted", text: "No role matches." }),
        more(data.searchRoles.length, roleCount)),
      h("section", { class: "panel", "aria-labelledby": "skills-h" },
        h("h2", { id: "skills-h" }, "Skills ", h("span", { class: "count", text: `(${skillCount})` })),
        data.searchSkills.length
          ? h("ul", { class: "result-list skill-results" }, data.searchSkills.map(({ skill, match }) =>
              h("li", {}, h("a", { class: "result", href: skillHref(skill.code) },
                h("span", { class: "result-title" },
                  h("span", { class: "code" }, match.field === "code" ? marked(match) : skill.code), " ",
                  match.field === "name" ? marked(match) : skill.name),
                h("span", { class: "result-meta", text: skill.category.name }),
                why(match)))))
          : h("p", { class: "muted", text: "No skill matches." }),
        more(data.searchSkills.length, skillCount)),
    ),
  );
}

/** The search box of the page itself: the Search tab is never a dead end. */
function searchForm(text) {
  const input = h("input", {
    id: "search-page-input", class: "input", type: "search", name: "q", value: text,
    autocomplete: "off", spellcheck: "false", placeholder: "A title, a skill name or a code",
  });
  const form = h("form", { class: "search-page-form", role: "search", "aria-label": "Search the framework" },
    h("label", { for: "search-page-input", text: "Find roles and skills" }),
    h("div", { class: "search-page-row" }, input, h("button", { class: "button button-primary", type: "submit", text: "Find" })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.location.hash = buildHash("/search", { q: input.value.trim() });
  });
  return form;
}

/** "Why": the field and how it matched, and for a long text the words around it. */
function why(match) {
  const field = FIELD_NAMES[match.field] || match.field;
  const said = {
    EXACT: `the ${field} is “${match.matched}”`,
    PREFIX: `the ${field} starts with “${match.matched}”`,
    WORD: `a word of the ${field} starts with “${match.matched}”`,
    PART: `the ${field} contains “${match.matched}”`,
  }[match.kind] || `the ${field} matches`;
  return h("span", { class: "result-why" },
    h("span", { class: "result-why-label", text: `Matched: ${said}` }),
    TITLE_FIELDS.has(match.field) ? null : h("span", { class: "result-why-text" }, marked(match)));
}

/** The field's text with the match marked. */
function marked(match) {
  return h("span", { class: "marked" }, match.before, h("mark", { text: match.matched }), match.after);
}

function count(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
