// Small DOM helpers: build elements without innerHTML, so that text from the
// framework is never parsed as markup, and no inline handlers are needed.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
}

/**
 * h("a", { href: "#/", class: "card", on: { click: fn } }, "text", child)
 * Keys: class, text, dataset, on, plus any attribute. `true` sets an empty
 * attribute, false/null/undefined leave it out.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** The same for SVG elements. */
export function s(tag, props = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

function applyProps(element, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [event, handler] of Object.entries(value)) {
        element.addEventListener(event, handler);
      }
    } else if (key === "dataset") {
      Object.assign(element.dataset, value);
    } else if (key === "text") {
      element.textContent = String(value);
    } else if (key === "class") {
      element.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    } else if (key === "value" && "value" in element && !(element instanceof SVGElement)) {
      element.value = value;
    } else {
      element.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

let uniqueCounter = 0;
/** An id unique in this page, for label/for and aria references. */
export function uid(prefix = "id") {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

/** Replace an element's children, skipping null/false ones like h() does. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}
