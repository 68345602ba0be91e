// Files the person keeps: a download made in the page (no server involved)
// and the text of a file they choose.

/** Offer `text` as a file called `name` (the browser saves it locally). */
export function downloadText(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the next task; the address is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The text of a chosen File, or an Error naming it. */
export async function readTextFile(file, maxBytes) {
  if (file.size > maxBytes) {
    throw new Error(`${file.name} is ${file.size.toLocaleString("en")} bytes; a profile is far smaller (at most ${maxBytes.toLocaleString("en")}).`);
  }
  try {
    return await file.text();
  } catch {
    throw new Error(`${file.name} could not be read.`);
  }
}

