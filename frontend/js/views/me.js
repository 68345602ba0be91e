// My skills: a person's own profile (skills with levels chosen by reading
// each level's text, a target role, notes), kept in this browser; the roles
// that match it best and the gap to the target. A shared link
// (#/me?skills=PROG:4,TEST:3&target=slug) shows its skills without touching
// the stored profile until the person keeps them.

import { fetchLevelNames, fetchMatches, fetchRole, fetchRoleOptions, fetchSkillGap, fetchSkillLevels, fetchSkillOptions } from "../api.js";
import { levelChooser } from "../assess.js";
import { clear, fill, h, uid } from "../dom.js";
import { gapChart } from "../chart.js";
import { downloadText, readTextFile } from "../files.js";
import {
  MAX_SKILLS,
  copyProfile,
  emptyProfile,
  loadProfile,
  parseSkillsParam,
  profileDocument,
  profileInput,
  readDocument,
  saveProfile,
  skillsParam,
  unknownCodes,
} from "../profile-store.js";
import { buildHash } from "../router.js";
import {
  effortBadge,
  errorBox,
  loading,
  pageHeader,
  percent,
  roleLink,
  roleMeta,
  rolePicker,
  setTitle,
  skillLink,
  skillPicker,
} from "../ui.js";
import { gapColumns } from "./progression.js";

export const loadingLabel = "your skills";

// A profile file is a few kilobytes; anything this big is another file.
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export async function render(ctx) {
  const [skills, roles, levelNames] = await Promise.all([fetchSkillOptions(), fetchRoleOptions(), fetchLevelNames()]);
  setTitle("My skills");
  const page = startPage(ctx, { skills, roles, levelNames });
  const profile = profilePanel(page);
  const target = targetPanel(page);
  const matches = matchesPanel(page);
  const keep = keepPanel(page);
  page.redraw = ({ list = true } = {}) => {
    if (list) profile.draw();
    matches.draw();
    target.draw();
    keep.draw();
  };
  page.targetPicker = target.picker;
  page.setTarget = (slug) => {
    page.profile.target = slug;
    target.picker.set(slug);
    page.save();
    target.draw();
    keep.draw();
  };
  const view = h(
    "section",
    { class: "view view-me" },
    pageHeader("My skills", h("p", { class: "lead", text: "Record your skills, choosing each level by what it means for that skill. See which roles fit you best, what a role you aim for would ask of you, and plan how to get there." })),
    linkBanner(page),
    storageNotice(page),
    page.message,
    h("div", { class: "columns" },
      h("div", { class: "column-main" }, profile.element, target.element),
      h("div", { class: "column-side" }, matches.element, keep.element)),
  );
  page.redraw();
  return view;
}

/**
 * The page's shared state: the profile shown (stored, or from a link), what
 * the framework knows, and how a change is kept.
 */
function startPage(ctx, { skills, roles, levelNames }) {
  const stored = loadProfile();
  const linked = ctx.query.has("skills");
  const fromLink = parseSkillsParam(ctx.query.get("skills"));
  let profile = stored.profile;
  if (linked) {
    profile = emptyProfile();
    profile.skills = fromLink.skills;
    profile.target = ctx.query.get("target") || "";
  } else if (ctx.query.get("target")) {
    // An older address with a target only: it becomes the profile's target.
    profile.target = ctx.query.get("target");
    saveProfile(profile);
    ctx.replaceQuery({});
  }
  const message = h("p", { class: "form-error", role: "alert", hidden: true });
  const page = {
    ctx,
    skills,
    roles,
    levelNames,
    skillsByCode: new Map(skills.map((skill) => [skill.code, skill])),
    known: new Set(skills.map((skill) => skill.code)),
    linked,
    stored: stored.profile,
    storageAvailable: stored.available,
    profile,
    message,
    showMessage(text) {
      message.hidden = !text;
      message.textContent = text || "";
    },
    /** Keep a change: in the browser's storage, or in the address of a link. */
    save() {
      if (page.linked) {
        ctx.replaceQuery({ skills: skillsParam(page.profile.skills), target: page.profile.target });
      } else {
        page.storageAvailable = saveProfile(page.profile) && page.storageAvailable;
        ctx.replaceQuery({});
      }
    },
    changed(options) {
      page.save();
      page.redraw(options);
    },
    input() {
      return profileInput(page.profile.skills, page.known);
    },
  };
  if (fromLink.ignored.length) {
    page.showMessage(`Left out of the link because they are not CODE:LEVEL (level 1-7) or repeat a skill: ${fromLink.ignored.join(", ")}.`);
  }
  return page;
}

function linkBanner(page) {
  if (!page.linked) return null;
  const count = page.profile.skills.size;
  const mine = page.stored.skills.size;
  const keep = h("button", { type: "button", class: "button button-primary" }, "Keep these as my profile");
  keep.addEventListener("click", () => {
    const kept = copyProfile(page.profile);
    kept.notes = page.stored.notes; // notes are the person's own; a link has none
    if (!saveProfile(kept)) {
      page.showMessage("This browser does not let the page keep a profile (its storage is off).");
      return;
    }
    page.ctx.navigate("/me", {});
  });
  return h(
    "section",
    { class: "panel link-banner", role: "status", "aria-labelledby": "link-h" },
    h("h2", { id: "link-h", text: "Skills from a link" }),
    h("p", { text: `This page shows the ${count} skill${count === 1 ? "" : "s"} of a link${page.profile.target ? " and its target" : ""}. Changes stay in the address; your own profile in this browser is not touched${mine ? ` (it has ${mine} skill${mine === 1 ? "" : "s"}, which keeping these would replace)` : ""}.` }),
    h("div", { class: "actions" },
      keep,
      h("a", { class: "button", href: "#/me" }, "Back to my profile")),
  );
}

function storageNotice(page) {
  if (page.storageAvailable) return null;
  return h("p", { class: "state state-empty storage-off", role: "status", text: "This browser does not let the page keep your profile, so it lasts until you leave. Download it below to keep it." });
}

// -- Your skills ---------------------------------------------------------------

function profilePanel(page) {
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
  const picker = skillPicker("Skill", page.skills);
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
  const follow = () => showChooser(picker.value() || null);
  picker.input.addEventListener("input", follow);
  picker.input.addEventListener("change", follow);

  const form = h(
    "form",
    { class: "add-skill", "aria-label": "Add a skill" },
    picker.field,
    assessBox,
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button button-primary" }, "Add skill")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const code = picker.value();
    if (!code) {
      page.showMessage(code === null ? "Choose a skill to add." : `No skill matches “${picker.input.value.trim()}”. Pick one from the list.`);
      return;
    }
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
    picker.input.value = "";
    showChooser(null);
    page.changed();
    picker.input.focus();
  });
  return form;
}

function copyRoleForm(page) {
  const picker = rolePicker("Or start from the skills of a role", page.roles, "", { name: "copy" });
  const form = h(
    "form",
    { class: "add-skill copy-role", "aria-label": "Copy the skills of a role" },
    picker.field,
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button" }, "Copy skills")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const slug = picker.value();
    if (!slug) {
      page.showMessage(slug === null ? "Choose a role to copy." : `No role is called “${picker.input.value.trim()}”.`);
      return;
    }
    try {
      const data = await fetchRole(slug);
      for (const requirement of data.role.requirements) {
        if (page.profile.skills.size >= MAX_SKILLS) break;
        if (!page.profile.skills.has(requirement.skill.code)) page.profile.skills.set(requirement.skill.code, requirement.level);
      }
      page.showMessage("");
      picker.input.value = "";
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

// -- The target and the gap ---------------------------------------------------

function targetPanel(page) {
  const picker = rolePicker("Target role", page.roles, page.profile.target, { name: "target" });
  const gapBox = h("div", { class: "gap-box", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "add-skill", "aria-label": "Choose a target role" },
    picker.field,
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button button-primary" }, "Show gap")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const slug = picker.value();
    if (!slug) {
      fill(gapBox, h("p", { class: "form-error", role: "alert", text: slug === null ? "Choose a target role." : `No role is called “${picker.input.value.trim()}”. Pick one from the list.` }));
      return;
    }
    page.setTarget(slug);
  });
  const chart = gapChartBox();
  let version = 0;
  const draw = async () => {
    const mine = ++version;
    const target = page.profile.target;
    if (!target) {
      fill(gapBox, h("p", { class: "muted", text: "Choose a target role, or set one from the matches, to see what you would need." }));
      return;
    }
    fill(gapBox, loading("the gap"));
    try {
      const data = await fetchSkillGap(page.input(), target);
      if (mine !== version || !page.ctx.isCurrent()) return;
      drawGap(page, gapBox, chart, data.skillGap);
    } catch (error) {
      if (mine === version) fill(gapBox, errorBox(error, draw));
    }
  };
  const element = h("section", { class: "panel", "aria-labelledby": "target-h" },
    h("h2", { id: "target-h", text: "Gap to a target role" }), form, gapBox);
  return { element, draw, picker };
}

function drawGap(page, gapBox, chart, gap) {
  const rows = [
    ...gap.newSkills.map((item) => ({ code: item.skill.code, name: item.skill.name, current: 0, required: item.level })),
    ...gap.levelUps.map((item) => ({ code: item.skill.code, name: item.skill.name, current: item.from, required: item.to })),
    ...gap.met.map((item) => ({ code: item.skill.code, name: item.skill.name, current: page.profile.skills.get(item.skill.code) ?? item.level, required: item.level })),
  ].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const plan = planAddress(page, gap.target.slug);
  fill(gapBox,
    h("h3", { class: "gap-title" }, "Gap to ", roleLink(gap.target), " ", effortBadge(gap.effort)),
    h("p", { class: "summary-line gap-summary", text:
      `${gap.newSkills.length} new skill${gap.newSkills.length === 1 ? "" : "s"}, ${gap.levelUps.length} level-up${gap.levelUps.length === 1 ? "" : "s"}, ${gap.met.length} already met.` }),
    h("p", {}, h("a", { class: "button plan-link", href: plan }, `Plan how to get there: ${gap.target.title}`)),
    rows.length
      ? h("div", { class: "legend", "aria-hidden": "true" },
          h("span", { class: "legend-item legend-current" }, "Your level"),
          h("span", { class: "legend-item legend-required" }, "Required level"),
          h("span", { class: "legend-item legend-met" }, "Required, already met"))
      : null,
    chart.element,
    gapColumns(gap),
  );
  chart.show(rows);
}

/** The address of the plan to `slug` for the profile on this page. */
function planAddress(page, slug) {
  if (page.linked) return buildHash("/plan", { target: slug, skills: skillsParam(page.profile.skills) });
  return buildHash("/plan", { target: slug });
}

/** The gap chart, drawn again when its box changes width. */
function gapChartBox() {
  const element = h("div", { class: "chart-box" });
  let rows = null;
  let lastWidth = 0;
  const draw = () => {
    const width = Math.round(element.clientWidth);
    if (!rows || !width || Math.abs(width - lastWidth) < 8) return;
    lastWidth = width;
    fill(element, gapChart(rows, width));
  };
  new ResizeObserver(() => { if (element.isConnected) draw(); }).observe(element);
  return {
    element,
    show(newRows) {
      rows = newRows.length ? newRows : null;
      lastWidth = 0;
      clear(element);
      draw();
    },
  };
}

// -- Best matches -------------------------------------------------------------

function matchesPanel(page) {
  const box = h("div", { class: "matches-box", "aria-live": "polite" });
  let version = 0;
  const draw = async () => {
    const mine = ++version;
    const input = page.input();
    if (input.length === 0) {
      fill(box, h("p", { class: "muted", text: page.profile.skills.size ? "None of these skills is in this framework, so no role matches them." : "Add skills to see the roles that match them best." }));
      return;
    }
    fill(box, loading("matching roles"));
    try {
      const data = await fetchMatches(input, 8);
      if (mine !== version || !page.ctx.isCurrent()) return;
      fill(box, h("ol", { class: "match-list" }, data.matchRoles.map((match) => matchItem(page, match))));
    } catch (error) {
      if (mine === version) fill(box, errorBox(error, draw));
    }
  };
  const element = h("section", { class: "panel", "aria-labelledby": "matches-h" },
    h("h2", { id: "matches-h", text: "Best matching roles" }),
    h("p", { class: "hint", text: "Match: how much your skill levels overlap the role's. Effort: skill levels still to gain." }),
    box);
  return { element, draw };
}

function matchItem(page, match) {
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
        on: { click: () => page.setTarget(match.role.slug) },
      }, "Set as target")),
  );
}

// -- Keep, move and share -----------------------------------------------------

function keepPanel(page) {
  const status = h("div", { class: "keep-status", role: "status" });
  const shareBox = h("p", { class: "share-box" });
  const fileId = uid("import");
  const fileInput = h("input", { type: "file", id: fileId, class: "file-input", accept: "application/json,.json" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (file) await importFile(page, file, say);
  });
  function say(text, undoTo = null) {
    fill(status, text ? h("p", { text }) : null,
      undoTo ? h("button", { type: "button", class: "button button-small", on: { click: () => restore(page, undoTo, say) } }, "Undo") : null);
  }
  page.undo = (before, text) => say(text, before);
  const element = h(
    "section",
    { class: "panel keep-panel", "aria-labelledby": "keep-h" },
    h("h2", { id: "keep-h", text: "Keep, move and share" }),
    h("p", { class: "hint", text: page.linked
      ? "These skills live in the address only. Keep them as your profile to store them in this browser."
      : "Your profile is kept in this browser only. The server is sent just the skills and levels each answer needs; your notes never leave this page." }),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "button", on: { click: () => exportProfile(page) } }, "Download profile (JSON)"),
      h("label", { class: "button file-button", for: fileId }, "Import a profile"),
      fileInput),
    shareBox,
    status,
  );
  const draw = () => {
    const { skills, target } = page.profile;
    fill(shareBox, skills.size
      ? [h("a", { class: "share-link", href: buildHash("/me", { skills: skillsParam(skills), target }) }, "Link to these skills and target"),
        h("span", { class: "hint", text: " (your notes are not in it)" })]
      : null);
  };
  return { element, draw };
}

function exportProfile(page) {
  const document = profileDocument(page.profile, { exported: new Date().toISOString() });
  const day = document.exported.slice(0, 10);
  downloadText(`my-skills-${day}.json`, `${JSON.stringify(document, null, 2)}\n`, "application/json");
}

async function importFile(page, file, say) {
  let read;
  try {
    const text = await readTextFile(file, MAX_IMPORT_BYTES);
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file.name} was not imported: it is not JSON (${error.message}).`);
    }
    try {
      read = readDocument(value);
    } catch (error) {
      throw new Error(`${file.name} was not imported: ${error.message}.`);
    }
  } catch (error) {
    say(error.message);
    return;
  }
  const before = copyProfile(page.linked ? page.stored : page.profile);
  if (!saveProfile(read.profile)) {
    say("This browser does not let the page keep a profile (its storage is off).");
    return;
  }
  const count = read.profile.skills.size;
  const left = read.problems.length ? ` Left out: ${read.problems.join("; ")}.` : "";
  if (page.linked) {
    page.ctx.navigate("/me", {});
    return;
  }
  page.profile = read.profile;
  page.stored = read.profile;
  page.targetPicker.set(read.profile.target);
  page.redraw();
  say(`Imported ${count} skill${count === 1 ? "" : "s"} from ${file.name}.${left}`, before);
}

function restore(page, profile, say) {
  page.profile = copyProfile(profile);
  if (!page.linked) page.stored = page.profile;
  page.targetPicker.set(page.profile.target);
  page.changed();
  say("Restored the profile as it was.");
}
