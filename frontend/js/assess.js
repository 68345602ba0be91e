// Self-assessment: choose a level in a skill by reading what each level
// means for that skill. Seven native radio buttons in a fieldset, each
// labelled with the level's number, its name and the skill's text (or
// "Not described for this skill"): arrow keys move between levels, a screen
// reader reads each text with its level, and a whole row is the touch target.

import { h, uid } from "./dom.js";

export const NOT_DESCRIBED = "Not described for this skill.";

/**
 * skill: { code, name, levels: [{ level, description }] }
 * levelNames: Map number -> name. selected: 1-7 or null (nothing chosen yet).
 * onChange(level) runs when the person picks a level.
 * Returns { element, value(), focus() }.
 */
export function levelChooser(skill, levelNames, { selected = null, legend, onChange } = {}) {
  const name = uid("assess");
  const texts = new Map(skill.levels.map((level) => [level.level, level.description]));
  const inputs = [];
  const options = [1, 2, 3, 4, 5, 6, 7].map((number) => {
    const id = uid("assess-level");
    const text = texts.get(number);
    const input = h("input", {
      type: "radio",
      name,
      id,
      value: String(number),
      checked: number === selected,
      on: onChange ? { change: () => onChange(number) } : {},
    });
    inputs.push(input);
    return h(
      "div",
      { class: ["level-option", text ? null : "level-undescribed"], "data-level": String(number) },
      input,
      h("label", { for: id },
        h("span", { class: "level-option-head" },
          h("span", { class: "level-number", text: String(number) }),
          h("span", { class: "level-option-name", text: levelNames.get(number) || `Level ${number}` })),
        h("span", { class: "level-option-text", text: text || NOT_DESCRIBED })),
    );
  });
  const element = h(
    "fieldset",
    { class: "level-chooser", "data-code": skill.code },
    h("legend", { text: legend || `Your level in ${skill.code} ${skill.name}` }),
    h("p", { class: "hint", text: "Read each level and choose the one that describes how you work today." }),
    options,
  );
  return {
    element,
    value() {
      const checked = inputs.find((input) => input.checked);
      return checked ? Number(checked.value) : null;
    },
    focus() {
      (inputs.find((input) => input.checked) || inputs[0]).focus();
    },
  };
}
