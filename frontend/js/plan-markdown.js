// A development plan as Markdown, to take into a 1:1. The same document as
// `competency plan` writes (src/competency_explorer/plan_markdown.py); a
// browser test compares the two.

import { NOT_DESCRIBED } from "./assess.js";

/** plan: the API's developmentPlan; notes: Map code -> text; leftOut: codes. */
export function planMarkdown(plan, levelNames, notes, leftOut = []) {
  const role = plan.target;
  const where = role.track ? `${role.careerPath.name}, track ${role.track.name}` : role.careerPath.name;
  const lines = [
    `# Development plan: ${role.title}`,
    "",
    `- Target: ${role.title}, level ${role.level.number} (${levelName(levelNames, role.level.number)}), ${where}`,
    `- Effort: ${count(plan.effort, "level")} to climb in ${count(plan.items.length, "skill")}`,
  ];
  if (leftOut.length) lines.push(`- Left out (not in this framework): ${leftOut.join(", ")}`);
  lines.push("");
  if (!plan.items.length) {
    lines.push("Nothing to learn: every core requirement of this role is met.", "");
  }
  for (const item of plan.items) {
    lines.push(...itemLines(item, levelNames, (notes.get(item.skill.code) || "").trim()));
  }
  for (const [title, requirements] of [["Already met", plan.met], ["Optional for this role", plan.optional]]) {
    if (!requirements.length) continue;
    lines.push(`## ${title}`, "");
    for (const requirement of requirements) {
      lines.push(`- ${skillName(requirement.skill)}: level ${requirement.level}`);
    }
    lines.push("");
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

/** The levels an item shows, each with its text or null where the skill does
    not describe it: every level above the person's, so that none is skipped
    without a word; for a new skill, from the first the skill describes (the
    levels below it are no step to take), or the target alone. Keep in step
    with plan_markdown.py. */
export function levelsToShow(item) {
  const texts = new Map(item.levels.map((level) => [level.level, level.description]));
  const described = [...texts.keys()].filter((n) => n > item.from && n <= item.to);
  const start = item.from > 0 ? item.from + 1 : Math.min(item.to, ...described);
  const shown = [];
  for (let number = start; number <= item.to; number += 1) {
    shown.push({ level: number, description: texts.get(number) || null });
  }
  return shown;
}

function itemLines(item, levelNames, note) {
  const lines = [`## ${skillName(item.skill)}`, ""];
  lines.push(item.from === 0 ? `New skill: reach level ${item.to}.` : `From level ${item.from} to level ${item.to}.`, "");
  for (const level of levelsToShow(item)) {
    lines.push(`### Level ${level.level} · ${levelName(levelNames, level.level)}`, "",
      level.description || `_${NOT_DESCRIBED.replace(/\.$/, "")}._`, "");
  }
  if (item.resources.length) {
    lines.push("### Resources", "", ...item.resources.map(resourceLine), "");
  }
  lines.push("### Evidence and notes", "", note || "_None yet._", "");
  return lines;
}

function resourceLine(resource) {
  let title = resource.title;
  if (resource.url) {
    const escaped = title.replace(/\\/g, "\\\\").replace(/\[/g, "\\[").replace(/\]/g, "\\]");
    title = `[${escaped}](<${resource.url}>)`;
  }
  const facts = resource.kind ? [resource.kind] : [];
  facts.push(resource.level === null ? "any level" : `level ${resource.level}`);
  return `- ${title} (${facts.join(", ")})`;
}

function skillName(skill) {
  return `${skill.code} · ${skill.name}`;
}

function levelName(levelNames, number) {
  return levelNames.get(number) || `Level ${number}`;
}

function count(number, noun) {
  return `${number} ${noun}${number === 1 ? "" : "s"}`;
}
