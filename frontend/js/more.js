// Long lists drawn a part at a time: the first few items, then a "N more"
// button that adds the next ones in place and moves the focus to the first
// added item, so a keyboard or screen reader user carries on reading where
// the new items start. Items not shown are not in the page at all, which
// keeps a view of thousands of roles to a few thousand DOM nodes.

import { h, uid } from "./dom.js";

/**
 * Fill `list` (a ul or ol) with the first `first` of `items`, and give back
 * the button that adds `page` more at a time (null when all fit).
 *
 * renderItem(item) -> li; label(count, remaining) -> the button's accessible
 * name, such as "33 more roles at level 4 in Data"; onMore(shown) runs
 * after each addition.
 */
export function foldedList(list, items, renderItem, { first, page = 50, label, onMore } = {}) {
  // Never fold away a single item: "1 more" costs as much room as the item.
  let shown = items.length <= first + 1 ? items.length : first;
  list.append(...items.slice(0, shown).map(renderItem));
  if (shown >= items.length) return null;
  if (!list.id) list.id = uid("list");
  const button = h("button", {
    type: "button",
    class: "button button-quiet button-small more-button",
    "aria-controls": list.id,
  });
  const caption = () => {
    const remaining = items.length - shown;
    const count = remaining <= page + 1 ? remaining : page;
    button.textContent = count === remaining ? `${remaining} more` : `${count} more (of ${remaining})`;
    if (label) button.setAttribute("aria-label", label(count, remaining));
  };
  caption();
  button.addEventListener("click", () => {
    const remaining = items.length - shown;
    const count = remaining <= page + 1 ? remaining : page;
    const added = items.slice(shown, shown + count).map(renderItem);
    list.append(...added);
    shown += count;
    if (shown >= items.length) button.remove();
    else caption();
    focusInto(added[0]);
    if (onMore) onMore(shown);
  });
  return button;
}

/** Focus the first link or button inside an element, or the element itself. */
export function focusInto(element) {
  if (!element) return;
  const target = element.querySelector("a[href], button, input, select, textarea") || element;
  if (target === element && !element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  target.focus();
}
