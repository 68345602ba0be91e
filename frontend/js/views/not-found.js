// The view for an address that matches no route.

import { h } from "../dom.js";
import { notice, setTitle } from "../ui.js";

export const loadingLabel = "the page";

export async function render() {
  setTitle("Page not found");
  return h(
    "section",
    { class: "view" },
    h("h1", { tabindex: "-1", text: "Page not found" }),
    notice(
      "There is no page at this address.",
      h("p", {}, "Start from the ", h("a", { href: "#/ladder" }, "career ladder"), " or search for a role or skill above."),
    ),
  );
}
