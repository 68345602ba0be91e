// My skills: a person's own profile (skills with levels chosen by reading
// each level's text, a target role, notes), kept in this browser; the roles
// that match it best and the gap to the target. A shared link
// (#/me?skills=PROG:4,TEST:3&target=slug) shows its skills without touching
// the stored profile until the person keeps them.

import { fetchLevelNames, fetchMatches, fetchSkillGap, fetchSkillOptions } from "../api.js";
import { rolePicker } from "../combobox.js";
import { clear, fill, h } from "../dom.js";
import { gapChart } from "../chart.js";
import { profilePanel } from "../profile-editor.js";
import { keepPanel } from "../profile-keep.js";
import {
  copyProfile,
  emptyProfile,
  loadProfile,
  parseSkillsParam,
  profileInput,
  saveProfile,
  skillsParam,
  watchStoredProfile,
} from "../profile-store.js";
import { buildHash } from "../router.js";
import {
  effortBadge,
  errorBox,
  gapColumns,
  loading,
  pageHeader,
  percent,
  roleLink,
  roleMeta,
  setTitle,
} from "../ui.js";
import { watchSize } from "../resize.js";

export const loadingLabel = "your skills";

export async function render(ctx) {
  const [skills, levelNames] = await Promise.all([fetchSkillOptions(), fetchLevelNames()]);
  setTitle("My skills");
  const page = startPage(ctx, { skills, levelNames });
  const profile = profilePanel(page);
  const target = targetPanel(page);
  await target.picker.setSlug(page.profile.target);
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
    target.picker.setSlug(slug);
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
  watchStoredProfile(() => {
    if (ctx.isCurrent() && !page.linked) ctx.navigate("/me", {});
  });
  return view;
}

/**
 * The page's shared state: the profile shown (stored, or from a link), what
 * the framework knows, and how a change is kept.
 */
function startPage(ctx, { skills, levelNames }) {
  const stored = loadProfile();
  const linked = ctx.query.has("skills");
  const fromLink = parseSkillsParam(ctx.query.get("skills"));
  let profile = stored.profile;
  if (linked) {
    profile = emptyProfile();
    profile.skills = fromLink.skills;
    profile.target = ctx.query.get("target") || "";
  } else if (ctx.query.get("target")) {
    // An address with a target only (a link whose skills were all removed):
    // shown with the stored skills, and stored only when the person saves.
    profile.target = ctx.query.get("target");
  }
  const message = h("p", { class: "form-error", role: "alert", hidden: true });
  const page = {
    ctx,
    skills,
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
    { class: "panel link-banner", "aria-labelledby": "link-h" },
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

// -- The target and the gap ---------------------------------------------------

function targetPanel(page) {
  const picker = rolePicker("Target role", { name: "target" });
  const gapBox = h("div", { class: "gap-box", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "add-skill", "aria-label": "Choose a target role" },
    picker.field,
    h("div", { class: "field field-button" }, h("button", { type: "submit", class: "button button-primary" }, "Show gap")),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const slug = await picker.value().catch(() => undefined);
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
      if (mine !== version) return;
      // Unknown skills are left out of the query: NOT_FOUND is the target, a
      // role a shared link or an older profile names and the framework lacks.
      // Trying again cannot help; choosing another role can.
      fill(gapBox, error.code === "NOT_FOUND"
        ? h("p", { class: "form-error", role: "alert", text: `This framework has no role “${target}”. Choose a target role.` })
        : errorBox(error, draw));
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
  watchSize(element, draw);
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
  // Not a live region: each change of the profile would have a screen reader
  // read all eight roles again. The status line says the gist instead.
  const box = h("div", { class: "matches-box" });
  const status = h("p", { class: "visually-hidden", role: "status" });
  let version = 0;
  const draw = async () => {
    const mine = ++version;
    const input = page.input();
    if (input.length === 0) {
      const text = page.profile.skills.size ? "None of these skills is in this framework, so no role matches them." : "Add skills to see the roles that match them best.";
      status.textContent = text;
      fill(box, h("p", { class: "muted", text }));
      return;
    }
    fill(box, loading("matching roles"));
    try {
      const data = await fetchMatches(input, 8);
      if (mine !== version || !page.ctx.isCurrent()) return;
      const [best] = data.matchRoles;
      status.textContent = best
        ? `Best match: ${best.role.title}, ${percent(best.score)} match.`
        : "No role matches these skills.";
      fill(box, data.matchRoles.length
        ? h("ol", { class: "match-list" }, data.matchRoles.map((match) => matchItem(page, match)))
        : h("p", { class: "muted", text: "No role requires any of these skills as a core skill." }));
    } catch (error) {
      if (mine !== version) return;
      status.textContent = "The matching roles could not be found.";
      fill(box, errorBox(error, draw));
    }
  };
  const element = h("section", { class: "panel", "aria-labelledby": "matches-h" },
    h("h2", { id: "matches-h", text: "Best matching roles" }),
    h("p", { class: "hint", text: "Match: how much your skill levels overlap the role's. Effort: skill levels still to gain." }),
    status,
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
