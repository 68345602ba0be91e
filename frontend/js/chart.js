// The gap chart: for each skill a target role requires, a bar for your level
// and a bar for the required level, on a 0-7 scale.

import { s } from "./dom.js";

const ROW = 60;
const TOP = 30;
const PAD = 10;

/**
 * rows: [{ code, name, current, required }]; width: pixels available.
 * Drawn at the width of its container so the text keeps its size on phones.
 */
export function gapChart(rows, width) {
  const plotLeft = PAD;
  const plotWidth = Math.max(200, width - PAD * 2 - 28);
  const height = TOP + rows.length * ROW + 6;
  const x = (level) => plotLeft + (level / 7) * plotWidth;
  const short = rows.filter((row) => row.current < row.required).length;
  const svg = s("svg", {
    class: "gap-chart",
    width: plotWidth + PAD * 2 + 28,
    height,
    viewBox: `0 0 ${plotWidth + PAD * 2 + 28} ${height}`,
    role: "img",
    "aria-label": `Chart of your level against the required level for ${rows.length} skills; ${short} below the required level.`,
  });
  for (let level = 0; level <= 7; level += 1) {
    svg.append(
      s("line", { class: "tick", x1: x(level), x2: x(level), y1: TOP - 8, y2: height - 4 }),
      s("text", { class: "tick-label", x: x(level), y: TOP - 14, "text-anchor": "middle" }, String(level)),
    );
  }
  const maxChars = Math.max(12, Math.floor(plotWidth / 7.4));
  rows.forEach((row, index) => {
    const y = TOP + index * ROW;
    const status = row.current >= row.required ? "met" : row.current > 0 ? "up" : "new";
    const label = `${row.code} · ${row.name}`;
    const group = s(
      "g",
      { class: ["gap-row", `gap-row-${status}`], "data-code": row.code },
      s("title", {}, `${row.code} ${row.name}: you ${row.current}, required ${row.required}`),
      s("text", { class: "bar-label", x: plotLeft, y: y + 13 }, label.length > maxChars ? label.slice(0, maxChars - 1) + "…" : label),
      s("rect", { class: "bar bar-current", x: plotLeft, y: y + 20, width: Math.max(0, x(row.current) - plotLeft), height: 13, rx: 3 }),
      s("text", { class: "bar-value value-current", x: x(row.current) + 5, y: y + 31 }, String(row.current)),
      s("rect", { class: ["bar", "bar-required", `bar-required-${status}`], x: plotLeft, y: y + 37, width: x(row.required) - plotLeft, height: 13, rx: 3 }),
      s("text", { class: "bar-value value-required", x: x(row.required) + 5, y: y + 48 }, String(row.required)),
    );
    svg.append(group);
  });
  return svg;
}
