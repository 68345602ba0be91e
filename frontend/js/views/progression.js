// Progression: pick two roles, see the least-effort path and alternatives as
// a diagram, and what each step asks you to learn.

import { fetchProgression, fetchRoleOptions } from "../api.js";
import { fill, h, uid } from "../dom.js";
import { fitDiagram, progressionDiagram } from "../diagram.js";
import {
  effortBadge,
  errorBox,
  gapColumns,
  kindChip,
  loading,
  notice,
  pageHeader,
  roleLink,
  rolePicker,
  setTitle,
} from "../ui.js";

// me.js takes gapColumns from here; its home is ui.js.
export { gapColumns };

export const loadingLabel = "the progression planner";

export async function render(ctx) {
  const roles = await fetchRoleOptions();
  setTitle("Progression");
  const fromSlug = ctx.query.get("from") || "";
  const toSlug = ctx.query.get("to") || "";
  const from = rolePicker("From role", roles, fromSlug, { name: "from", hint: "Where you are now" });
  const to = rolePicker("To role", roles, toSlug, { name: "to", hint: "Where you want to be" });
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
            const a = from.input.value;
            from.input.value = to.input.value;
            to.input.value = a;
          },
        },
      }, "⇄"),
      to.field),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "button button-primary" }, "Show paths")),
    formError,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const a = from.value();
    const b = to.value();
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
    pageHeader("Progression", h("p", { class: "lead", text: "How to get from one role to another with the least to learn. Each step is a promotion on a career path or a change to another path; its effort counts the skill levels to gain." })),
    form,
    results,
  );
  if (fromSlug && toSlug) {
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
    fill(results, 
      h("div", { class: "state state-empty no-path", role: "status" },
        h("h2", { tabindex: "-1", "data-autofocus": "", text: "No path" }),
        h("p", {}, "No chain of promotions and path changes leads from ",
          roleLink(fromRole), " to ", roleLink(toRole), "."),
        h("p", { class: "muted", text: "A promotion stays on a career path and goes up; a path change needs a skill in common and goes up at most one level. Try the other direction, or compare the two roles." }),
        h("p", {}, h("a", { class: "button", href: `#/compare?a=${encodeURIComponent(fromRole.slug)}&b=${encodeURIComponent(toRole.slug)}` }, "Compare these roles"))),
    );
    return;
  }
  let selected = 0;
  const diagramBox = h("div", { class: "diagram-scroll", tabindex: "0", role: "region", "aria-label": "Progression diagram" });
  const stepsBox = h("div", { class: "steps-box" });
  const isNarrow = () => diagramBox.clientWidth > 0 && diagramBox.clientWidth < 640;
  let drawnNarrow = null;
  const drawDiagram = () => {
    drawnNarrow = isNarrow();
    const svg = progressionDiagram(paths, selected, { from: fromRole, to: toRole }, { compact: drawnNarrow });
    fill(diagramBox, svg);
    fitDiagram(svg, diagramBox.clientWidth - 2);
    // When the diagram still scrolls, start with the from-role in view.
    const start = svg.querySelector(`[data-slug="${CSS.escape(fromRole.slug)}"] .node-box`);
    if (start && diagramBox.scrollWidth > diagramBox.clientWidth) {
      const scale = Number(svg.getAttribute("width")) / Number(svg.dataset.width);
      diagramBox.scrollLeft = Math.max(0, Number(start.getAttribute("x")) * scale - 24);
    }
  };
  const draw = () => {
    drawDiagram();
    fill(stepsBox, stepDetails(paths[selected], selected));
  };
  // The box has no width until the view is on the page, and changes width
  // when a phone turns: draw (or fit) again then.
  new ResizeObserver(() => {
    const svg = diagramBox.querySelector("svg");
    if (!svg || isNarrow() !== drawnNarrow) drawDiagram();
    else fitDiagram(svg, diagramBox.clientWidth - 2);
  }).observe(diagramBox);
  const best = paths[0];
  const summary = best.steps.length === 0
    ? "You are already there: the two roles are the same."
    : `Least effort: ${best.totalEffort} in ${best.steps.length} step${best.steps.length === 1 ? "" : "s"}.`;
  const chooser = paths.length > 1 ? pathChooser(paths, (index) => { selected = index; draw(); }) : null;
  fill(results, 
    h("section", { class: "panel", "aria-labelledby": "paths-h" },
      h("h2", { id: "paths-h", tabindex: "-1", "data-autofocus": "" }, `${fromRole.title} → ${toRole.title}`),
      h("p", { class: "summary-line path-summary", text: summary }),
      chooser,
      h("div", { class: "legend", "aria-hidden": "true" },
        h("span", { class: "legend-item legend-selected" }, "Shown path"),
        h("span", { class: "legend-item legend-other" }, "Other paths"),
        h("span", { class: "legend-item legend-number" }, "Number on an arrow: effort of the step")),
      diagramBox),
    stepsBox,
  );
  draw();
}

function describePath(path) {
  if (path.steps.length === 0) return "";
  return [path.steps[0].from.title, ...path.steps.map((step) => step.to.title)].join(" → ");
}

function pathChooser(paths, onChange) {
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
        h("input", { type: "radio", name, id, value: String(index), checked: index === 0, on: { change: () => onChange(index) } }),
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
            h("div", { class: "step-facts" }, kindChip(step.kind), effortBadge(step.gap.effort))),
          gapColumns(step.gap),
        ),
      ),
    ),
  );
}
