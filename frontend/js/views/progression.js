// Progression: pick two roles, see the least-effort path and alternatives as
// a diagram, and what each step asks you to learn.

import { fetchProgression } from "../api.js";
import { rolePicker } from "../combobox.js";
import { fill, h, uid } from "../dom.js";
import { fitDiagram, progressionDiagram } from "../diagram.js";
import { loadProfile } from "../profile-store.js";
import { watchSize } from "../resize.js";
import { buildHash } from "../router.js";
import {
  declaredChip,
  effortBadge,
  errorBox,
  gapColumns,
  kindChip,
  loading,
  notice,
  pageHeader,
  roleLink,
  setTitle,
  stepNote,
  unknownRoles,
} from "../ui.js";


export const loadingLabel = "the progression planner";

export async function render(ctx) {
  setTitle("Progression");
  const fromSlug = ctx.query.get("from") || "";
  const toSlug = ctx.query.get("to") || "";
  const from = rolePicker("From role", { name: "from", hint: "Where you are now" });
  const to = rolePicker("To role", { name: "to", hint: "Where you want to be" });
  const found = await Promise.all([from.setSlug(fromSlug), to.setSlug(toSlug)]);
  const unknown = [fromSlug, toSlug].filter((slug, i) => slug && found[i] === null);
  const formError = h("p", { class: "form-error", role: "alert", hidden: true });
  const results = h("div", { class: "results", "aria-live": "polite" });

  const form = h(
    "form",
    { class: "panel picker-form", "aria-label": "Choose two roles" },
    h("div", { class: "picker-row" }, from.field,
      h("button", {
        type: "button",
        class: "button button-quiet swap",
        "aria-label": "Swap from and to",
        on: {
          click: () => {
            const a = { item: from.item(), text: from.input.value };
            const b = { item: to.item(), text: to.input.value };
            if (b.item) from.set(b.item);
            else from.setText(b.text);
            if (a.item) to.set(a.item);
            else to.setText(a.text);
            // The paths shown are the other way now: not these roles' paths.
            fill(results, h("p", { class: "muted empty-hint", text: "Swapped: press “Show paths” to see the paths this way round." }));
          },
        },
      }, "⇄"),
      to.field),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "button button-primary" }, "Show paths")),
    formError,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let a;
    let b;
    try {
      [a, b] = await Promise.all([from.value(), to.value()]);
    } catch (error) {
      formError.hidden = false;
      formError.textContent = error.message;
      return;
    }
    const problems = [];
    if (a === null) problems.push("Choose a from role.");
    if (a === undefined) problems.push(`No role is called “${from.input.value.trim()}”. Pick one from the list.`);
    if (b === null) problems.push("Choose a to role.");
    if (b === undefined) problems.push(`No role is called “${to.input.value.trim()}”. Pick one from the list.`);
    formError.hidden = problems.length === 0;
    formError.textContent = problems.join(" ");
    if (problems.length) return;
    ctx.navigate("/progression", { from: a, to: b });
  });

  const view = h(
    "section",
    { class: "view view-progression" },
    pageHeader("Progression", h("p", { class: "lead", text: "How to get from one role to another with the least to learn. Each step is a promotion up a ladder, a change of track or of career path, or a move the framework declares; its effort counts the skill levels to gain." })),
    form,
    results,
  );
  if (unknown.length) {
    results.append(unknownRoles(unknown, "Choose the roles above."));
  } else if (fromSlug && toSlug) {
    await showPaths(results, fromSlug, toSlug, ctx);
  } else {
    results.append(
      h("p", { class: "muted empty-hint", text: "Pick a from role and a to role to see the paths between them." }),
    );
  }
  return view;
}

async function showPaths(results, fromSlug, toSlug, ctx) {
  fill(results, loading("the paths"));
  let data;
  try {
    data = await fetchProgression(fromSlug, toSlug, 3);
  } catch (error) {
    fill(results, errorBox(error, () => showPaths(results, fromSlug, toSlug, ctx)));
    return;
  }
  if (!ctx.isCurrent()) return;
  const { fromRole, toRole, progressionPaths: paths } = data;
  setTitle(`${fromRole.title} to ${toRole.title}`, "Progression");
  if (paths.length === 0) {
    fill(results, noPath(fromRole, toRole, data.framework));
    return;
  }
  // The path shown is in the address (alt=1 for "Alternative 1"), so that
  // it can be bookmarked and shared.
  const asked = Number.parseInt(ctx.query.get("alt") || "0", 10);
  let selected = Number.isInteger(asked) && asked > 0 && asked < paths.length ? asked : 0;
  const diagramBox = h("div", { class: "diagram-scroll", tabindex: "0", role: "region", "aria-label": "Progression diagram" });
  const scrollHint = h("p", { class: "diagram-hint", hidden: true, text: "The diagram is wider than the screen: scroll it sideways to see the rest." });
  const stepsBox = h("div", { class: "steps-box" });
  const isNarrow = () => diagramBox.clientWidth > 0 && diagramBox.clientWidth < 640;
  let drawnNarrow = null;
  const showSelected = (svg) => {
    // When the diagram scrolls, the shown path comes into view: all of it
    // when it fits (centred), else from its first role.
    const scrolls = diagramBox.scrollWidth > diagramBox.clientWidth + 1;
    scrollHint.hidden = !scrolls;
    if (!scrolls) return;
    const scale = Number(svg.getAttribute("width")) / Number(svg.dataset.width);
    const route = paths[selected].steps.length
      ? [paths[selected].steps[0].from, ...paths[selected].steps.map((step) => step.to)]
      : [fromRole];
    const boxes = route
      .map((role) => svg.querySelector(`[data-slug="${CSS.escape(role.slug)}"] .node-box`))
      .filter(Boolean)
      .map((box) => ({ left: Number(box.getAttribute("x")) * scale, right: (Number(box.getAttribute("x")) + Number(box.getAttribute("width"))) * scale }));
    if (!boxes.length) return;
    const left = Math.min(...boxes.map((box) => box.left));
    const right = Math.max(...boxes.map((box) => box.right));
    const room = diagramBox.clientWidth;
    diagramBox.scrollLeft = right - left + 32 <= room
      ? Math.max(0, (left + right) / 2 - room / 2)
      : Math.max(0, boxes[0].left - 16);
  };
  const drawDiagram = () => {
    drawnNarrow = isNarrow();
    const svg = progressionDiagram(paths, selected, { from: fromRole, to: toRole }, { compact: drawnNarrow });
    fill(diagramBox, svg);
    fitDiagram(svg, diagramBox.clientWidth - 2);
    showSelected(svg);
  };
  const draw = () => {
    drawDiagram();
    fill(stepsBox, stepDetails(paths[selected], selected));
  };
  // The box has no width until the view is on the page, and changes width
  // when a phone turns: draw (or fit) again then.
  watchSize(diagramBox, () => {
    const svg = diagramBox.querySelector("svg");
    if (!svg || isNarrow() !== drawnNarrow) drawDiagram();
    else {
      fitDiagram(svg, diagramBox.clientWidth - 2);
      showSelected(svg);
    }
  });
  const best = paths[0];
  const summary = best.steps.length === 0
    ? "You are already there: the two roles are the same."
    : `Least effort: ${best.totalEffort} in ${best.steps.length} step${best.steps.length === 1 ? "" : "s"}.`;
  const chooser = paths.length > 1
    ? pathChooser(paths, selected, (index) => {
      selected = index;
      draw();
      ctx.replaceQuery(index ? { from: fromSlug, to: toSlug, alt: index } : { from: fromSlug, to: toSlug });
    })
    : null;
  fill(results, 
    h("section", { class: "panel", "aria-labelledby": "paths-h" },
      h("h2", { id: "paths-h", tabindex: "-1", "data-autofocus": "" }, `${fromRole.title} → ${toRole.title}`),
      h("p", { class: "summary-line path-summary", text: summary }),
      chooser,
      h("div", { class: "legend", "aria-hidden": "true" },
        h("span", { class: "legend-item legend-selected" }, "Shown path"),
        h("span", { class: "legend-item legend-other" }, "Other paths"),
        h("span", { class: "legend-item legend-number" }, "Number on an arrow: effort of the step"),
        paths.some((path) => path.steps.some((step) => step.declared))
          ? h("span", { class: "legend-item legend-declared" }, "Declared move (its note is with the step)")
          : null),
      diagramBox,
      scrollHint),
    stepsBox,
  );
  draw();
}

/** Why there is no path, with the framework's rules, and what a framework can do about it. */
function noPath(fromRole, toRole, framework) {
  const rules = framework.progressionRules;
  const skills = rules.minSharedSkills === 1 ? "a core skill" : `${rules.minSharedSkills} core skills`;
  const up = rules.maxLevelUp === 0 ? "at the same level" : `at most ${rules.maxLevelUp} level${rules.maxLevelUp === 1 ? "" : "s"} up`;
  const changes = rules.pathChanges
    ? `A change of track or career path needs ${skills} in common and goes ${up}.`
    : "This framework turns off changes of track and path: only promotions and its declared moves are steps.";
  const moves = framework.declaredMoveCount
    ? `The framework declares ${framework.declaredMoveCount} move${framework.declaredMoveCount === 1 ? "" : "s"} between roles; none of them opens a way here.`
    : "The framework declares no move between roles.";
  return h("div", { class: "state state-empty no-path", role: "status" },
    h("h2", { tabindex: "-1", "data-autofocus": "", text: "No path" }),
    h("p", {}, "No chain of promotions, track changes, path changes and declared moves leads from ",
      roleLink(fromRole), " to ", roleLink(toRole), "."),
    h("p", { class: "muted no-path-rules", text: `A promotion goes up its own ladder. ${changes} ${moves}` }),
    h("p", { class: "muted no-path-moves" },
      "A framework can declare the moves its organisation makes, such as lead engineers moving into management: a ",
      h("code", { text: "moves:" }), " list in one of its YAML files, each with ", h("code", { text: "from" }), ", ",
      h("code", { text: "to" }), " and an optional ", h("code", { text: "note" }), ". Try the other direction, or compare the two roles."),
    h("p", {}, h("a", { class: "button", href: buildHash("/compare", { a: fromRole.slug, b: toRole.slug }) }, "Compare these roles")));
}

function describePath(path) {
  if (path.steps.length === 0) return "";
  return [path.steps[0].from.title, ...path.steps.map((step) => step.to.title)].join(" → ");
}

function pathChooser(paths, selected, onChange) {
  const name = uid("path");
  return h(
    "fieldset",
    { class: "path-chooser" },
    h("legend", { text: "Show path" }),
    paths.map((path, index) => {
      const id = uid("path-option");
      return h(
        "div",
        { class: "path-option" },
        h("input", { type: "radio", name, id, value: String(index), checked: index === selected, on: { change: () => onChange(index) } }),
        h("label", { for: id },
          h("span", { class: "path-option-title", text: index === 0 ? "Least effort" : `Alternative ${index}` }),
          h("span", { class: "path-option-facts", text: ` · effort ${path.totalEffort} · ${path.steps.length} step${path.steps.length === 1 ? "" : "s"}` }),
          h("span", { class: "path-option-route", text: describePath(path) })),
      );
    }),
  );
}

function stepDetails(path, index) {
  if (path.steps.length === 0) return null;
  return h(
    "section",
    { class: "steps", "aria-labelledby": "steps-h" },
    h("h2", { id: "steps-h", text: index === 0 ? "Steps on the least-effort path" : `Steps on alternative ${index}` }),
    h(
      "ol",
      { class: "step-cards" },
      path.steps.map((step, number) =>
        h(
          "li",
          { class: "panel step-card" },
          h("div", { class: "step-card-head" },
            h("h3", {}, h("span", { class: "step-number", text: `${number + 1}.` }), " ",
              roleLink(step.from), h("span", { class: "arrow", "aria-hidden": "true" }, " → "), h("span", { class: "visually-hidden", text: " to " }), roleLink(step.to)),
            h("div", { class: "step-facts" }, kindChip(step.kind), declaredChip(step), effortBadge(step.gap.effort),
              h("a", { class: "button button-small plan-step", href: stepPlanAddress(step), "aria-label": `Plan for this step, to ${step.to.title}` }, "Plan for this step"))),
          stepNote(step),
          gapColumns(step.gap),
        ),
      ),
    ),
  );
}

/**
 * The plan for a step's target: from the person's own profile when this
 * browser keeps one, else from the core skills of the step's starting role.
 */
function stepPlanAddress(step) {
  if (loadProfile().profile.skills.size) return buildHash("/plan", { target: step.to.slug });
  return buildHash("/plan", { target: step.to.slug, from: step.from.slug });
}
