// A small offline GraphQL explorer: a query editor, variables, an operation
// name, Run with Ctrl+Enter, the answer pretty-printed, and the schema from
// introspection in a side panel.

import { executeRaw } from "./api.js";
import { clear, fill, h } from "./dom.js";

const STORAGE_KEY = "competency-explorer.graphiql";

const EXAMPLE_QUERY = `# Try a query, then press Ctrl+Enter.
query Overview {
  framework { name roleCount skillCount }
  careerPaths {
    name
    roles { slug title level { number name } }
  }
}
`;

const INTROSPECTION = `query IntrospectSchema {
  __schema {
    queryType { name }
    types {
      kind name description
      fields { name description args { name description defaultValue type { ...TypeRef } } type { ...TypeRef } }
      inputFields { name description defaultValue type { ...TypeRef } }
      interfaces { name }
      enumValues { name description }
      possibleTypes { name }
    }
  }
}
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
}`;

const queryInput = document.getElementById("gq-query");
const variablesInput = document.getElementById("gq-variables");
const operationInput = document.getElementById("gq-operation");
const operationList = document.getElementById("gq-operations");
const output = document.getElementById("gq-output");
const status = document.getElementById("gq-status");
const docsBody = document.getElementById("gq-docs-body");
const docsFilter = document.getElementById("gq-docs-filter");
const crumbs = document.getElementById("gq-docs-crumbs");

let types = new Map();
let queryTypeName = "Query";
const typeTrail = [];

function load() {
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
  } catch {
    saved = null;
  }
  const params = new URLSearchParams(window.location.search);
  queryInput.value = params.get("query") || saved?.query || EXAMPLE_QUERY;
  variablesInput.value = params.get("variables") || saved?.variables || "{}";
  operationInput.value = params.get("operationName") || saved?.operationName || "";
  updateOperations();
}

function save() {
  try {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ query: queryInput.value, variables: variablesInput.value, operationName: operationInput.value }),
    );
  } catch {
    // Storage can be off (private windows); the editor works without it.
  }
}

/** Names of the operations in the query text, for the operation name list. */
export function operationNames(text) {
  const withoutComments = text.replace(/#[^\n]*/g, "");
  return [...withoutComments.matchAll(/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g)].map((m) => m[1]);
}

function updateOperations() {
  fill(operationList, ...operationNames(queryInput.value).map((name) => h("option", { value: name })));
}

async function run() {
  save();
  let variables = {};
  const variableText = variablesInput.value.trim();
  if (variableText) {
    try {
      variables = JSON.parse(variableText);
    } catch (error) {
      status.textContent = "Variables are not valid JSON";
      output.textContent = `The variables could not be read as JSON: ${error.message}`;
      output.className = "gq-code gq-output gq-error";
      return;
    }
  }
  const body = { query: queryInput.value, variables };
  const names = operationNames(queryInput.value);
  const operationName = operationInput.value.trim() || (names.length === 1 ? names[0] : null);
  if (operationName) body.operationName = operationName;
  status.textContent = "Running…";
  output.className = "gq-code gq-output gq-busy";
  const started = performance.now();
  try {
    const answer = await executeRaw(body);
    const elapsed = Math.round(performance.now() - started);
    const hasErrors = !answer.json || Boolean(answer.json.errors);
    status.textContent = `${answer.status} ${answer.statusText || ""} · ${elapsed} ms${hasErrors ? " · with errors" : ""}`;
    output.textContent = answer.json ? JSON.stringify(answer.json, null, 2) : answer.text;
    output.className = `gq-code gq-output${hasErrors ? " gq-error" : ""}`;
  } catch (error) {
    status.textContent = "No answer";
    output.textContent = `The server could not be reached: ${error.message}`;
    output.className = "gq-code gq-output gq-error";
  }
}

function indentOnTab(event) {
  if (event.key === "Tab" && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey) {
    // Escape still leaves the editor, so Tab is not a keyboard trap.
    if (event.currentTarget.dataset.escaped === "true") return;
    event.preventDefault();
    event.currentTarget.setRangeText("  ", event.currentTarget.selectionStart, event.currentTarget.selectionEnd, "end");
  }
}

for (const area of [queryInput, variablesInput]) {
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
      return;
    }
    if (event.key === "Escape") {
      area.dataset.escaped = "true";
      return;
    }
    indentOnTab(event);
  });
  area.addEventListener("blur", () => { area.dataset.escaped = "false"; });
  area.addEventListener("focus", () => { area.dataset.escaped = "false"; });
}
queryInput.addEventListener("input", updateOperations);
document.getElementById("gq-run").addEventListener("click", run);
document.getElementById("gq-prettify").addEventListener("click", () => {
  try {
    variablesInput.value = JSON.stringify(JSON.parse(variablesInput.value || "{}"), null, 2);
  } catch (error) {
    status.textContent = `Variables are not valid JSON: ${error.message}`;
  }
});

/* The schema panel. */

function typeName(ref) {
  if (!ref) return "";
  if (ref.kind === "NON_NULL") return `${typeName(ref.ofType)}!`;
  if (ref.kind === "LIST") return `[${typeName(ref.ofType)}]`;
  return ref.name;
}

function namedType(ref) {
  let current = ref;
  while (current && current.ofType) current = current.ofType;
  return current?.name;
}

/** "[Role!]!" with the inner type name as a link to its page. */
function typeLink(ref) {
  const name = namedType(ref);
  const text = typeName(ref);
  const at = text.indexOf(name);
  return h(
    "span",
    { class: "gq-type" },
    text.slice(0, at),
    h("button", { type: "button", class: "gq-link", on: { click: () => showType(name) } }, name),
    text.slice(at + name.length),
  );
}

function showList(filter = "") {
  const needle = filter.trim().toLowerCase();
  const visible = [...types.values()]
    .filter((type) => !type.name.startsWith("__"))
    .filter((type) => !needle || type.name.toLowerCase().includes(needle) ||
      (type.fields || []).some((field) => field.name.toLowerCase().includes(needle)))
    .sort((a, b) => (a.name === queryTypeName ? -1 : b.name === queryTypeName ? 1 : a.name.localeCompare(b.name)));
  clear(crumbs);
  fill(docsBody, 
    h("p", { class: "gq-muted", text: `${visible.length} types` }),
    h("ul", { class: "gq-type-list" }, visible.map((type) =>
      h("li", {},
        h("button", { type: "button", class: "gq-link", on: { click: () => showType(type.name) } }, type.name),
        h("span", { class: "gq-kind", text: ` ${type.kind.toLowerCase().replace("_", " ")}` })))),
  );
}

function showType(name, { push = true } = {}) {
  const type = types.get(name);
  if (!type) return;
  if (push) typeTrail.push(name);
  fill(crumbs, 
    h("button", { type: "button", class: "gq-link", on: { click: () => { typeTrail.length = 0; showList(docsFilter.value); } } }, "All types"),
    " › ",
    h("span", { text: name }),
  );
  const fields = type.fields || type.inputFields || [];
  fill(docsBody, 
    h("h3", { tabindex: "-1", class: "gq-type-title" }, type.name, h("span", { class: "gq-kind", text: ` ${type.kind.toLowerCase().replace("_", " ")}` })),
    type.description ? h("p", { class: "gq-description", text: type.description }) : null,
    type.interfaces?.length ? h("p", { class: "gq-muted" }, "Implements ", type.interfaces.map((i) => i.name).join(", ")) : null,
    type.possibleTypes?.length
      ? h("p", {}, "Implemented by ", ...type.possibleTypes.flatMap((t, i) => [i ? ", " : "", h("button", { type: "button", class: "gq-link", on: { click: () => showType(t.name) } }, t.name)]))
      : null,
    fields.length
      ? h("ul", { class: "gq-fields" }, fields.map((field) =>
          h("li", { class: "gq-field" },
            h("code", {}, h("span", { class: "gq-field-name", text: field.name }),
              field.args?.length
                ? h("span", { class: "gq-args" }, "(", ...field.args.flatMap((arg, i) => [
                    i ? ", " : "", `${arg.name}: `, typeLink(arg.type),
                    arg.defaultValue !== null && arg.defaultValue !== undefined ? ` = ${arg.defaultValue}` : "",
                  ]), ")")
                : null,
              ": ", typeLink(field.type)),
            field.description ? h("p", { class: "gq-description", text: field.description }) : null)))
      : null,
    type.enumValues?.length
      ? h("ul", { class: "gq-fields" }, type.enumValues.map((value) =>
          h("li", { class: "gq-field" }, h("code", { text: value.name }),
            value.description ? h("p", { class: "gq-description", text: value.description }) : null)))
      : null,
  );
  docsBody.querySelector("h3").focus();
}

async function loadSchema() {
  try {
    const answer = await executeRaw({ query: INTROSPECTION, operationName: "IntrospectSchema" });
    if (!answer.json?.data?.__schema) {
      const message = answer.json?.errors?.map((e) => e.message).join("; ") || `HTTP ${answer.status}`;
      throw new Error(message);
    }
    const schema = answer.json.data.__schema;
    queryTypeName = schema.queryType?.name || "Query";
    types = new Map(schema.types.map((type) => [type.name, type]));
    showList();
  } catch (error) {
    fill(docsBody, h("p", { class: "gq-error-text", role: "alert", text: `The schema could not be loaded: ${error.message}` }));
  }
}

docsFilter.addEventListener("input", () => showList(docsFilter.value));

load();
loadSchema();
