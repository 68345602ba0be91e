// Pickers that scale: a text box with a list of suggestions, following the
// ARIA 1.2 combobox pattern (list autocomplete, no automatic selection), fed
// by a server-side search so that a framework of thousands of roles or
// skills sends a small page per keystroke, never the whole list.
//
// combobox() is the generic control; rolePicker() and skillPicker() are the
// two the views use. Keys: Down/Up open the list and move through it, Enter
// chooses (or submits the form when nothing is highlighted), Escape closes
// the list, then clears the box; Alt+Down opens without moving.

import { fetchRoleBrief, searchRoles, searchSkills } from "./api.js";
import { h, uid } from "./dom.js";

const SHOWN = 8; // options in the list: a glance, not a page to scroll
const PAGE = 20; // asked of the server, so the best SHOWN can be ranked first
const DELAY_MS = 150; // typing pause before a search is sent

/**
 * The generic control.
 *
 *   search(text) -> Promise<{ items, total }>: items best first
 *   resolve(text) -> Promise<item | null>: the item a typed text names
 *   keyOf(item), textOf(item): its key (what value() gives) and its text
 *   describe(item) -> [title, detail]: how an option reads
 *   noun: [singular, plural] for the messages ("role", "roles")
 *
 * Returns { field, input, value, chosenOr, item, set, setText }; value()
 * resolves to the chosen key, null for an empty box, undefined when the text
 * names none.
 */
export function combobox({ label, hint, name, placeholder, search, resolve, keyOf, textOf, describe, noun }) {
  const inputId = uid("combo");
  const listId = uid("listbox");
  const hintId = hint ? uid("hint") : null;
  const [one, many] = noun;
  const input = h("input", {
    id: inputId,
    name,
    type: "text",
    class: "input combobox-input",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "aria-describedby": hintId,
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    placeholder,
  });
  // Named apart from the box ("Skill suggestions"), so that the label names
  // one control only.
  const listbox = h("ul", { id: listId, role: "listbox", class: "combobox-list", "aria-label": `${label} suggestions` });
  const footer = h("p", { class: "combobox-footer", "aria-hidden": "true" });
  const popup = h("div", { class: "combobox-popup", hidden: true }, listbox, footer);
  // Announced after each answer, since the list itself is not read while typing.
  const status = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const field = h(
    "div",
    { class: "field combobox" },
    h("label", { for: inputId, text: label }),
    h("div", { class: "combobox-box" }, input, popup),
    hint ? h("p", { id: hintId, class: "hint", text: hint }) : null,
    status,
  );

  let chosen = null; // the item picked, while the box still shows its text
  let options = []; // the items listed
  let active = -1; // the highlighted option, -1 for none
  let timer = 0;
  let asked = 0; // numbers the searches, so a late answer cannot replace a newer one
  let shownFor = null; // the text the list answers

  const isOpen = () => !popup.hidden;
  function open() {
    popup.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function close() {
    popup.hidden = true;
    input.setAttribute("aria-expanded", "false");
    highlight(-1);
  }
  function highlight(index) {
    const items = listbox.children;
    if (active >= 0 && items[active]) items[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && items[active]) {
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function choose(index) {
    const item = options[index];
    if (!item) return;
    chosen = item;
    input.value = textOf(item);
    close();
    status.textContent = `${textOf(item)} chosen.`;
    input.dispatchEvent(new CustomEvent("combobox-change", { detail: { item } }));
  }
  function show(text, found) {
    shownFor = text;
    options = found.items.slice(0, SHOWN);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    listbox.replaceChildren(
      ...options.map((item, index) => {
        const [title, detail] = describe(item);
        return h(
          "li",
          {
            id: `${listId}-${index}`,
            role: "option",
            class: "combobox-option",
            "aria-selected": "false",
            on: {
              // Keeps the focus in the box; the click then chooses.
              mousedown: (event) => event.preventDefault(),
              click: () => {
                choose(index);
                input.focus();
              },
            },
          },
          h("span", { class: "combobox-option-title", text: title }),
          // A space, so that a screen reader reads "title, detail" apart.
          detail ? " " : null,
          detail ? h("span", { class: "combobox-option-detail", text: detail }) : null,
        );
      }),
    );
    const total = Math.max(found.total, options.length);
    let message;
    if (options.length === 0) message = `No ${one} matches “${text}”.`;
    else if (total > options.length) message = `${options.length} of ${total} ${many} shown: type more to narrow them.`;
    else message = `${total} ${total === 1 ? one : many}.`;
    footer.textContent = message;
    status.textContent = options.length ? `${message} Use the down arrow to choose.` : message;
    if (document.activeElement === input) open();
  }
  async function lookUp(text, { highlightFirst = false, highlightLast = false } = {}) {
    const mine = ++asked;
    footer.textContent = "Searching…";
    let found;
    try {
      found = await search(text);
    } catch (error) {
      if (mine !== asked) return;
      options = [];
      listbox.replaceChildren();
      footer.textContent = `The search did not work: ${error.message}`;
      status.textContent = footer.textContent;
      if (document.activeElement === input) open();
      return;
    }
    if (mine !== asked || input.value.trim() !== text) return;
    show(text, found);
    if (options.length && isOpen()) {
      if (highlightFirst) highlight(0);
      else if (highlightLast) highlight(options.length - 1);
    }
  }
  function scheduled(text) {
    clearTimeout(timer);
    if (!text) {
      asked += 1;
      shownFor = null;
      close();
      return;
    }
    timer = setTimeout(() => lookUp(text), DELAY_MS);
  }

  input.addEventListener("input", () => {
    if (chosen && input.value !== textOf(chosen)) chosen = null;
    scheduled(input.value.trim());
  });
  input.addEventListener("keydown", (event) => {
    const text = input.value.trim();
    const fresh = shownFor === text && options.length > 0;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (event.altKey) {
          if (fresh) open();
          else if (text) lookUp(text);
        } else if (isOpen() && fresh) highlight((active + 1) % options.length);
        else if (fresh) {
          open();
          highlight(0);
        } else if (text) {
          clearTimeout(timer);
          open();
          lookUp(text, { highlightFirst: true });
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (isOpen() && fresh) highlight(active <= 0 ? options.length - 1 : active - 1);
        else if (fresh) {
          open();
          highlight(options.length - 1);
        } else if (text) {
          clearTimeout(timer);
          open();
          lookUp(text, { highlightLast: true });
        }
        break;
      case "Enter":
        if (isOpen() && active >= 0) {
          event.preventDefault();
          choose(active);
        } else {
          // The form is submitted: an answer still on its way must not
          // open the list over what comes next.
          clearTimeout(timer);
          asked += 1;
          close();
        }
        break;
      case "Escape":
        if (isOpen()) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          chosen = null;
          scheduled("");
        }
        break;
      case "Tab":
        close();
        break;
      default:
    }
  });
  // Leaving the box (to a button, say) drops a search not yet sent or answered.
  input.addEventListener("blur", () => {
    clearTimeout(timer);
    asked += 1;
    shownFor = null;
    close();
  });

  /** The chosen key; null for an empty box; undefined when nothing is called that. */
  async function value() {
    const text = input.value.trim();
    if (!text) return null;
    if (chosen && input.value === textOf(chosen)) return keyOf(chosen);
    const found = await resolve(text);
    if (!found) return undefined;
    chosen = found;
    return keyOf(found);
  }

  return {
    field,
    input,
    value,
    /**
     * For a form's submit: the chosen key, or null once `say` has been told
     * why there is none: the box is empty (`empty`), its text names nothing
     * (`unknown(text)`), or the lookup failed (its message).
     */
    async chosenOr(say, { empty, unknown }) {
      let key;
      try {
        key = await value();
      } catch (error) {
        say(error.message);
        return null;
      }
      if (key) return key;
      say(key === null ? empty : unknown(input.value.trim()));
      return null;
    },
    item: () => (chosen && input.value === textOf(chosen) ? chosen : null),
    set(item) {
      chosen = item || null;
      input.value = item ? textOf(item) : "";
      close();
    },
    /** Show a text that is not (yet) an item, such as an unknown slug. */
    setText(text) {
      chosen = null;
      input.value = text || "";
      close();
    },
  };
}

/**
 * Rank a page of answers for a picker: the exact match first, then items
 * whose main text starts with the typed text, then those with a word
 * starting with it, then the rest, each group in the server's order.
 */
export function ranked(text, exact, items, keyOf, mainText) {
  const wanted = text.toLowerCase();
  const score = (item) => {
    const main = mainText(item).toLowerCase();
    if (main === wanted) return 0;
    if (main.startsWith(wanted)) return 1;
    if (main.includes(` ${wanted}`) || main.includes(`-${wanted}`) || main.includes(`/${wanted}`)) return 2;
    if (main.includes(wanted)) return 3;
    return 4;
  };
  const seen = new Set();
  const all = [];
  for (const item of [exact, ...items]) {
    if (!item || seen.has(keyOf(item))) continue;
    seen.add(keyOf(item));
    all.push(item);
  }
  return all
    .map((item, order) => ({ item, order, rank: item === exact ? -1 : score(item) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((entry) => entry.item);
}

/** Where a role sits: "Level 3 · Engineering › QA". */
export function rolePlace(role) {
  const track = role.track ? ` › ${role.track.name}` : "";
  return `Level ${role.level.number} · ${role.careerPath.name}${track}`;
}

/** A role picker; `value()` gives a slug. `setSlug(slug)` shows a role. */
export function rolePicker(label, { name, hint } = {}) {
  const picker = combobox({
    label,
    hint,
    name,
    placeholder: "Type part of a role title",
    noun: ["role", "roles"],
    async search(text) {
      const found = await searchRoles(text, PAGE);
      const items = ranked(text, found.exact, found.items, (role) => role.slug, (role) => role.title);
      return { items, total: found.total + (found.exact && !found.items.some((r) => r.slug === found.exact.slug) ? 1 : 0) };
    },
    resolve: (text) => fetchRoleBrief(text),
    keyOf: (role) => role.slug,
    textOf: (role) => role.title,
    describe: (role) => [role.title, rolePlace(role)],
  });
  return {
    ...picker,
    /**
     * Show the role of this slug (its title), or the slug as typed when
     * unknown. Resolves to the role, null when the framework has no such
     * role, undefined when there is no slug or the lookup failed.
     */
    async setSlug(slug) {
      if (!slug) {
        picker.set(null);
        return undefined;
      }
      let role;
      try {
        role = await fetchRoleBrief(slug);
      } catch {
        role = undefined;
      }
      if (role) picker.set(role);
      else picker.setText(slug);
      return role;
    },
  };
}

const SKILL_TEXT = (skill) => `${skill.code} — ${skill.name}`;

/** A skill picker ("PROG — Programming"); `value()` gives a code. */
export function skillPicker(label, { name, hint } = {}) {
  return combobox({
    label,
    hint,
    name,
    placeholder: "Skill code or name",
    noun: ["skill", "skills"],
    async search(text) {
      const found = await searchSkills(text, PAGE);
      const byName = ranked(text, null, found.items, (skill) => skill.code, (skill) => skill.name);
      const items = ranked(text, found.exact, byName, (skill) => skill.code, (skill) => skill.code);
      return { items, total: found.total + (found.exact && !found.items.some((s) => s.code === found.exact.code) ? 1 : 0) };
    },
    async resolve(text) {
      // A code, "CODE — Name" as the box shows a choice, or a whole name.
      const code = text.split(/\s+[—–-]\s+/)[0].trim();
      const byCode = await searchSkills(code, PAGE);
      if (byCode.exact) return byCode.exact;
      const byName = await searchSkills(text, PAGE);
      return byName.items.find((skill) => skill.name.toLowerCase() === text.toLowerCase()) || null;
    },
    keyOf: (skill) => skill.code,
    textOf: SKILL_TEXT,
    describe: (skill) => [SKILL_TEXT(skill), skill.category.name],
  });
}
