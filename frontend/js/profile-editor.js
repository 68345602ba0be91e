// The "Your skills" panel of My skills: add a skill by choosing its level
// among the level texts, start from a role's skills, and list the profile
// with a level chooser and notes per skill. Skills the framework does not
// know are listed as such (they are left out of every query).

import { fetchRole, fetchSkillLevels } from "./api.js";
import { levelChooser } from "./assess.js";
import { rolePicker, skillPicker } from "./combobox.js";
import { clear, fill, h, uid } from "./dom.js";
import { MAX_SKILLS, copyProfile, unknownCodes } from "./profile-store.js";
import { errorBox, loading, skillLink } from "./ui.js";

export function profilePanel(page) {
  const list = h("div", { class: "profile-box" });
  const element = h(
    "section",
    { class: "panel", "aria-labelledby": "mine-h" },
    h("h2", { id: "mine-h", text: "Your skills" }),
    addSkillForm(page),
    copyRoleForm(page),
    list,
  );
  const draw = () => {
    const { skills } = page.profile;
    if (skills.size === 0) {
      fill(list, h("p", { class: "muted", text: "No skills yet. Add the skills you have, choosing your level in each, or start from a role you know." }));
      return;
    }
    const unknown = unknownCodes(skills, page.known);
    fill(list,
      h("p", { class: "summary-line profile-summary", text: `${skills.size} skill${skills.size === 1 ? "" : "s"}${unknown.length ? `; not in this framework, so left out of matches and gaps: ${unknown.join(", ")}` : ""}` }),
      h("ul", { class: "profile-list" }, [...skills].map(([code, level]) => profileItem(page, code, level))),
      h("button", { type: "button", class: "button button-quiet", on: { click: () => clearAll(page) } }, "Clear all"),
    );
  };
  return { element, draw };
}

function clearAll(page) {
  const before = copyProfile(page.profile);
  page.profile.skills.clear();
  page.changed();
  page.undo?.(before, "All skills cleared.");
}

function addSkillForm(page) {
  const picker = skillPicker("Skill");
  const assessBox = h("div", { class: "assess-box" });
  let shown = { code: null, chooser: null, ready: Promise.resolve(null) };

  const showChooser = (code) => {
    if (code === shown.code) return shown.ready;
    shown = { code, chooser: null, ready: Promise.resolve(null) };
    if (!code) {
      clear(assessBox);
      return shown.ready;
    }
    const mine = shown;
    fill(assessBox, loading(`what each level of ${code} means`));
    mine.ready = fetchSkillLevels(code).then((skill) => {
      if (shown !== mine) return null;
      mine.chooser = levelChooser(skill, page.levelNames, {
        selected: page.profile.skills.get(code) ?? null,
        legend: `Your level in ${skill.code} ${skill.name}`,
      });
      fill(assessBox, mine.chooser.element);
      return mine.chooser;
    }, (error) => {
      if (shown === mine) {
        fill(assessBox, errorBox(error, () => { shown = { code: null }; showChooser(code); }));
        shown.code = null;
      }
      return null;
    });
    return mine.ready;
  };
  // The levels show once the box names a skill: a code typed in full, or a
  // suggestion chosen. The picker's own search asks the same question after
  // the same pause, so its answer serves both.
  let pause = 0;
  const follow = () => {
    clearTimeout(pause);
    const text = picker.input.value;
    pause = setTimeout(async () => {
      const code = await picker.value().catch(() => null);
      if (picker.input.value === text) showChooser(code || null);
    }, 150);
  };
  picker.input.addEventListener("input", follow);
  picker.input.addEventListener("combobox-change", (event) => {
    clearTimeout(pause);
    showChooser(event.detail.item.code);
  });

  const form = h(
    "form",
    { class: "add-skill", "aria-label": "Add a skill" },
    picker.field,
    assessBox,
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button button-primary" }, "Add skill")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = await picker.chosenOr((text) => page.showMessage(text), {
      empty: "Choose a skill to add.",
      unknown: (text) => `No skill matches “${text}”. Pick one from the list.`,
    });
    if (!code) return;
    if (page.profile.skills.size >= MAX_SKILLS && !page.profile.skills.has(code)) {
      page.showMessage(`A profile holds at most ${MAX_SKILLS} skills.`);
      return;
    }
    const chooser = await showChooser(code);
    if (!chooser) return;
    const level = chooser.value();
    if (!level) {
      page.showMessage(`Choose your level in ${code}: read what each level means and pick the one that describes how you work today.`);
      chooser.focus();
      return;
    }
    page.showMessage("");
    page.profile.skills.set(code, level);
    picker.set(null);
    showChooser(null);
    page.changed();
    picker.input.focus();
  });
  return form;
}

function copyRoleForm(page) {
  const picker = rolePicker("Or start from the skills of a role", { name: "copy" });
  const form = h(
    "form",
    { class: "add-skill copy-role", "aria-label": "Copy the skills of a role" },
    picker.field,
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button" }, "Copy skills")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const slug = await picker.chosenOr((text) => page.showMessage(text), {
      empty: "Choose a role to copy.",
      unknown: (text) => `No role is called “${text}”.`,
    });
    if (!slug) return;
    try {
      const data = await fetchRole(slug);
      for (const requirement of data.role.requirements) {
        if (page.profile.skills.size >= MAX_SKILLS) break;
        if (!page.profile.skills.has(requirement.skill.code)) page.profile.skills.set(requirement.skill.code, requirement.level);
      }
      page.showMessage("");
      picker.set(null);
      page.changed();
    } catch (error) {
      page.showMessage(error.message);
    }
  });
  return form;
}

function profileItem(page, code, level) {
  const skill = page.skillsByCode.get(code);
  const remove = h("button", {
    type: "button",
    class: "button button-quiet remove",
    "aria-label": `Remove ${code}`,
    on: { click: () => { page.profile.skills.delete(code); page.changed(); } },
  }, "Remove");
  const levelText = `Level ${level} · ${page.levelNames.get(level) || ""}`;
  if (!skill) {
    return h(
      "li",
      { class: "profile-item profile-unknown", "data-code": code },
      h("div", { class: "profile-row" },
        h("span", { class: "profile-skill" }, h("span", { class: "code", text: code }), " ",
          h("span", { class: "unknown-note", text: "Not in this framework: left out of matches and gaps" })),
        h("span", { class: "badge level-badge profile-level", text: levelText }),
        remove),
    );
  }
  const badge = h("span", { class: "badge level-badge profile-level", text: levelText });
  const note = page.profile.notes.get(code);
  const summary = h("summary", {}, page.linked ? "Change level" : `Change level or write notes${note ? " (has notes)" : ""}`);
  const details = h("details", { class: "profile-more" }, summary);
  let filled = false;
  details.addEventListener("toggle", async () => {
    if (!details.open || filled) return;
    filled = true;
    details.append(loading(`the levels of ${code}`));
    try {
      const full = await fetchSkillLevels(code);
      details.querySelector(".state-loading")?.remove();
      const chooser = levelChooser(full, page.levelNames, {
        selected: page.profile.skills.get(code),
        legend: `Your level in ${code} ${full.name}`,
        onChange: (chosen) => {
          page.profile.skills.set(code, chosen);
          badge.textContent = `Level ${chosen} · ${page.levelNames.get(chosen) || ""}`;
          page.changed({ list: false });
        },
      });
      details.append(chooser.element, page.linked ? null : notesField(page, code, summary));
    } catch (error) {
      details.querySelector(".state-loading")?.remove();
      filled = false;
      details.append(errorBox(error));
    }
  });
  return h(
    "li",
    { class: "profile-item", "data-code": code },
    h("div", { class: "profile-row" }, h("span", { class: "profile-skill" }, skillLink(skill)), badge, remove),
    details,
  );
}

/** A note per skill, saved as it is typed; it never leaves the browser. */
function notesField(page, code, summary = null) {
  const id = uid("notes");
  const area = h("textarea", { id, class: "input notes-input", rows: "4", "data-code": code });
  area.value = page.profile.notes.get(code) || "";
  area.addEventListener("input", () => {
    page.profile.notes.set(code, area.value);
    page.save();
    if (summary) summary.textContent = `Change level or write notes${area.value.trim() ? " (has notes)" : ""}`;
  });
  return h(
    "div",
    { class: "field notes-field" },
    h("label", { for: id, text: `Notes and evidence for ${code}` }),
    h("p", { class: "hint", text: "Examples of how you work at this level. Kept in this browser only; never sent." }),
    area,
  );
}
