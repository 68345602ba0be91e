// Start-up: the shell (header search, navigation, footer), and drawing the
// view of the current address (router.js) whenever the address changes.

import { fetchShell } from "./api.js";
import { fill, h } from "./dom.js";
import { buildHash, matchRoute, parseHash } from "./router.js";
import { errorBox, loading, setPathOrder } from "./ui.js";
import * as ladder from "./views/ladder.js";
import * as role from "./views/role.js";
import * as skill from "./views/skill.js";
import * as progression from "./views/progression.js";
import * as compare from "./views/compare.js";
import * as me from "./views/me.js";
import * as plan from "./views/plan.js";
import * as search from "./views/search.js";
import * as health from "./views/health.js";
import * as notFound from "./views/not-found.js";

// The views by the names the route table (router.js) gives them.
const VIEWS = { ladder, role, skill, progression, compare, me, plan, search, health };

const main = document.getElementById("main");
const searchInput = document.getElementById("site-search-input");
let renderCount = 0;
let firstRender = true;

function markNavigation(active) {
  for (const link of document.querySelectorAll(".site-nav a[data-nav]")) {
    if (link.dataset.nav === active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function render() {
  renderCount += 1;
  const token = renderCount;
  stopReturning();
  // Read before the page is emptied for loading, which scrolls it to the top.
  const returnTo = history.state?.scrollY ?? 0;
  const { path, query } = parseHash(window.location.hash);
  const found = matchRoute(path);
  const view = found ? VIEWS[found.route.view] : notFound;
  const params = found ? found.params : {};
  markNavigation(found ? found.route.nav : null);
  if (view !== search) searchInput.value = "";
  const ctx = {
    params,
    query,
    isCurrent: () => token === renderCount,
    /** Change the address without drawing the view again (for live forms). */
    replaceQuery(params2) {
      const hash = buildHash(path, params2);
      if (hash !== window.location.hash) history.replaceState(history.state, "", hash);
      main.dataset.shown = window.location.hash;
    },
    navigate(pathname, params2) {
      saveScroll();
      const hash = buildHash(pathname, params2);
      if (hash === window.location.hash) render();
      else window.location.hash = hash;
    },
  };
  fill(main, loading(view.loadingLabel || "the page"));
  main.setAttribute("aria-busy", "true");
  let content;
  try {
    content = await view.render(ctx);
  } catch (error) {
    content = errorBox(error, () => render());
  }
  if (token !== renderCount) return;
  fill(main, content);
  main.removeAttribute("aria-busy");
  // The address the drawn view answers; lets a test (or any script) tell a
  // finished page from the one still shown before a hash change is handled.
  main.dataset.shown = window.location.hash;
  // Move focus to the new page's heading so keyboard and screen reader users
  // start reading there, as they would after a full page load.
  if (!firstRender) {
    const target = main.querySelector("[data-autofocus]") || main.querySelector("h1") || main;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
  // A page come back to (Back, Forward, a reload, as a browser would) opens
  // where it was left; a new one at its top.
  returnToScroll(returnTo);
  firstRender = false;
}

// -- Where each page of the history was left --------------------------------
// Kept in its history entry (history.state.scrollY) once the reader stops
// scrolling, for render() to return to. Some views draw part of the page
// after they are shown (My skills' matches and gap), so the page may not yet
// reach that far: it is scrolled again as it grows, until it gets there, the
// reader takes over, or two seconds pass.
history.scrollRestoration = "manual";
const SAVE_AFTER_MS = 250; // after scrolling stops: browsers limit replaceState calls
const TAKE_OVER = ["wheel", "touchstart", "keydown", "pointerdown"];
let saveTimer = 0;
let returning = null; // the stop function of a return under way

function returnToScroll(y) {
  window.scrollTo(0, y);
  if (window.scrollY >= y - 1) return;
  const grows = new ResizeObserver(() => {
    window.scrollTo(0, y);
    if (window.scrollY >= y - 1) stopReturning();
  });
  const timer = setTimeout(stopReturning, 2000);
  returning = () => {
    grows.disconnect();
    clearTimeout(timer);
    for (const type of TAKE_OVER) window.removeEventListener(type, stopReturning);
  };
  grows.observe(main);
  for (const type of TAKE_OVER) window.addEventListener(type, stopReturning, { passive: true });
}

function stopReturning() {
  if (returning) returning();
  returning = null;
}

function saveScroll() {
  clearTimeout(saveTimer);
  // Not while a page loads (that scroll is the old page being emptied),
  // nor while a return is under way (the page is still short of it).
  if (main.hasAttribute("aria-busy") || returning) return;
  if (history.state?.scrollY === window.scrollY) return;
  try {
    history.replaceState({ ...history.state, scrollY: window.scrollY }, "");
  } catch {
    // Over the browser's limit of history calls: this position is lost.
  }
}

window.addEventListener("scroll", () => {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveScroll, SAVE_AFTER_MS);
}, { passive: true });
// A click may leave the page before the pause after scrolling: save first.
document.addEventListener("click", saveScroll, { capture: true });

function setUpHeader() {
  const form = document.getElementById("site-search");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = searchInput.value.trim();
    window.location.hash = buildHash("/search", { q: text });
  });
  document.getElementById("skip-link").addEventListener("click", (event) => {
    // A plain "#main" link would be taken for a route by the hash router.
    event.preventDefault();
    main.focus();
  });
}

async function setUpFooter() {
  const footer = document.getElementById("footer-framework");
  try {
    const data = await fetchShell();
    setPathOrder(data.careerPaths.map((path) => path.name));
    const framework = data.framework;
    fill(footer, 
      ...[h("p", { class: "footer-name" },
        h("strong", { text: framework.name }),
        ` · ${framework.roleCount} roles · ${framework.skillCount} skills`),
      framework.attribution ? h("p", { class: "attribution", text: framework.attribution }) : null,
      ].filter(Boolean),
    );
  } catch (error) {
    fill(footer, h("p", { class: "footer-error", text: `Framework details unavailable: ${error.message}` }));
  }
}

setUpHeader();
window.addEventListener("hashchange", render);
// The shell gives the career path order that colours the views, so it comes
// first; the view draws even if it fails.
setUpFooter().finally(render);
