"""``make bench-browser``: the front end in Chromium at 300 and 3,000 roles.

For each size, a generated framework (the one ``make bench`` uses, cached in
tools/bench/generated) is served by ``competency serve``, and Chromium opens the
views a reader meets first on a big framework: the ladder, the page of the
skill most roles require, and the progression picker, whose first box is
then given a text to suggest roles for. Each is measured in a fresh browser
context (nothing cached by the browser), 1,280 x 900 px:

- **drawn**: from the start of navigation to the first frame after the view
  for the address is on the page (``main[data-shown]`` answers the address,
  nothing loading), read with ``performance.now()`` in the page;
- **nodes**: DOM nodes in the document then (elements, text and comments),
  and elements alone;
- for the picker, **suggest**: from the input event to the first frame with
  the list of suggestions shown (the 150 ms typing pause included);
- for the ladder, the DOM nodes once every column is shown ("Show all").

The server keeps answers in a result cache, so the first visit after it
starts (**cold**) and the median of the next ones (**warm**) are both given.
Targets (issue 16), at 3,000 roles: the ladder drawn within 3x its time at
300 roles; at most 5,000 DOM nodes on every view measured.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from tools.bench import frameworks
from tools.bench.report import machine
from tools.localserver import serving

CHROMIUM = Path(os.environ.get("COMPETENCY_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 900}
NODE_TARGET = 5000
LADDER_RATIO_TARGET = 3.0
SUGGEST_TEXT = "data"  # in titles of roles of every generated path

# Installed before any script of the page: notes when the view for the
# address is first on the page, then waits one frame so that it is drawn.
WATCH_DRAWN = """
(() => {
  window.__drawn = null;
  const check = () => {
    const main = document.getElementById("main");
    if (window.__drawn !== null || !main) return;
    if (main.dataset.shown !== location.hash || main.hasAttribute("aria-busy")) return;
    if (document.querySelector(".state-loading")) return;
    window.__drawn = 0;
    const drawn = () => { window.__drawn = performance.now(); };
    requestAnimationFrame(() => setTimeout(drawn, 0));
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ["data-shown", "aria-busy"],
  });
})();
"""

COUNT_NODES = """() => {
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  let nodes = 0;
  while (walker.nextNode()) nodes += 1;
  return { nodes, elements: document.getElementsByTagName("*").length };
}"""

# Types into the picker's box at once (one input event) and waits for the
# first frame with the suggestions listed.
SUGGEST = """async (text) => {
  const input = document.querySelector('[role="combobox"]');
  const list = document.getElementById(input.getAttribute("aria-controls"));
  input.focus();
  const start = performance.now();
  const shown = new Promise((done) => {
    const ready = () =>
      input.getAttribute("aria-expanded") === "true" && list.children.length > 0;
    const observer = new MutationObserver(() => {
      if (ready()) { observer.disconnect(); done(); }
    });
    observer.observe(input.parentElement,
      { subtree: true, childList: true, attributes: true });
  });
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await shown;
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return { ms: performance.now() - start, options: list.children.length };
}"""


def popular_skill(folder: Path) -> tuple[str, int]:
    """The code required by the most roles of a generated framework, and how many."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    counts: Counter[str] = Counter()
    for path in frameworks.yaml_files(folder):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for role in document.get("roles") or []:
            counts.update({req["code"] for req in role.get("requirements") or []})
    code, count = counts.most_common(1)[0]
    return code, count


def visit(browser: Any, url: str, suggest: bool, show_all: bool) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.add_init_script(WATCH_DRAWN)
        page.goto(url)
        page.wait_for_function("() => window.__drawn > 0")
        figures: dict[str, Any] = {"drawn_ms": page.evaluate("window.__drawn")}
        figures.update(page.evaluate(COUNT_NODES))
        if suggest:
            found = page.evaluate(SUGGEST, SUGGEST_TEXT)
            figures["suggest_ms"] = found["ms"]
            figures["options"] = found["options"]
            counted = page.evaluate(COUNT_NODES)
            figures["nodes_with_list"] = counted["nodes"]
        if show_all:
            page.evaluate("document.querySelector('details.ladder-filter').open = true")
            page.get_by_role("button", name="Show all").click()
            page.wait_for_function("() => !location.hash.endsWith('#/ladder')")
            figures["nodes_all_columns"] = page.evaluate(COUNT_NODES)["nodes"]
        if problems:
            raise RuntimeError(f"{url}: the page failed: {problems}")
        return figures
    finally:
        context.close()


def measure_size(browser: Any, folder: Path, runs: int) -> dict[str, Any]:
    code, required_by = popular_skill(folder)
    views = {
        "ladder": ("#/ladder", False),
        "popular skill": (f"#/skill/{code}", False),
        "progression picker": ("#/progression", True),
    }
    result: dict[str, Any] = {"popular_skill": code, "required_by": required_by}
    with serving([str(folder)], start_timeout=300) as served:
        for name, (address, suggest) in views.items():
            visits = [
                visit(browser, f"{served.url}/{address}", suggest, name == "ladder")
                for _ in range(runs + 1)
            ]
            cold, warm = visits[0], visits[1:]
            entry: dict[str, Any] = {"address": address, "cold": cold}
            for key in cold:
                values = [v[key] for v in warm]
                entry.setdefault("warm_median", {})[key] = statistics.median(values)
            entry["max_nodes"] = max(
                max(
                    v["nodes"],
                    v.get("nodes_with_list", 0),
                    v.get("nodes_all_columns", 0),
                )
                for v in visits
            )
            result[name] = entry
            warm = entry["warm_median"]["drawn_ms"]
            _say(
                f"  {name}: cold {cold['drawn_ms']:.0f} ms, warm {warm:.0f} ms, "
                f"{entry['max_nodes']} nodes"
            )
    return result


def evaluate(sizes: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if "300" in sizes and "3000" in sizes:
        for kind in ("cold", "warm_median"):
            small = sizes["300"]["ladder"][kind]["drawn_ms"]
            big = sizes["3000"]["ladder"][kind]["drawn_ms"]
            ratio = big / small
            rows.append(
                {
                    "measure": "ladder drawn at 3,000 / 300 roles "
                    f"({kind.replace('_median', '')})",
                    "value": round(ratio, 2),
                    "target": f"<= {LADDER_RATIO_TARGET}x",
                    "pass": ratio <= LADDER_RATIO_TARGET,
                }
            )
    for size, entry in sizes.items():
        for name in ("ladder", "popular skill", "progression picker"):
            nodes = entry[name]["max_nodes"]
            rows.append(
                {
                    "measure": f"DOM nodes at most, {name}, {int(size):,} roles",
                    "value": nodes,
                    "target": f"<= {NODE_TARGET:,}",
                    "pass": nodes <= NODE_TARGET,
                }
            )
    return rows


def render(results: dict[str, Any]) -> str:
    lines = [
        "| roles | view | drawn, cold | drawn, warm (median) | DOM nodes (elements) |",
        "|---|---|---|---|---|",
    ]
    for size, entry in results["sizes"].items():
        for name in ("ladder", "popular skill", "progression picker"):
            view = entry[name]
            warm = view["warm_median"]
            label = (
                name
                if name != "popular skill"
                else f"skill {entry['popular_skill']} "
                f"(required by {entry['required_by']:,})"
            )
            extra = ""
            if "nodes_all_columns" in warm:
                extra = f"; every column shown: {warm['nodes_all_columns']:,} nodes"
            if "suggest_ms" in warm:
                extra = (
                    f"; suggestions {warm['suggest_ms']:.0f} ms, "
                    f"{warm['nodes_with_list']:,} nodes with the list"
                )
            lines.append(
                f"| {int(size):,} | {label} | {view['cold']['drawn_ms']:.0f} ms "
                f"| {warm['drawn_ms']:.0f} ms{extra} "
                f"| {warm['nodes']:,} ({warm['elements']:,}) |"
            )
    lines.append("")
    for row in results["targets"]:
        lines.append(
            f"{'PASS' if row['pass'] else 'FAIL'}  {row['measure']}: "
            f"{row['value']} (target {row['target']})"
        )
    load = results["machine"]["load_average"]
    lines.append(f"\nload average before {load}, after {results['load_average_after']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        print(
            "bench-browser: --sizes takes numbers separated by commas, "
            f"not {args.sizes!r}"
        )
        return 2
    if not CHROMIUM.exists():
        print(
            f"bench-browser: no Chromium at {CHROMIUM} "
            "(install Debian's chromium package)"
        )
        return 2
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {
        "machine": machine(),
        "settings": {
            "runs": args.runs,
            "tracks": args.tracks
            if args.tracks is not None
            else {size: frameworks.spec_for(size).tracks for size in sizes},
            "viewport": VIEWPORT,
            "suggest_text": SUGGEST_TEXT,
        },
        "sizes": {},
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            for size in sizes:
                spec = frameworks.spec_for(size)
                if args.tracks is not None:
                    spec = dataclasses.replace(spec, tracks=args.tracks)
                problem = spec.check()
                if problem is not None:
                    print(f"bench-browser: size {size}: {problem}", file=sys.stderr)
                    return 2
                _say(f"{size} roles: generating (cached in {args.cache})")
                # The folder is named by size and seed: other tracks apart.
                cache = Path(args.cache) / (
                    "" if args.tracks is None else f"tracks-{args.tracks}"
                )
                folder = frameworks.ensure(spec, cache)
                _say(f"{size} roles: serving, then {args.runs + 1} visits of each view")
                results["sizes"][str(size)] = measure_size(browser, folder, args.runs)
        finally:
            browser.close()
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = evaluate(results["sizes"])
    print(render(results))
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {output}")
    return 0 if all(row["pass"] for row in results["targets"]) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.browser_bench",
        description="Time to the first drawn view and DOM size of the front end "
        "in Chromium, on generated frameworks.",
    )
    parser.add_argument(
        "--sizes", default="300,3000", help="role counts, comma-separated (300,3000)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="warm visits of each view after the first (5)",
    )
    parser.add_argument(
        "--tracks",
        type=int,
        default=None,
        help="tracks per career path (default: those of make bench's frameworks)",
    )
    parser.add_argument(
        "--cache",
        default="tools/bench/generated",
        help="where generated frameworks are kept",
    )
    parser.add_argument(
        "-o",
        "--output",
        default="tools/bench/browser-results.json",
        help="where the results are written "
        "(default: tools/bench/browser-results.json)",
    )
    return parser


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
