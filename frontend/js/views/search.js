// Search roles and skills by name or code.

import { fetchSearch } from "../api.js";
import { h } from "../dom.js";
import { notice, pageHeader, pathChip, roleHref, setTitle, skillHref } from "../ui.js";

export const loadingLabel = "the search results";

export async function render(ctx) {
  const text = (ctx.query.get("q") || "").trim();
  const headerInput = document.getElementById("site-search-input");
  if (headerInput && headerInput.value !== text) headerInput.value = text;
  if (!text) {
    setTitle("Search");
    return h(
      "section",
      { class: "view view-search" },
      pageHeader("Search"),
      notice("Search roles and skills", "Type a role title, a skill name or a skill code (such as PROG) in the search box at the top of every page."),
    );
  }
  const data = await fetchSearch(text, 50);
  setTitle(`“${text}”`, "Search");
  const roles = data.roles.edges.map((edge) => edge.node);
  const skills = data.skills.edges.map((edge) => edge.node);
  const total = data.roles.totalCount + data.skills.totalCount;
  const more = (shown, count) => (count > shown ? h("p", { class: "hint", text: `Showing the first ${shown} of ${count}. Refine the search to see the others.` }) : null);
  return h(
    "section",
    { class: "view view-search" },
    pageHeader(`Search: “${text}”`, h("p", { class: "summary-line search-summary", text: total === 0
      ? "Nothing matches. Try part of a title, a skill name or a code."
      : `${data.roles.totalCount} role${data.roles.totalCount === 1 ? "" : "s"} and ${data.skills.totalCount} skill${data.skills.totalCount === 1 ? "" : "s"} match.` })),
    h(
      "div",
      { class: "columns columns-even" },
      h("section", { class: "panel", "aria-labelledby": "roles-h" },
        h("h2", { id: "roles-h" }, "Roles ", h("span", { class: "count", text: `(${data.roles.totalCount})` })),
        roles.length
          ? h("ul", { class: "result-list role-results" }, roles.map((role) =>
              h("li", {}, h("a", { class: "result", href: roleHref(role.slug) },
                h("span", { class: "result-title", text: role.title }),
                h("span", { class: "result-meta" }, pathChip(role.careerPath.name), ` Level ${role.level.number} · ${role.level.name}`),
                role.summary ? h("span", { class: "result-text", text: role.summary }) : null))))
          : h("p", { class: "muted", text: "No role matches." }),
        more(roles.length, data.roles.totalCount)),
      h("section", { class: "panel", "aria-labelledby": "skills-h" },
        h("h2", { id: "skills-h" }, "Skills ", h("span", { class: "count", text: `(${data.skills.totalCount})` })),
        skills.length
          ? h("ul", { class: "result-list skill-results" }, skills.map((skill) =>
              h("li", {}, h("a", { class: "result", href: skillHref(skill.code) },
                h("span", { class: "result-title" }, h("span", { class: "code", text: skill.code }), " ", skill.name),
                h("span", { class: "result-meta", text: skill.category.name })))))
          : h("p", { class: "muted", text: "No skill matches." }),
        more(skills.length, data.skills.totalCount)),
    ),
  );
}
