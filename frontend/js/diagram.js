// The progression diagram: roles placed by career path and track (x) and
// level (y), steps drawn as arrows labelled with their effort; a declared
// move has an arrow of its own style and its note in the arrow's title. Built as SVG with
// attributes and classes only, since the page's CSP forbids inline styles.

import { s } from "./dom.js";
import { pathClass, roleHref } from "./ui.js";

// Two sizes: the wide one for desktops; the compact one lets a three-path
// diagram fit a phone's width with its text still legible.
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif';
const WIDE = {
  gutter: 76, // room for the level labels on the left
  header: 40, // room for the career path names on top
  column: 236,
  nodeW: 200,
  nodeH: 54,
  rowPad: 76, // room between rows for the arrows and their labels
  textLeft: 16,
  lineHeight: 16,
  font: `600 13px ${FONT_FAMILY}`,
  levelLabel: (level) => `Level ${level}`,
  compact: false,
};
const COMPACT = {
  gutter: 30,
  header: 34,
  column: 142,
  nodeW: 130,
  nodeH: 50,
  rowPad: 62,
  textLeft: 11,
  lineHeight: 15,
  font: `600 12px ${FONT_FAMILY}`,
  levelLabel: (level) => `L${level}`,
  compact: true,
};
let g = WIDE;

let measureContext = null;
/** The width of a title line in the diagram's font (canvas measures without layout). */
function textWidth(text) {
  if (!measureContext) measureContext = document.createElement("canvas").getContext("2d");
  if (!measureContext) return text.length * 7.6;
  measureContext.font = g.font;
  return measureContext.measureText(text).width;
}

/** Split a title into at most two lines that fit a node, cutting with "…". */
export function wrapTitle(title, width = g.nodeW - g.textLeft - 10, measure = textWidth) {
  const words = title.split(/\s+/).filter(Boolean);
  const lines = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (!current || measure(candidate) <= width) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  const cut = (line, force) => {
    if (!force && measure(line) <= width) return line;
    let text = line;
    while (text.length > 1 && measure(`${text}…`) > width) text = text.slice(0, -1);
    return `${text.trimEnd()}…`;
  };
  if (lines.length > 2) return [cut(lines[0], false), cut(lines[1], true)];
  return lines.map((line) => cut(line, false));
}

/**
 * Shrink a diagram a little when that makes it fit its box; a diagram that
 * would need more shrinking than that scrolls instead, to keep text legible.
 */
export function fitDiagram(svg, available) {
  const width = Number(svg.dataset.width);
  const height = Number(svg.dataset.height);
  const scale = available > 0 && width > available && available >= width * 0.72 ? available / width : 1;
  svg.setAttribute("width", String(Math.floor(width * scale)));
  svg.setAttribute("height", String(Math.floor(height * scale)));
}

/** A role's column: its path, or its path and track ("Engineering › QA"). */
export function columnOf(role) {
  return role.track ? `${role.careerPath.name} › ${role.track.name}` : role.careerPath.name;
}

/** A column's label lines: the path, and under it the track when there is one. */
function columnLabel(role, width) {
  const cut = (text) => wrapTitle(text, width)[0] + (wrapTitle(text, width).length > 1 ? "…" : "");
  return role.track ? [cut(role.careerPath.name), cut(role.track.name)] : [cut(role.careerPath.name)];
}

/**
 * paths: ProgressionPath answers; selected: index of the highlighted path;
 * ends: { from, to } roles, drawn even when there is no step.
 */
export function progressionDiagram(paths, selected, ends, { compact = false } = {}) {
  g = compact ? COMPACT : WIDE;
  const roles = new Map();
  const addRole = (role) => role && roles.set(role.slug, role);
  addRole(ends.from);
  addRole(ends.to);
  const edges = new Map();
  paths.forEach((path, index) => {
    for (const step of path.steps) {
      addRole(step.from);
      addRole(step.to);
      const key = `${step.from.slug}>${step.to.slug}`;
      if (!edges.has(key)) edges.set(key, { step, paths: new Set() });
      edges.get(key).paths.add(index);
    }
  });
  const onSelected = new Set();
  for (const step of paths[selected]?.steps || []) {
    onSelected.add(step.from.slug);
    onSelected.add(step.to.slug);
  }

  const columns = [...new Set([...roles.values()].map(columnOf))].sort();
  const columnRole = new Map([...roles.values()].map((role) => [columnOf(role), role]));
  const levelNumbers = [...new Set([...roles.values()].map((role) => role.level.number))].sort((a, b) => b - a);
  const cells = new Map();
  for (const role of [...roles.values()].sort((a, b) => a.title.localeCompare(b.title))) {
    const key = `${columnOf(role)}|${role.level.number}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(role);
  }
  // Roles sharing a cell sit side by side, so arrows pass beside them
  // rather than through them; such a column is wider.
  const columnSlots = new Map(columns.map((column) => [
    column,
    Math.max(1, ...levelNumbers.map((level) => (cells.get(`${column}|${level}`) || []).length)),
  ]));
  const columnLeft = new Map();
  let x = g.gutter;
  for (const column of columns) {
    columnLeft.set(column, x);
    x += columnSlots.get(column) * g.column;
  }
  const width = x;
  const rowHeight = g.rowPad + g.nodeH;
  const rowTop = new Map(levelNumbers.map((level, index) => [level, g.header + index * rowHeight]));
  const height = g.header + levelNumbers.length * rowHeight + 8;
  const position = new Map();
  for (const [key, list] of cells) {
    const cut = key.lastIndexOf("|");
    const column = key.slice(0, cut);
    const level = key.slice(cut + 1);
    const slots = columnSlots.get(column);
    // Centre a cell's roles within its column.
    const offset = ((slots - list.length) * g.column) / 2;
    list.forEach((role, slot) => {
      position.set(role.slug, {
        x: columnLeft.get(column) + offset + slot * g.column + (g.column - g.nodeW) / 2,
        y: rowTop.get(Number(level)) + g.rowPad / 2,
      });
    });
  }

  const svg = s("svg", {
    class: g.compact ? "diagram diagram-compact" : "diagram",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    dataset: { width: String(width), height: String(height) },
    role: "group",
    "aria-label": "Progression diagram: roles by career path and level, steps as arrows labelled with their effort",
  });
  svg.append(
    s("defs", {},
      marker("arrow-selected", "arrow-head-selected"),
      marker("arrow-other", "arrow-head-other")),
  );
  // Row bands and labels.
  levelNumbers.forEach((level, index) => {
    svg.append(
      s("rect", {
        class: index % 2 === 0 ? "band band-even" : "band band-odd",
        x: 0, y: rowTop.get(level), width, height: rowHeight,
      }),
      s("text", { class: "row-label", x: g.compact ? 6 : 12, y: rowTop.get(level) + rowHeight / 2 + 4 }, g.levelLabel(level)),
    );
  });
  columns.forEach((column) => {
    const role = columnRole.get(column);
    const lines = columnLabel(role, columnSlots.get(column) * g.column - 12);
    lines.forEach((line, index) => {
      svg.append(
        s("text", {
          class: ["column-label", index === 0 && lines.length > 1 ? "column-label-path" : "", pathClass(role.careerPath.name)],
          x: columnLeft.get(column) + (columnSlots.get(column) * g.column) / 2,
          y: lines.length === 1 ? 24 : 14 + index * (g.compact ? 14 : 16),
          "text-anchor": "middle",
        }, line),
      );
    });
  });
  // Other paths' arrows first, so the highlighted path draws on top.
  const ports = portOffsets([...edges.values()].map((edge) => edge.step), position);
  const ordered = [...edges.values()].sort((a, b) => Number(a.paths.has(selected)) - Number(b.paths.has(selected)));
  const routes = new Map(ordered.map((edge) => [edge, route(edge.step, position, ports)]));
  // Labels are placed clear of the boxes and of one another, the shown
  // path's first, so that theirs keep the best places.
  const taken = [...position.values()].map((at) => ({ x: at.x, y: at.y, width: g.nodeW, height: g.nodeH }));
  for (const found of routes.values()) taken.push(found.head);
  for (const column of columns) {
    // The column's name, centred on top.
    const span = columnSlots.get(column) * g.column;
    taken.push({ x: columnLeft.get(column) + span * 0.15, y: 0, width: span * 0.7, height: g.header - 6 });
  }
  for (const edge of [...ordered].reverse()) {
    const found = routes.get(edge);
    found.label = placeLabel(found.mid, labelWidthOf(edge.step), taken);
  }
  for (const edge of ordered) {
    svg.append(arrow(edge, routes.get(edge), edge.paths.has(selected)));
  }
  for (const role of roles.values()) {
    const at = position.get(role.slug);
    const classes = ["node", pathClass(role.careerPath.name)];
    if (ends.from && role.slug === ends.from.slug) classes.push("node-start");
    if (ends.to && role.slug === ends.to.slug) classes.push("node-target");
    if (onSelected.size && !onSelected.has(role.slug)) classes.push("node-faded");
    const lines = wrapTitle(role.title);
    const link = s(
      "a",
      { href: roleHref(role.slug), class: classes, "data-slug": role.slug },
      s("title", {}, `${role.title}, level ${role.level.number}, ${columnOf(role)}`),
      s("rect", { class: "node-box", x: at.x, y: at.y, width: g.nodeW, height: g.nodeH, rx: 8 }),
      s("rect", { class: "node-stripe", x: at.x, y: at.y, width: 6, height: g.nodeH, rx: 3 }),
      lines.map((line, index) =>
        s("text", {
          class: "node-title",
          x: at.x + g.textLeft,
          y: at.y + g.nodeH / 2 + (index - (lines.length - 1) / 2) * g.lineHeight + 4.5,
        }, line),
      ),
    );
    svg.append(link);
  }
  return svg;
}

const EDGE_CLASSES = { PROMOTION: "edge-promotion", TRACK_CHANGE: "edge-track", PATH_CHANGE: "edge-change" };

function marker(id, cls) {
  return s(
    "marker",
    { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
    s("path", { d: "M 0 0 L 10 5 L 0 10 z", class: cls }),
  );
}

/**
 * Where each arrow leaves and enters its boxes, spread along the top and
 * bottom edges (ordered by the other end's x) so arrows sharing a box do not
 * lie on top of one another.
 */
function portOffsets(steps, position) {
  const outs = new Map();
  const ins = new Map();
  const add = (map, slug, key, otherX) => {
    if (!map.has(slug)) map.set(slug, []);
    map.get(slug).push({ key, otherX });
  };
  for (const step of steps) {
    const key = `${step.from.slug}>${step.to.slug}`;
    add(outs, step.from.slug, key, position.get(step.to.slug).x);
    add(ins, step.to.slug, key, position.get(step.from.slug).x);
  }
  const spread = (map) => {
    const result = new Map();
    for (const list of map.values()) {
      list.sort((a, b) => a.otherX - b.otherX);
      list.forEach((item, index) => {
        const share = list.length === 1 ? 0 : index / (list.length - 1) - 0.5;
        result.set(item.key, share * Math.min(g.nodeW / 2, 28 * (list.length - 1)));
      });
    }
    return result;
  };
  return { out: spread(outs), in: spread(ins) };
}

/**
 * An arrow routed around the boxes: up from the top of one box, across in
 * the gap under the target's row, and up into the bottom of the target; an
 * arrow within a row arches through the gap above the row, its label at the
 * top of the arch, clear of the boxes and of its arrowhead.
 */
function route(step, position, ports) {
  const key = `${step.from.slug}>${step.to.slug}`;
  const a = position.get(step.from.slug);
  const b = position.get(step.to.slug);
  const sx = a.x + g.nodeW / 2 + ports.out.get(key);
  const tx = b.x + g.nodeW / 2 + ports.in.get(key);
  let d;
  let mid;
  if (b.y < a.y) {
    const sy = a.y;
    const ty = b.y + g.nodeH + 3;
    const ym = ty + g.rowPad / 2 - 3;
    d = `M ${sx} ${sy} C ${sx} ${ym} ${tx} ${ym} ${tx} ${ty}`;
    // The label sits three quarters along, near its target, so the labels of
    // arrows that cross the same gap do not meet in the middle.
    mid = Math.abs(tx - sx) < 2
      ? { x: sx, y: (sy + ty) / 2 }
      : { x: (10 * sx + 54 * tx) / 64, y: (sy + 36 * ym + 27 * ty) / 64 };
  } else {
    // Within a row (or down), always an arch through the gap above: straight
    // across, the gap between two boxes (12 px on a phone) had no room for
    // the label, which covered the arrowhead and the boxes. Wider arches
    // rise higher, so that nested ones stay apart.
    const columns = Math.min(3, Math.max(1, Math.round(Math.abs(b.x - a.x) / g.column)));
    const sy = a.y;
    const ty = b.y - 3;
    const ym = a.y - g.rowPad * (0.22 + 0.16 * columns);
    d = `M ${sx} ${sy} C ${sx} ${ym} ${tx} ${ym} ${tx} ${ty}`;
    mid = { x: (sx + tx) / 2, y: (sy + 6 * ym + ty) / 8 };
  }
  // The arrowhead's area, kept clear of labels.
  const head = { x: tx - 7, y: (b.y < a.y ? b.y + g.nodeH : b.y - 14), width: 14, height: 14 };
  return { d, mid, label: mid, head };
}

function labelWidthOf(step) {
  return 14 + String(step.gap.effort).length * 8;
}

const LABEL_HEIGHT = 22;

/** The free spot nearest ``mid`` for a label: where it was, a little higher
 * or lower, or beside; taken areas (boxes, arrowheads, labels) are avoided,
 * and where none is free, the least covered spot is used. */
function placeLabel(mid, width, taken) {
  const step = LABEL_HEIGHT + 2;
  // Nearest first; up before down, since arrows come up from below.
  const candidates = [];
  for (const dy of [0, -step, step, -2 * step, 2 * step, -3 * step]) {
    for (let n = -4; n <= 4; n++) candidates.push([n * (width + 4), dy]);
  }
  candidates.sort((p, q) => Math.hypot(p[0], p[1] * 1.2) - Math.hypot(q[0], q[1] * 1.2));
  const rect = (x, y) => ({ x: x - width / 2, y: y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT });
  const covered = (r) => taken.reduce((sum, t) =>
    sum + Math.max(0, Math.min(r.x + r.width, t.x + t.width) - Math.max(r.x, t.x)) *
      Math.max(0, Math.min(r.y + r.height, t.y + t.height) - Math.max(r.y, t.y)), 0);
  let best = null;
  for (const [dx, dy] of candidates) {
    const spot = { x: mid.x + dx, y: mid.y + dy };
    const area = covered(rect(spot.x, spot.y));
    if (best === null || area < best.area) best = { spot, area };
    if (area === 0) break;
  }
  taken.push(rect(best.spot.x, best.spot.y));
  return best.spot;
}

function arrow(edge, found, isSelected) {
  const { step } = edge;
  const { d } = found;
  const mid = found.label;
  const label = String(step.gap.effort);
  const labelWidth = labelWidthOf(step);
  return s(
    "g",
    {
      class: ["edge", isSelected ? "edge-selected" : "edge-other", EDGE_CLASSES[step.kind] || "edge-change", step.declared ? "edge-declared" : ""],
      "data-from": step.from.slug,
      "data-to": step.to.slug,
      "data-kind": step.kind,
    },
    s("title", {}, `${step.from.title} to ${step.to.title}: effort ${step.gap.effort}` +
      (step.declared ? `; a declared move${step.note ? `: ${step.note}` : ""}` : "")),
    s("path", { class: "edge-line", d, "marker-end": `url(#${isSelected ? "arrow-selected" : "arrow-other"})` }),
    s("rect", { class: "edge-label-box", x: mid.x - labelWidth / 2, y: mid.y - LABEL_HEIGHT / 2, width: labelWidth, height: LABEL_HEIGHT, rx: 11 }),
    s("text", { class: "edge-label", x: mid.x, y: mid.y + 4.5, "text-anchor": "middle" }, label),
  );
}
