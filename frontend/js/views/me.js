// My skills: enter your skills and levels, see the roles that match best and
// the gap to a role you choose, with a chart.

import { fetchMatches, fetchRole, fetchSkillGap, fetchSkillOptions } from "../api.js";
import { rolePicker, skillPicker } from "../combobox.js";
import { clear, fill, h, uid } from "../dom.js";
import { gapChart } from "../chart.js";
import {
  effortBadge,
  errorBox,
  loading,
  pageHeader,
  percent,
  roleLink,
  roleMeta,
  setTitle,
  skillLink,
  levelSelect,
} from "../ui.js";
import { gapColumns } from "./progression.js";

export const loadingLabel = "your skills";

const MAX_SKILLS = 250;

/** "PROG:3,TEST:2" -> { profile: Map, ignored: [entries that did not parse] } */
export function parseProfile(text) {
  const profile = new Map();
  const ignored = [];
  for (const entry of (text || "").split(",").map((part) => part.trim()).filter(Boolean)) {
    const found = /^([A-Za-z0-9]+):([1-7])$/.exec(entry);
    if (!found || profile.has(found[1].toUpperCase())) ignored.push(entry);
    else profile.set(found[1].toUpperCase(), Number(found[2]));
  }
  return { profile, ignored };
}

function formatProfile(profile) {
  return [...profile].map(([code, level]) => `${code}:${level}`).join(",");
}

function profileInput(profile) {
  return [...profile].map(([code, level]) => ({ code, level }));
}

export async function render(ctx) {
  const skills = await fetchSkillOptions();
  setTitle("My skills");
  const skillsByCode = new Map(skills.map((skill) => [skill.code, skill]));
  const { profile, ignored } = parseProfile(ctx.query.get("skills"));
  let target = ctx.query.get("target") || "";

  const profileBox = h("div", { class: "profile-box" });
  const matchesBox = h("div", { class: "matches-box", "aria-live": "polite" });
  const gapBox = h("div", { class: "gap-box", "aria-live": "polite" });
  const message = h("p", { class: "form-error", role: "alert", hidden: ignored.length === 0 },
    ignored.length ? `Left out of the address because they are not CODE:LEVEL (level 1-7) or repeat a skill: ${ignored.join(", ")}.` : "");

  const saveAddress = () => ctx.replaceQuery({ skills: formatProfile(profile), target });

  // Adding a skill.
  const picker = skillPicker("Skill");
  const levelHelpId = uid("levels-help");
  const addLevel = levelSelect("Your level", 3);
  addLevel.select.setAttribute("aria-describedby", levelHelpId);
  const addForm = h(
    "form",
    { class: "add-skill", "aria-label": "Add a skill" },
    picker.field,
    h("div", { class: "field field-narrow" }, addLevel.label, addLevel.select),
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button button-primary" }, "Add skill")),
  );
  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    // Read before the picker's answer comes back: the reader may carry on.
    const level = Number(addLevel.select.value);
    let code;
    try {
      code = await picker.value();
    } catch (error) {
      showMessage(error.message);
      return;
    }
    if (!code) {
      showMessage(code === null ? "Choose a skill to add." : `No skill matches “${picker.input.value.trim()}”. Pick one from the list.`);
      return;
    }
    if (profile.size >= MAX_SKILLS && !profile.has(code)) {
      showMessage(`A profile holds at most ${MAX_SKILLS} skills.`);
      return;
    }
    showMessage("");
    profile.set(code, level);
    picker.set(null);
    changed();
    picker.input.focus();
  });

  // Starting from a role's requirements.
  const copyPicker = rolePicker("Copy the skills of a role", { name: "copy" });
  const copyForm = h(
    "form",
    { class: "add-skill copy-role", "aria-label": "Copy the skills of a role" },
    copyPicker.field,
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button" }, "Copy skills")),
  );
  copyForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    let slug;
    try {
      slug = await copyPicker.value();
    } catch (error) {
      showMessage(error.message);
      return;
    }
    if (!slug) {
      showMessage(slug === null ? "Choose a role to copy." : `No role is called “${copyPicker.input.value.trim()}”.`);
      return;
    }
    try {
      const data = await fetchRole(slug);
      for (const requirement of data.role.requirements) {
        if (!profile.has(requirement.skill.code)) profile.set(requirement.skill.code, requirement.level);
      }
      showMessage("");
      copyPicker.set(null);
      changed();
    } catch (error) {
      showMessage(error.message);
    }
  });

  function showMessage(text) {
    message.hidden = !text;
    message.textContent = text;
  }

  function drawProfile() {
    if (profile.size === 0) {
      fill(profileBox, h("p", { class: "muted", text: "No skills yet. Add the skills you have, with your level in each, or start from a role you know." }));
      return;
    }
    const rows = [...profile].map(([code, level]) => {
      const skill = skillsByCode.get(code) || { code, name: "(not in this framework)" };
      const select = levelSelect(`Level in ${code}`, level);
      select.label.classList.add("visually-hidden");
      select.select.addEventListener("change", () => {
        profile.set(code, Number(select.select.value));
        changed({ redrawProfile: false });
      });
      return h(
        "li",
        { class: "profile-item", "data-code": code },
        h("span", { class: "profile-skill" }, skillLink(skill)),
        h("span", { class: "profile-level" }, select.label, select.select),
        h("button", {
          type: "button",
          class: "button button-quiet remove",
          "aria-label": `Remove ${code}`,
          on: { click: () => { profile.delete(code); changed(); picker.input.focus(); } },
        }, "Remove"),
      );
    });
    fill(profileBox, 
      h("p", { class: "summary-line", text: `${profile.size} skill${profile.size === 1 ? "" : "s"}` }),
      h("ul", { class: "profile-list" }, rows),
      h("button", { type: "button", class: "button button-quiet", on: { click: () => { profile.clear(); changed(); } } }, "Clear all"),
    );
  }

  let version = 0;
  async function drawMatches() {
    const mine = ++version;
    if (profile.size === 0) {
      fill(matchesBox, h("p", { class: "muted", text: "Add skills to see the roles that match them best." }));
      return;
    }
    fill(matchesBox, loading("matching roles"));
    try {
      const data = await fetchMatches(profileInput(profile), 8);
      if (mine !== version || !ctx.isCurrent()) return;
      fill(matchesBox, 
        h("ol", { class: "match-list" }, data.matchRoles.map((match) => {
          const bar = h("span", { class: "score-fill" });
          bar.style.width = percent(match.score);
          return h(
            "li",
            { class: "match-item", "data-slug": match.role.slug },
            h("div", { class: "step-role" }, roleLink(match.role), roleMeta(match.role)),
            h("div", { class: "step-facts" },
              h("span", { class: "score" }, h("span", { class: "score-bar", "aria-hidden": "true" }, bar),
                h("span", { class: "score-value", text: `${percent(match.score)} match` })),
              effortBadge(match.gap.effort),
              h("button", {
                type: "button",
                class: "button button-small",
                "aria-label": `Set ${match.role.title} as target`,
                on: { click: () => { setTarget(match.role.slug); targetPicker.set(match.role); } },
              }, "Set as target")),
          );
        })),
      );
    } catch (error) {
      if (mine === version) fill(matchesBox, errorBox(error, drawMatches));
    }
  }

  const targetPicker = rolePicker("Target role", { name: "target" });
  await targetPicker.setSlug(target);
  const targetForm = h(
    "form",
    { class: "add-skill", "aria-label": "Choose a target role" },
    targetPicker.field,
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button button-primary" }, "Show gap")),
  );
  targetForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const slug = await targetPicker.value().catch(() => undefined);
    if (!slug) {
      fill(gapBox, h("p", { class: "form-error", role: "alert", text: slug === null ? "Choose a target role." : `No role is called “${targetPicker.input.value.trim()}”. Pick one from the list.` }));
      return;
    }
    setTarget(slug);
  });

  function setTarget(slug) {
    target = slug;
    saveAddress();
    drawGap();
  }

  let gapVersion = 0;
  let lastRows = null;
  const chartBox = h("div", { class: "chart-box" });
  const observer = new ResizeObserver(() => {
    if (lastRows && chartBox.isConnected) drawChart();
  });
  observer.observe(chartBox);
  let lastWidth = 0;
  function drawChart() {
    const width = Math.round(chartBox.clientWidth);
    if (!width || Math.abs(width - lastWidth) < 8) return;
    lastWidth = width;
    fill(chartBox, gapChart(lastRows, width));
  }

  async function drawGap() {
    const mine = ++gapVersion;
    if (!target) {
      fill(gapBox, h("p", { class: "muted", text: "Choose a target role, or set one from the matches, to see what you would need." }));
      return;
    }
    fill(gapBox, loading("the gap"));
    try {
      const data = await fetchSkillGap(profileInput(profile), target);
      if (mine !== gapVersion || !ctx.isCurrent()) return;
      const gap = data.skillGap;
      lastRows = [
        ...gap.newSkills.map((item) => ({ code: item.skill.code, name: item.skill.name, current: 0, required: item.level })),
        ...gap.levelUps.map((item) => ({ code: item.skill.code, name: item.skill.name, current: item.from, required: item.to })),
        ...gap.met.map((item) => ({ code: item.skill.code, name: item.skill.name, current: profile.get(item.skill.code) ?? item.level, required: item.level })),
      ].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      lastWidth = 0;
      clear(chartBox);
      fill(gapBox, 
        h("h3", { class: "gap-title" }, "Gap to ", roleLink(gap.target), " ", effortBadge(gap.effort)),
        h("p", { class: "summary-line gap-summary", text:
          `${gap.newSkills.length} new skill${gap.newSkills.length === 1 ? "" : "s"}, ${gap.levelUps.length} level-up${gap.levelUps.length === 1 ? "" : "s"}, ${gap.met.length} already met.` }),
        lastRows.length
          ? h("div", { class: "legend", "aria-hidden": "true" },
              h("span", { class: "legend-item legend-current" }, "Your level"),
              h("span", { class: "legend-item legend-required" }, "Required level"),
              h("span", { class: "legend-item legend-met" }, "Required, already met"))
          : null,
        chartBox,
        gapColumns(gap),
      );
      if (lastRows.length) drawChart();
    } catch (error) {
      if (mine === gapVersion) fill(gapBox, errorBox(error, drawGap));
    }
  }

  function changed({ redrawProfile = true } = {}) {
    saveAddress();
    if (redrawProfile) drawProfile();
    drawMatches();
    drawGap();
  }


  const view = h(
    "section",
    { class: "view view-me" },
    pageHeader("My skills", h("p", { class: "lead", text: "Enter the skills you have and your level in each. See which roles fit you best, and what a role you aim for would ask of you." })),
    h("div", { class: "columns" },
      h("div", { class: "column-main" },
        h("section", { class: "panel", "aria-labelledby": "mine-h" },
          h("h2", { id: "mine-h", text: "Your skills" }),
          h("p", { class: "hint", id: levelHelpId, text: "Levels: 1 Follow, 2 Assist, 3 Apply, 4 Enable, 5 Ensure/advise, 6 Initiate/influence, 7 Set strategy." }),
          addForm, copyForm, message, profileBox),
        h("section", { class: "panel", "aria-labelledby": "target-h" },
          h("h2", { id: "target-h", text: "Gap to a target role" }),
          targetForm, gapBox)),
      h("div", { class: "column-side" },
        h("section", { class: "panel", "aria-labelledby": "matches-h" },
          h("h2", { id: "matches-h", text: "Best matching roles" }),
          h("p", { class: "hint", text: "Match: how much your skill levels overlap the role's. Effort: skill levels still to gain." }),
          matchesBox))),
  );
  drawProfile();
  // The first answers arrive after the view is on the page.
  drawMatches();
  drawGap();
  return view;
}
