// The ladder: career paths as columns, levels as rows, a card per role.

import { fetchLadder } from "../api.js";
import { h } from "../dom.js";
import { notice, pageHeader, pathClass, roleHref, setTitle } from "../ui.js";

export const loadingLabel = "the career ladder";

export async function render() {
  const data = await fetchLadder();
  setTitle("Career ladder");
  const paths = data.careerPaths;
  const header = pageHeader(
    "Career ladder",
    h(
      "p",
      { class: "lead" },
      "Every role in the framework by career path and level. Choose a role to see what it asks for and where it leads.",
    ),
  );
  if (paths.length === 0) {
    return h("section", { class: "view" }, header, notice("This framework has no roles yet."));
  }
  const levels = [...data.levels].sort((a, b) => b.number - a.number);
  const table = h(
    "table",
    { class: "ladder" },
    h("caption", { class: "visually-hidden", text: "Roles by career path (columns) and level (rows), highest level first" }),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", class: "ladder-level-head", text: "Level" }),
        paths.map((path) =>
          h("th", { scope: "col", class: ["ladder-path-head", pathClass(path.name)] }, path.name),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      levels.map((level) => {
        const cells = paths.map((path) => {
          const roles = path.roles.filter((role) => role.level.number === level.number);
          return h(
            "td",
            { class: ["ladder-cell", roles.length ? "" : "ladder-empty"], dataset: { path: path.name } },
            roles.length
              ? h(
                  "ul",
                  { class: "ladder-roles" },
                  roles.map((role) =>
                    h(
                      "li",
                      {},
                      h(
                        "a",
                        { class: ["role-card", pathClass(path.name)], href: roleHref(role.slug) },
                        h("span", { class: "role-card-title", text: role.title }),
                        h("span", { class: "role-card-path", text: path.name }),
                        role.summary ? h("span", { class: "role-card-summary", text: role.summary }) : null,
                      ),
                    ),
                  ),
                )
              : h("span", { class: "visually-hidden", text: "No role" }),
          );
        });
        const hasRoles = paths.some((path) => path.roles.some((role) => role.level.number === level.number));
        return h(
          "tr",
          { class: hasRoles ? "" : "ladder-row-empty" },
          h(
            "th",
            { scope: "row", class: "ladder-level" },
            h("span", { class: "level-number", text: String(level.number) }),
            h("span", { class: "level-name", text: level.name }),
            level.guidingPhrase ? h("span", { class: "level-phrase", text: level.guidingPhrase }) : null,
          ),
          cells,
        );
      }),
    ),
  );
  const roleCount = paths.reduce((sum, path) => sum + path.roles.length, 0);
  return h(
    "section",
    { class: "view view-ladder" },
    header,
    h("p", { class: "summary-line" }, `${roleCount} roles on ${paths.length} career path${paths.length === 1 ? "" : "s"}.`),
    h("div", { class: "ladder-scroll" }, table),
  );
}
