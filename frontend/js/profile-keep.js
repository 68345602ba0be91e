// The "Keep, move and share" panel of My skills: download the profile as a
// JSON file, import one (with undo), and the link that shares skills and
// target (never the notes). Files are made and read in the page; nothing is
// sent to the server.

import { fill, h, uid } from "./dom.js";
import { downloadText, readTextFile } from "./files.js";
import { copyProfile, profileDocument, readDocument, saveProfile, skillsParam } from "./profile-store.js";
import { buildHash } from "./router.js";

// A profile file is a few kilobytes; anything this big is another file.
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export function keepPanel(page) {
  const status = h("div", { class: "keep-status", role: "status" });
  const shareBox = h("p", { class: "share-box" });
  const fileId = uid("import");
  const fileInput = h("input", { type: "file", id: fileId, class: "file-input", accept: "application/json,.json" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (file) await importFile(page, file, say);
  });
  function say(text, undoTo = null) {
    fill(status, text ? h("p", { text }) : null,
      undoTo ? h("button", { type: "button", class: "button button-small", on: { click: () => restore(page, undoTo, say) } }, "Undo") : null);
  }
  page.undo = (before, text) => say(text, before);
  const element = h(
    "section",
    { class: "panel keep-panel", "aria-labelledby": "keep-h" },
    h("h2", { id: "keep-h", text: "Keep, move and share" }),
    h("p", { class: "hint", text: page.linked
      ? "These skills live in the address only. Keep them as your profile to store them in this browser."
      : "Your profile is kept in this browser only. The server is sent just the skills and levels each answer needs; your notes never leave this page." }),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "button", on: { click: () => exportProfile(page) } }, "Download profile (JSON)"),
      h("label", { class: "button file-button", for: fileId }, "Import a profile"),
      fileInput),
    shareBox,
    status,
  );
  const draw = () => {
    const { skills, target } = page.profile;
    fill(shareBox, skills.size
      ? [h("a", { class: "share-link", href: buildHash("/me", { skills: skillsParam(skills), target }) }, "Link to these skills and target"),
        h("span", { class: "hint", text: " (your notes are not in it)" })]
      : null);
  };
  return { element, draw };
}

function exportProfile(page) {
  const document = profileDocument(page.profile, { exported: new Date().toISOString() });
  const day = document.exported.slice(0, 10);
  downloadText(`my-skills-${day}.json`, `${JSON.stringify(document, null, 2)}\n`, "application/json");
}

async function importFile(page, file, say) {
  let read;
  try {
    const text = await readTextFile(file, MAX_IMPORT_BYTES);
    let value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file.name} was not imported: it is not JSON (${error.message}).`);
    }
    try {
      read = readDocument(value);
    } catch (error) {
      throw new Error(`${file.name} was not imported: ${error.message}.`);
    }
  } catch (error) {
    say(error.message);
    return;
  }
  const before = copyProfile(page.linked ? page.stored : page.profile);
  if (!saveProfile(read.profile)) {
    say("This browser does not let the page keep a profile (its storage is off).");
    return;
  }
  const count = read.profile.skills.size;
  const left = read.problems.length ? ` Left out: ${read.problems.join("; ")}.` : "";
  if (page.linked) {
    page.ctx.navigate("/me", {});
    return;
  }
  page.profile = read.profile;
  page.stored = read.profile;
  await page.targetPicker.setSlug(read.profile.target);
  page.redraw();
  say(`Imported ${count} skill${count === 1 ? "" : "s"} from ${file.name}.${left}`, before);
}

async function restore(page, profile, say) {
  page.profile = copyProfile(profile);
  if (!page.linked) page.stored = page.profile;
  await page.targetPicker.setSlug(page.profile.target);
  page.changed();
  say("Restored the profile as it was.");
}
