// A small, safe Markdown reader for the texts of role cards: headings,
// paragraphs, lists, quotes and rules, with bold, italics, code and links
// inside. Everything becomes DOM nodes built with h(), never HTML: markup in
// the text shows as the characters it is, and a link is kept only when it
// points to http(s), mailto or an address of this site.

import { h } from "./dom.js";

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SAFE_URL = /^(?:https?:|mailto:|#\/|\/(?!\/))/i;

/**
 * Markdown text -> an array of block elements. `headingLevel` is the
 * highest HTML heading level to make (a section's text sits under its h2).
 */
export function markdownBlocks(text, { headingLevel = 3 } = {}) {
  const lines = String(text || "").replace(/\r\n?/g, "\n").split("\n");
  const blocks = [];
  let index = 0;
  const blank = (line) => line.trim() === "";
  const startsBlock = (line) =>
    HEADING.test(line) || BULLET.test(line) || NUMBERED.test(line) || QUOTE.test(line) || RULE.test(line);
  while (index < lines.length) {
    const line = lines[index];
    if (blank(line)) {
      index += 1;
      continue;
    }
    let found;
    if ((found = HEADING.exec(line))) {
      // "###" under a section's h2 is an h3, as the card wrote it; a bigger
      // heading than the section's own is brought down to headingLevel.
      const level = Math.min(6, Math.max(headingLevel, found[1].length));
      blocks.push(h(`h${level}`, { class: "md-heading" }, inline(found[2])));
      index += 1;
    } else if (RULE.test(line)) {
      blocks.push(h("hr", { class: "md-rule" }));
      index += 1;
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? NUMBERED : BULLET;
      const items = [];
      while (index < lines.length && pattern.test(lines[index])) {
        const match = pattern.exec(lines[index]);
        let body = ordered ? match[2] : match[1];
        index += 1;
        // A lazy continuation line belongs to the item above it.
        while (index < lines.length && !blank(lines[index]) && !startsBlock(lines[index])) {
          body += ` ${lines[index].trim()}`;
          index += 1;
        }
        items.push(h("li", {}, inline(body)));
      }
      const start = ordered ? Number(NUMBERED.exec(line)[1]) : null;
      blocks.push(h(ordered ? "ol" : "ul", { class: "md-list", start: start && start !== 1 ? start : null }, items));
    } else if (QUOTE.test(line)) {
      const quoted = [];
      while (index < lines.length && QUOTE.test(lines[index])) {
        quoted.push(QUOTE.exec(lines[index])[1]);
        index += 1;
      }
      blocks.push(h("blockquote", { class: "md-quote" }, markdownBlocks(quoted.join("\n"), { headingLevel })));
    } else {
      const paragraph = [];
      while (index < lines.length && !blank(lines[index]) && (paragraph.length === 0 || !startsBlock(lines[index]))) {
        paragraph.push(lines[index].trim());
        index += 1;
      }
      blocks.push(h("p", {}, inline(paragraph.join(" "))));
    }
  }
  return blocks;
}

// Inline spans, longest-known first: code (nothing inside is read), links,
// bold, italics. Underscores emphasise only at word edges (snake_case and
// "a.__b" stay as written); unmatched markers stay as text.
const INLINE = /`([^`]+)`|\[([^\]]+)\]\(\s*<?([^()\s<>]*)>?(?:\s+"[^"]*")?\s*\)|\*\*(.+?)\*\*|(?<!\w)__(?!\s)(.+?)__(?!\w)|\*(?!\s)(.+?)\*|(?<!\w)_(?!\s)(.+?)_(?!\w)/;

/** Inline Markdown -> an array of text and element nodes. */
export function inline(text) {
  const parts = [];
  let rest = String(text);
  while (rest) {
    const found = INLINE.exec(rest);
    if (!found) {
      parts.push(rest);
      break;
    }
    if (found.index > 0) parts.push(rest.slice(0, found.index));
    const [whole, code, linkText, url, bold1, bold2, em1, em2] = found;
    if (code !== undefined) parts.push(h("code", { class: "md-code", text: code }));
    else if (linkText !== undefined) {
      parts.push(
        SAFE_URL.test(url)
          ? h("a", { href: url, rel: /^https?:/i.test(url) ? "noopener noreferrer" : null }, inline(linkText))
          : h("span", {}, inline(linkText)),
      );
    } else if (bold1 !== undefined || bold2 !== undefined) parts.push(h("strong", {}, inline(bold1 ?? bold2)));
    else parts.push(h("em", {}, inline(em1 ?? em2)));
    rest = rest.slice(found.index + whole.length);
  }
  return parts;
}
