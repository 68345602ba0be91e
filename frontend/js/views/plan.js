// A development plan (#/plan?target=slug): the gap to a target role, skill by
// skill, with what each level to climb means, the framework's resources and
// the person's own evidence notes (typed here, kept in this browser). It
// prints cleanly and downloads as Markdown, to take into a 1:1.
//
// Whose skills: `skills=PROG:3,...` (a link), else `from=slug` (the core
// skills of a role: a progression step's start, for someone without a
// profile), else the profile kept in this browser.

import { fetchDevelopmentPlan, fetchLevelNames, fetchRoleBrief, fetchRoleSkills, fetchSkillOptions } from "../api.js";
import { rolePicker } from "../combobox.js";
import { h, uid } from "../dom.js";
import { downloadText } from "../files.js";
import { levelsToShow, planMarkdown } from "../plan-markdown.js";
import { loadProfile, parseSkillsParam, profileInput, saveProfile, unknownCodes, watchStoredProfile } from "../profile-store.js";
import { buildHash } from "../router.js";
import { effortBadge, notice, pageHeader, resourceList, roleLink, setTitle, skillLink, unknownRoles } from "../ui.js";
import { NOT_DESCRIBED } from "../assess.js";

export const loadingLabel = "the development plan";

export async function render(ctx) {
  const target = ctx.query.get("target") || "";
  const [skills, levelNames, role] = await Promise.all([
    fetchSkillOptions(),
    fetchLevelNames(),
    target ? fetchRoleBrief(target) : null,
  ]);
  const source = await whoseSkills(ctx);
  if (!role || !source.skills) {
    setTitle("Development plan");
    return chooseTarget(ctx, target, role, source);
  }
  const known = new Set(skills.map((skill) => skill.code));
  const data = await fetchDevelopmentPlan(profileInput(source.skills, known), role.slug);
  const plan = data.developmentPlan;
  const levels = new Map(data.levels.map((level) => [level.number, level.name]));
  const notes = loadProfile().profile.notes;
  const leftOut = unknownCodes(source.skills, known);
  setTitle(`Plan: ${plan.target.title}`);
  // Another tab changed the profile (or its notes): show the newer one.
  watchStoredProfile(() => {
    if (ctx.isCurrent()) ctx.navigate("/plan", Object.fromEntries(ctx.query));
  });
  return h(
    "article",
    { class: "view view-plan" },
    planHeader(ctx, plan, source, leftOut, () => planMarkdown(plan, levels, notes, leftOut)),
    plan.items.length
      ? h("ol", { class: "plan-items" }, plan.items.map((item) => planItem(item, levels, notes)))
      : h("p", { class: "state state-empty plan-done", text: "Nothing to learn: every core requirement of this role is met." }),
    requirementList("Already met", "plan-met", plan.met),
    requirementList("Optional for this role", "plan-optional", plan.optional,
      "Listed by the role but not counted in the effort."),
  );
}

/** { skills: Map or null, kind, describe } for the page's address. */
async function whoseSkills(ctx) {
  if (ctx.query.has("skills")) {
    const { skills } = parseSkillsParam(ctx.query.get("skills"));
    return { skills, kind: "link", text: `From the ${count(skills.size, "skill")} in this link.` };
  }
  const from = ctx.query.get("from");
  if (from) {
    const data = await fetchRoleSkills(from);
    if (!data.role) return { skills: null, kind: "role", text: `No role has the address “${from}”.` };
    const core = data.role.requirements.filter((requirement) => !requirement.optional);
    return {
      skills: new Map(core.map((requirement) => [requirement.skill.code, requirement.level])),
      kind: "role",
      role: data.role,
      text: `From the core skills of ${data.role.title}: this browser keeps no profile of yours yet.`,
    };
  }
  const { profile } = loadProfile();
  return {
    skills: profile.skills,
    kind: "mine",
    text: profile.skills.size
      ? `From your profile: ${count(profile.skills.size, "skill")}, kept in this browser.`
      : "Your profile in this browser has no skills yet, so every skill of the role is new.",
  };
}

function chooseTarget(ctx, target, role, source) {
  const picker = rolePicker("Target role", { name: "target" });
  if (role) picker.set(role); // known: only whose skills is missing
  const problem = h("p", { class: "form-error", role: "alert", hidden: true });
  const form = h(
    "form",
    { class: "panel picker-form", "aria-label": "Choose a target role" },
    picker.field,
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "button button-primary" }, "Show the plan")),
    problem,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const slug = await picker.chosenOr((message) => {
      problem.hidden = false;
      problem.textContent = message;
    }, {
      empty: "Choose a target role.",
      unknown: (text) => `No role is called “${text}”. Pick one from the list.`,
    });
    if (!slug) return;
    const params = Object.fromEntries(ctx.query);
    if (!source.skills) delete params.from; // it named no role
    ctx.navigate("/plan", { ...params, target: slug });
  });
  return h(
    "section",
    { class: "view view-plan" },
    pageHeader("Development plan", h("p", { class: "lead", text: "What to learn, level by level, to reach a role: what each level means, what helps, and your own evidence." })),
    target && !role ? unknownRoles([target], "Choose the role to plan for.") : null,
    source.skills ? null : notice(source.text),
    form,
  );
}

function planHeader(ctx, plan, source, leftOut, markdown) {
  const role = plan.target;
  const download = () => downloadText(`plan-${role.slug}.md`, markdown(), "text/markdown");
  return h(
    "header",
    { class: "page-header plan-header" },
    h("p", { class: "eyebrow", text: "Development plan" }),
    h("h1", { tabindex: "-1" }, `To ${role.title}`),
    h("p", { class: "plan-role" }, roleLink(role), ` · Level ${role.level.number} · ${role.level.name} · ${role.careerPath.name}${role.track ? `, ${role.track.name}` : ""}`),
    h("p", { class: "plan-source" }, source.text, " ",
      h("a", { class: "no-print", href: source.kind === "link" ? buildHash("/me", { skills: ctx.query.get("skills"), target: role.slug }) : "#/me" },
        source.kind === "mine" ? "Edit your skills" : "Record your own skills")),
    h("p", { class: "summary-line plan-summary" }, effortBadge(plan.effort), " ",
      `${count(plan.items.length, "skill")} to grow, ${plan.met.length} already met.`),
    leftOut.length
      ? h("p", { class: "form-error plan-left-out", role: "status", text: `Left out (not in this framework): ${leftOut.join(", ")}.` })
      : null,
    h("div", { class: "actions no-print" },
      h("button", { type: "button", class: "button button-primary", on: { click: download } }, "Download as Markdown"),
      h("button", { type: "button", class: "button", on: { click: () => window.print() } }, "Print")),
  );
}

function planItem(item, levelNames, notes) {
  const code = item.skill.code;
  const headingId = uid("plan-skill");
  return h(
    "li",
    { class: "panel plan-item", "data-code": code },
    h("section", { "aria-labelledby": headingId },
      h("div", { class: "plan-item-head" },
        h("h2", { id: headingId }, skillLink(item.skill)),
        h("span", { class: "badge level-badge", text: item.from === 0 ? `New skill · to level ${item.to}` : `Level ${item.from} → ${item.to}` })),
      h("ol", { class: "skill-levels plan-levels" }, levelsToShow(item).map((level) =>
        h("li", { class: ["skill-level", level.description ? null : "level-undescribed"], "data-level": String(level.level) },
          h("h3", { class: "skill-level-head" },
            h("span", { class: "level-number", text: String(level.level) }),
            h("span", { text: levelNames.get(level.level) || `Level ${level.level}` })),
          h("p", { class: "prose", text: level.description || NOT_DESCRIBED })))),
      item.resources.length ? h("div", { class: "resources" }, h("h3", { text: "Resources" }), resourceList(item.resources)) : null,
      evidenceField(code, notes)),
  );
}

/** Evidence notes, typed here and kept with the profile in this browser. */
function evidenceField(code, notes) {
  const id = uid("evidence");
  const area = h("textarea", { id, class: "input notes-input no-print", rows: "4", "data-code": code });
  area.value = notes.get(code) || "";
  const printed = h("p", { class: "print-only prose print-note" });
  const show = () => { printed.textContent = area.value.trim() || "None yet."; };
  show();
  area.addEventListener("input", () => {
    notes.set(code, area.value);
    const { profile } = loadProfile();
    profile.notes.set(code, area.value);
    saveProfile(profile);
    show();
  });
  return h(
    "div",
    { class: "field notes-field" },
    h("h3", {}, h("label", { for: id, text: `Evidence and notes for ${code}` })),
    h("p", { class: "hint no-print", text: "What you already do at these levels, and what you plan to do. Kept in this browser only." }),
    area,
    printed,
  );
}

function requirementList(title, cls, requirements, hint = null) {
  if (!requirements.length) return null;
  const id = uid("plan-list");
  return h(
    "section",
    { class: ["panel", cls], "aria-labelledby": id },
    h("h2", { id, text: title }),
    hint ? h("p", { class: "hint", text: hint }) : null,
    h("ul", { class: "plain-list" }, requirements.map((requirement) =>
      h("li", { class: "only-item" }, skillLink(requirement.skill), h("span", { class: "badge", text: `level ${requirement.level}` })))),
  );
}

function count(number, noun) {
  return `${number} ${noun}${number === 1 ? "" : "s"}`;
}
