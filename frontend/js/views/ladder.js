// The ladder: career paths as columns (a path's tracks as sub-columns, its
// shared rungs spanning them), levels as rows, a card per role.
//
// It stays readable at any size: columns never get narrower than a title
// needs; when they do not fit, the table scrolls sideways in its own box
// with the level column and the headers kept in view; a filter chooses the
// columns (its choice is in the address); a cell with many roles shows the
// first few and "N more".

import { fetchLadder } from "../api.js";
import { fill, h, uid } from "../dom.js";
import { foldedList } from "../more.js";
import { notice, pageHeader, pathClass, roleHref, setTitle } from "../ui.js";

export const loadingLabel = "the career ladder";

// Widths in CSS pixels. The default choice of columns is worked out from
// them, so they are set on the table from here rather than in the CSS.
const WIDE = { level: 152, column: 192 };
const NARROW = { level: 48, column: 144 };
const NARROW_QUERY = "(max-width: 720px)";
const FOLD_PAGE = 50; // cards added by each "more"
// How much a cell shows before "N more": three cards with their summaries
// while the table is small, fewer and plainer as more columns are shown, so
// that the table stays within TABLE_NODES DOM nodes (the page's budget is
// 5,000; see tools/browser_bench.py). Per card: li, a, title and its text,
// and a summary and its text; per filled cell about six more (td, ul, the
// "more" button and its text, a shared rung's label).
const DENSITIES = [
  { first: 3, summaries: true },
  { first: 3, summaries: false },
  { first: 2, summaries: false },
  { first: 1, summaries: false },
];
const TABLE_NODES = 3600;
const CELL_NODES = 6;

function densityFor(filled, empty) {
  for (const density of DENSITIES) {
    const card = density.summaries ? 6 : 4;
    if (filled * (CELL_NODES + density.first * card) + empty <= TABLE_NODES) return density;
  }
  return DENSITIES[DENSITIES.length - 1];
}

/** One column of the table: a path without tracks, or one track of a path. */
function columnsOf(paths) {
  const columns = [];
  for (const path of paths) {
    if (path.tracks.length === 0) columns.push({ path: path.name, track: null, key: path.name });
    for (const track of path.tracks) {
      columns.push({ path: path.name, track: track.name, key: trackKey(path.name, track.name) });
    }
  }
  return columns;
}

function trackKey(path, track) {
  return `${path}/${track}`;
}

/**
 * The columns an address chooses: `path=` names a whole path, `track=` one
 * track as "Path/Track". Names the framework does not have are given back
 * to be reported; null when the address chooses nothing.
 */
export function chosenColumns(query, paths) {
  const wanted = [...query.getAll("path"), ...query.getAll("track")];
  if (wanted.length === 0) return { keys: null, unknown: [] };
  const keys = new Set();
  const unknown = [];
  for (const name of wanted) {
    const path = paths.find((p) => p.name === name);
    if (path) {
      for (const column of columnsOf([path])) keys.add(column.key);
      continue;
    }
    const column = columnsOf(paths).find((c) => c.track !== null && c.key === name);
    if (column) keys.add(column.key);
    else unknown.push(name);
  }
  return { keys: keys.size ? keys : null, unknown };
}

/** The address of a choice: whole paths by name, partly chosen ones by track. */
function addressOf(keys, paths) {
  const pathNames = [];
  const tracks = [];
  for (const path of paths) {
    const columns = columnsOf([path]);
    const picked = columns.filter((column) => keys.has(column.key));
    if (picked.length === columns.length) pathNames.push(path.name);
    else tracks.push(...picked.map((column) => column.key));
  }
  return { path: pathNames, track: tracks };
}

/** All columns when they fit the width; otherwise the first whole paths that do (at least one). */
export function defaultColumns(paths, available, sizes) {
  const room = Math.max(1, Math.floor((available - sizes.level) / sizes.column));
  const all = columnsOf(paths);
  if (all.length <= room) return { keys: new Set(all.map((c) => c.key)), all: true };
  const keys = new Set();
  for (const path of paths) {
    const columns = columnsOf([path]);
    if (keys.size > 0 && keys.size + columns.length > room) break;
    for (const column of columns) keys.add(column.key);
  }
  return { keys, all: false };
}

export async function render(ctx) {
  const data = await fetchLadder();
  setTitle("Career ladder");
  const paths = data.careerPaths;
  const header = pageHeader(
    "Career ladder",
    h(
      "p",
      { class: "lead" },
      "Every role in the framework by career path and level. Choose a role to see what it asks for and where it leads.",
    ),
  );
  if (paths.length === 0) {
    return h("section", { class: "view" }, header, notice("This framework has no roles yet."));
  }
  const levels = [...data.levels].sort((a, b) => b.number - a.number);
  const allColumns = columnsOf(paths);
  const narrowMedia = window.matchMedia(NARROW_QUERY);
  const sizes = () => (narrowMedia.matches ? NARROW : WIDE);
  const main = document.getElementById("main");
  const available = () => {
    const style = getComputedStyle(main);
    return main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };

  const fromAddress = chosenColumns(ctx.query, paths);
  let explicit = fromAddress.keys !== null;
  let fallback = defaultColumns(paths, available(), sizes());
  let keys = explicit ? fromAddress.keys : fallback.keys;

  const roleCount = paths.reduce((sum, path) => sum + path.roles.length, 0);
  const summary = h("p", { class: "summary-line ladder-summary" });
  const tableBox = h("div", {
    class: "ladder-scroll",
    tabindex: "0",
    role: "region",
    "aria-label": "Career ladder, scrolls sideways when it is wider than the page",
  });
  const filter = columnFilter(paths, () => keys, (next) => {
    keys = next;
    explicit = true;
    ctx.replaceQuery(addressOf(keys, paths));
    draw();
  }, () => {
    explicit = false;
    fallback = defaultColumns(paths, available(), sizes());
    keys = fallback.keys;
    ctx.replaceQuery({});
    draw();
  });
  // Open when some columns are left out by default, so that they can be found.
  filter.element.open = !explicit && !fallback.all;

  function draw() {
    const shown = allColumns.filter((column) => keys.has(column.key));
    filter.update();
    const pathCount = new Set(shown.map((column) => column.path)).size;
    const roles = visibleRoleCount(paths, keys);
    summary.textContent =
      `${count(roleCount)} roles on ${paths.length} career path${paths.length === 1 ? "" : "s"}.` +
      (shown.length < allColumns.length
        ? ` Showing ${count(roles)} on ${pathCount} path${pathCount === 1 ? "" : "s"} (${shown.length} of ${allColumns.length} columns): choose more with “Columns”.`
        : "");
    if (shown.length === 0) {
      fill(tableBox, notice("No column chosen", "Choose the career paths and tracks to show under “Columns”."));
      return;
    }
    fill(tableBox, ladderTable(paths, levels, keys, sizes()));
  }
  draw();

  // A narrower or wider window: new column widths, and a new default choice
  // unless the reader made one.
  let lastWidth = 0;
  const observer = new ResizeObserver(() => {
    if (!tableBox.isConnected) {
      observer.disconnect();
      return;
    }
    const width = Math.round(available());
    if (Math.abs(width - lastWidth) < 1) return;
    const first = lastWidth === 0;
    lastWidth = width;
    const table = tableBox.querySelector("table");
    if (table) setSizes(table, sizes());
    if (explicit || first) return;
    const next = defaultColumns(paths, width, sizes());
    if (!sameKeys(next.keys, keys)) {
      // Columns newly left out: show where to find them.
      if (fallback.all && !next.all) filter.element.open = true;
      fallback = next;
      keys = next.keys;
      draw();
    }
  });
  observer.observe(main);

  return h(
    "section",
    { class: "view view-ladder" },
    header,
    summary,
    fromAddress.unknown.length
      ? h("p", { class: "form-error", role: "alert", text: `The address names columns this framework does not have: ${fromAddress.unknown.join(", ")}.` })
      : null,
    filter.element,
    tableBox,
  );
}

const count = (n) => n.toLocaleString("en");

/** Roles in the chosen columns: a track's own, and its path's shared rungs. */
function visibleRoleCount(paths, keys) {
  let count = 0;
  for (const path of paths) {
    const shownAny = columnsOf([path]).some((column) => keys.has(column.key));
    for (const role of path.roles) {
      if (role.track ? keys.has(trackKey(path.name, role.track.name)) : shownAny) count += 1;
    }
  }
  return count;
}

function sameKeys(a, b) {
  return a.size === b.size && [...a].every((key) => b.has(key));
}

function setSizes(table, sizes) {
  table.style.setProperty("--level-width", `${sizes.level}px`);
  table.style.setProperty("--column-width", `${sizes.column}px`);
}

/** The "Columns" filter: a checkbox per path and per track. */
function columnFilter(paths, current, onChange, onDefault) {
  const boxes = [];
  const groups = paths.map((path) => {
    const columns = columnsOf([path]);
    const pathBox = h("input", { type: "checkbox", class: "filter-check", value: path.name });
    const trackBoxes = path.tracks.map((track) =>
      h("input", { type: "checkbox", class: "filter-check", value: trackKey(path.name, track.name) }),
    );
    boxes.push({ pathBox, trackBoxes, columns });
    pathBox.addEventListener("change", () => {
      const next = new Set(current());
      for (const column of columns) {
        if (pathBox.checked) next.add(column.key);
        else next.delete(column.key);
      }
      onChange(next);
    });
    trackBoxes.forEach((box) =>
      box.addEventListener("change", () => {
        const next = new Set(current());
        if (box.checked) next.add(box.value);
        else next.delete(box.value);
        onChange(next);
      }),
    );
    const count = path.roles.length;
    return h(
      "li",
      { class: ["filter-path", pathClass(path.name)] },
      h("label", { class: "filter-chip filter-chip-path" }, pathBox, h("span", { text: path.name }),
        h("span", { class: "filter-count" }, String(count), h("span", { class: "visually-hidden", text: " roles" }))),
      trackBoxes.length
        ? h(
            "ul",
            { class: "filter-tracks", "aria-label": `Tracks of ${path.name}` },
            path.tracks.map((track, index) =>
              h("li", {}, h("label", { class: "filter-chip" }, trackBoxes[index], h("span", { text: track.name }))),
            ),
          )
        : null,
    );
  });
  const status = h("span", { class: "filter-status" });
  const element = h(
    "details",
    { class: "panel ladder-filter" },
    h("summary", {}, h("span", { class: "filter-title", text: "Columns" }), " ", status),
    h(
      "fieldset",
      { class: "filter-fieldset" },
      h("legend", { class: "visually-hidden", text: "Career paths and tracks to show" }),
      h("ul", { class: "filter-paths" }, groups),
    ),
    h(
      "p",
      { class: "filter-actions" },
      h("button", {
        type: "button",
        class: "button button-small",
        on: { click: () => onChange(new Set(paths.flatMap((path) => columnsOf([path]).map((c) => c.key)))) },
      }, "Show all"),
      h("button", { type: "button", class: "button button-small button-quiet", on: { click: onDefault } }, "As many as fit"),
    ),
  );
  return {
    element,
    update() {
      const keys = current();
      let shownPaths = 0;
      for (const { pathBox, trackBoxes, columns } of boxes) {
        const picked = columns.filter((column) => keys.has(column.key)).length;
        pathBox.checked = picked === columns.length;
        pathBox.indeterminate = picked > 0 && picked < columns.length;
        trackBoxes.forEach((box) => {
          box.checked = keys.has(box.value);
        });
        if (picked > 0) shownPaths += 1;
      }
      status.textContent = `${shownPaths} of ${paths.length} career path${paths.length === 1 ? "" : "s"} shown`;
    },
  };
}

/**
 * The table. A path with tracks has a header over its track headers; its
 * shared rungs (roles without a track) span its track columns. A level
 * where a path has both is two rows: the shared rungs, then the tracks.
 */
function ladderTable(paths, levels, keys, sizes) {
  const shownPaths = paths
    .map((path) => ({ path, columns: columnsOf([path]).filter((column) => keys.has(column.key)) }))
    .filter((entry) => entry.columns.length > 0);
  const anyTracks = shownPaths.some((entry) => entry.columns.some((column) => column.track !== null));
  const columnCount = shownPaths.reduce((sum, entry) => sum + entry.columns.length, 0);

  const headRows = [h("tr", { class: "ladder-head-paths" }, h("th", { scope: "col", class: "ladder-level-head", rowspan: anyTracks ? 2 : null, text: "Level" }))];
  if (anyTracks) headRows.push(h("tr", { class: "ladder-head-tracks" }));
  const colgroups = [h("colgroup", {}, h("col", { class: "ladder-col-level" }))];
  for (const { path, columns } of shownPaths) {
    colgroups.push(h("colgroup", {}, columns.map(() => h("col", { class: "ladder-col" }))));
    const tracked = columns[0].track !== null;
    headRows[0].append(
      h(
        "th",
        {
          scope: tracked ? "colgroup" : "col",
          colspan: tracked ? columns.length : null,
          rowspan: anyTracks && !tracked ? 2 : null,
          class: ["ladder-path-head", pathClass(path.name)],
          "data-path": path.name,
        },
        path.name,
      ),
    );
    if (tracked) {
      for (const column of columns) {
        headRows[1].append(
          h("th", { scope: "col", class: ["ladder-track-head", pathClass(path.name)], "data-path": path.name, "data-track": column.track }, column.track),
        );
      }
    }
  }

  const plans = levels.map((level) => {
    const cells = shownPaths.map(({ path, columns }) => {
      const here = path.roles.filter((role) => role.level.number === level.number);
      const shared = here.filter((role) => role.track === null);
      const tracked = columns[0].track !== null;
      const byTrack = tracked
        ? columns.map((column) => here.filter((role) => role.track && role.track.name === column.track))
        : null;
      return { path, columns, tracked, shared, byTrack, all: tracked ? shared.length + byTrack.flat().length : here.length, here };
    });
    const split = cells.some((cell) => cell.tracked && cell.shared.length > 0 && cell.byTrack.some((list) => list.length > 0));
    return { level, cells, split };
  });
  let filled = 0;
  let empty = 0;
  for (const { cells } of plans) {
    for (const cell of cells) {
      const lists = cell.tracked ? [cell.shared, ...cell.byTrack] : [cell.here];
      for (const list of lists) {
        if (list.length) filled += 1;
        else empty += 1;
      }
    }
  }
  const density = densityFor(filled, empty);

  const body = h("tbody", {});
  for (const { level, cells, split } of plans) {
    const hasRoles = cells.some((cell) => cell.all > 0);
    const roleCell = (pathName, trackName, roles, options) => cellOf(pathName, trackName, roles, level, density, options);
    const levelHead = h(
      "th",
      { scope: "row", class: "ladder-level", rowspan: split ? 2 : null },
      h("span", { class: "level-number", text: String(level.number) }),
      h("span", { class: "level-name", text: level.name }),
      level.guidingPhrase ? h("span", { class: "level-phrase", text: level.guidingPhrase }) : null,
    );
    const first = h("tr", { class: hasRoles ? "" : "ladder-row-empty", "data-level": String(level.number) }, levelHead);
    const second = split ? h("tr", { class: "ladder-row-tracks", "data-level": String(level.number) }) : null;
    for (const cell of cells) {
      if (!cell.tracked) {
        first.append(roleCell(cell.path.name, null, cell.here, { rowspan: split ? 2 : null }));
      } else if (split) {
        first.append(roleCell(cell.path.name, null, cell.shared, { colspan: cell.columns.length, shared: true }));
        cell.columns.forEach((column, index) => second.append(roleCell(cell.path.name, column.track, cell.byTrack[index])));
      } else if (cell.shared.length > 0) {
        first.append(roleCell(cell.path.name, null, cell.shared, { colspan: cell.columns.length, shared: true }));
      } else {
        cell.columns.forEach((column, index) => first.append(roleCell(cell.path.name, column.track, cell.byTrack[index])));
      }
    }
    body.append(first);
    if (second) body.append(second);
  }

  const table = h(
    "table",
    { class: "ladder" },
    h("caption", { class: "visually-hidden", text: "Roles by career path and track (columns) and level (rows), highest level first" }),
    colgroups,
    h("thead", {}, headRows),
    body,
  );
  setSizes(table, sizes);
  table.style.setProperty("--columns", String(columnCount));
  table.dataset.cardsShown = String(density.first);
  return table;
}

function cellOf(pathName, trackName, roles, level, density, { colspan = null, rowspan = null, shared = false } = {}) {
  const where = trackName ? `${pathName} › ${trackName}` : pathName;
  const cell = h("td", {
    class: ["ladder-cell", roles.length ? "" : "ladder-empty", shared ? "ladder-shared" : ""],
    colspan,
    rowspan,
    "data-path": pathName,
    "data-track": trackName,
  });
  // An empty cell stays empty: a screen reader says "blank".
  if (roles.length === 0) return cell;
  if (shared) cell.append(h("p", { class: "ladder-shared-label", text: "Every track" }));
  const list = h("ul", { class: "ladder-roles", id: uid("cell") });
  const more = foldedList(list, roles, (role) => roleCard(role, pathName, density.summaries), {
    first: density.first,
    page: FOLD_PAGE,
    label: (count, remaining) =>
      `${count === remaining ? "" : `${count} of the `}${remaining} more roles at level ${level.number} in ${where}`,
  });
  cell.append(list);
  if (more) cell.append(more);
  return cell;
}

function roleCard(role, pathName, summaries) {
  return h(
    "li",
    {},
    h(
      "a",
      { class: ["role-card", pathClass(pathName)], href: roleHref(role.slug) },
      h("span", { class: "role-card-title", text: role.title }),
      summaries && role.summary ? h("span", { class: "role-card-summary", text: role.summary }) : null,
    ),
  );
}
