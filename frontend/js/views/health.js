// Framework health: the owner's report (findings by kind, each role and skill
// a link) and the coverage matrix, a heat map of the levels roles require.

import { fetchCoverage, fetchHealth } from "../api.js";
import { h } from "../dom.js";
import { errorBox, notice, pageHeader, pathClass, roleHref, setTitle, skillHref } from "../ui.js";

export const loadingLabel = "the framework's health";

// The contract's order of kinds (HealthKind), with a heading for each.
const KINDS = [
  ["ROLE_WITHOUT_REQUIREMENTS", "Roles that require no core skill"],
  ["LADDER_MISSING_LEVEL", "Ladders with no role at a level between their ends"],
  ["UNREACHABLE_ROLE", "Roles no progression reaches"],
  ["DEAD_END_ROLE", "Roles no progression leads on from"],
  ["PROMOTION_SHARES_NO_SKILL", "Promotions whose roles share no core skill"],
  ["REQUIREMENT_DROPS", "Promotions that lower a shared skill"],
  ["LEVEL_NOT_DESCRIBED", "Requirements at a level the skill does not describe"],
  ["SKILL_USED_ONCE", "Skills of the framework's own that one role alone requires"],
  ["IDENTICAL_ROLES", "Roles with the same core requirements"],
];

// Answers past the server's limits (a framework of thousands of roles): the
// panel says so and points at the command line instead.
const TOO_LARGE = new Set(["RESULT_TOO_LARGE", "QUERY_TOO_COSTLY"]);

export async function render() {
  // Two requests, so that one panel shows even when the other cannot.
  const [health, coverage] = await Promise.allSettled([fetchHealth(), fetchCoverage()]);
  if (health.status === "rejected" && coverage.status === "rejected") throw health.reason;
  setTitle("Framework health");
  const findings = health.status === "fulfilled" ? health.value.framework.health : null;
  let lead = "The findings for the framework's owner to look at, and which role requires which skill.";
  if (findings && findings.length === 0) {
    lead = "Nothing for the framework's owner to look at. Below: which role requires which skill.";
  } else if (findings) {
    const noun = findings.length === 1 ? "finding" : "findings";
    lead = `${findings.length} ${noun} for the framework's owner to look at, and which role requires which skill.`;
  }
  return h(
    "section",
    { class: "view view-health" },
    pageHeader("Framework health", h("p", { class: "lead", text: lead })),
    findings
      ? findingsPanel(findings)
      : failedPanel("findings-h", "Findings", health.reason, "competency health PATH...",
          "prints the whole report."),
    coverage.status === "fulfilled"
      ? coveragePanel(coverage.value.careerPaths)
      : failedPanel("coverage-h", "Coverage", coverage.reason,
          "competency export --format coverage-csv PATH...", "writes the whole matrix."),
  );
}

function failedPanel(id, title, error, command, what) {
  return h(
    "section",
    { class: "panel", "aria-labelledby": id },
    h("h2", { id, text: title }),
    TOO_LARGE.has(error?.code)
      ? notice(
          "Too large to show here",
          "This framework is too big to show on one page.",
          h("p", {}, h("code", { text: command }), ` ${what}`),
        )
      : errorBox(error),
  );
}

function findingsPanel(findings) {
  const byKind = new Map(KINDS.map(([kind]) => [kind, []]));
  for (const finding of findings) {
    if (!byKind.has(finding.kind)) byKind.set(finding.kind, []);
    byKind.get(finding.kind).push(finding);
  }
  const clear = KINDS.filter(([kind]) => byKind.get(kind).length === 0).map(([, title]) => title);
  const groups = KINDS.filter(([kind]) => byKind.get(kind).length > 0).map(([kind, title]) => {
    const group = byKind.get(kind);
    const id = `kind-${kind.toLowerCase()}`;
    return h(
      "section",
      { class: "finding-group", "aria-labelledby": id, dataset: { kind } },
      h("h3", { id }, title, " ", h("span", { class: "count", text: `(${group.length})` })),
      h("ul", { class: "finding-list" }, group.map(findingItem)),
    );
  });
  return h(
    "section",
    { class: "panel", "aria-labelledby": "findings-h" },
    h("h2", { id: "findings-h" }, "Findings ", h("span", { class: "count", text: `(${findings.length})` })),
    groups.length ? groups : notice("No findings", "Every check of the health report passed."),
    clear.length && groups.length
      ? h("p", { class: "muted finding-clear" }, `No findings of these kinds: ${clear.join("; ")}.`)
      : null,
  );
}

function findingItem(finding) {
  const links = [];
  if (finding.roles.length) {
    links.push(
      h("span", { class: "finding-links-label", text: finding.roles.length === 1 ? "Role:" : "Roles:" }),
      finding.roles.map((role) => h("a", { href: roleHref(role.slug), class: "role-link" }, role.title)),
    );
  }
  if (finding.skills.length) {
    links.push(
      h("span", { class: "finding-links-label", text: finding.skills.length === 1 ? "Skill:" : "Skills:" }),
      finding.skills.map((skill) =>
        h("a", { href: skillHref(skill.code), class: "skill-link", title: skill.name }, h("span", { class: "code", text: skill.code })),
      ),
    );
  }
  return h(
    "li",
    { class: "finding" },
    h("p", { class: "finding-message", text: sentence(finding.message) }),
    h("p", { class: "finding-links" }, links),
    finding.location ? h("p", { class: "finding-location" }, h("code", { text: finding.location })) : null,
  );
}

function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

// --- Coverage -------------------------------------------------------------

/** Roles grouped by path, then track (shared rungs first); the CSV's order. */
function groupsOf(paths) {
  const groups = [];
  for (const path of paths) {
    const byTrack = new Map();
    for (const role of path.roles) {
      const track = role.track ? role.track.name : "";
      if (!byTrack.has(track)) byTrack.set(track, []);
      byTrack.get(track).push(role);
    }
    const tracks = [...byTrack.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
    const hasTracks = tracks.some((track) => track !== "");
    for (const track of tracks) {
      const label = track ? `${path.name} · ${track}` : hasTracks ? `${path.name} · shared rungs` : path.name;
      groups.push({ path: path.name, label, roles: byTrack.get(track) });
    }
  }
  return groups;
}

/** The skills some role lists, by category, then code. */
function columnsOf(paths) {
  const skills = new Map();
  for (const path of paths) {
    for (const role of path.roles) {
      for (const requirement of role.requirements) {
        const skill = requirement.skill;
        skills.set(skill.code, { code: skill.code, name: skill.name, category: skill.category.name });
      }
    }
  }
  const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return [...skills.values()].sort(
    (a, b) => compare(a.category.toLowerCase(), b.category.toLowerCase()) || compare(a.code, b.code),
  );
}

function coveragePanel(paths) {
  const columns = columnsOf(paths);
  const heading = h("h2", { id: "coverage-h" }, "Coverage");
  if (columns.length === 0) {
    return h("section", { class: "panel", "aria-labelledby": "coverage-h" }, heading,
      notice("No role requires a skill yet."));
  }
  const categories = [];
  for (const column of columns) {
    const last = categories[categories.length - 1];
    if (last && last.name === column.category) last.span += 1;
    else categories.push({ name: column.category, span: 1 });
  }
  const groups = groupsOf(paths);
  const table = h(
    "table",
    { class: "heatmap" },
    h("caption", { class: "visually-hidden", text: "The level each role (rows, by career path and track) requires of each skill (columns, by category); an optional requirement in parentheses" }),
    h(
      "thead",
      {},
      h("tr", { class: "heatmap-categories" },
        h("td", { class: "heatmap-corner" }),
        categories.map((category) => h("th", { scope: "colgroup", colspan: String(category.span), text: category.name }))),
      h("tr", { class: "heatmap-skills" },
        h("th", { scope: "col", class: "heatmap-corner", text: "Role" }),
        columns.map((skill) =>
          h("th", { scope: "col", class: "heatmap-skill" },
            h("a", { href: skillHref(skill.code), title: skill.name, class: "code", text: skill.code })))),
    ),
    groups.map((group) =>
      h(
        "tbody",
        { class: ["heatmap-group", pathClass(group.path)], dataset: { group: group.label } },
        h("tr", {}, h("th", { scope: "rowgroup", colspan: String(columns.length + 1), class: "heatmap-group-head" },
          // The label stays in view while the matrix scrolls sideways.
          h("span", { class: "heatmap-group-label", text: group.label }))),
        group.roles.map((role) => roleRow(role, columns)),
      ),
    ),
  );
  return h(
    "section",
    { class: "panel", "aria-labelledby": "coverage-h" },
    heading,
    h("p", { class: "muted" }, "The level each role requires of each skill, darker for higher levels; an optional requirement is in parentheses with a dashed border."),
    legend(),
    // Focusable so that the matrix scrolls by keyboard; on a phone it scrolls
    // sideways by itself while the page stays put.
    h("div", { class: "heatmap-scroll", tabindex: "0", role: "region", "aria-labelledby": "coverage-h" }, table),
  );
}

function roleRow(role, columns) {
  const byCode = new Map(role.requirements.map((requirement) => [requirement.skill.code, requirement]));
  return h(
    "tr",
    { dataset: { role: role.slug } },
    h("th", { scope: "row", class: "heatmap-role" },
      h("a", { href: roleHref(role.slug), class: "role-link" }, role.title),
      h("span", { class: "heatmap-role-level", text: ` · ${role.level.number}` })),
    columns.map((skill) => {
      const requirement = byCode.get(skill.code);
      if (!requirement) return h("td", { class: "heatmap-cell" });
      const optional = requirement.optional ? " (optional)" : "";
      return h("td", {
        class: ["heatmap-cell", `heat-${requirement.level}`, requirement.optional ? "heat-optional" : ""],
        title: `${role.title}: ${skill.code} at level ${requirement.level}${optional}`,
        text: requirement.optional ? `(${requirement.level})` : String(requirement.level),
      });
    }),
  );
}

function legend() {
  return h(
    "ul",
    { class: "heatmap-legend", "aria-label": "Levels" },
    [1, 2, 3, 4, 5, 6, 7].map((level) => h("li", { class: ["heatmap-cell", `heat-${level}`], text: String(level) })),
    h("li", { class: ["heatmap-cell", "heat-3", "heat-optional"], text: "(3)" }),
    h("li", { class: "heatmap-legend-note", text: "optional" }),
  );
}
