// The graphql-http audit of the GraphQL over HTTP spec against one server.
// Usage: node audit.mjs URL; prints one JSON object per audit on its own line:
// {"id", "name", "status": "ok" | "notice" | "warn" | "error", "reason"?}.
import { auditServer } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs http://127.0.0.1:8000/graphql");
  process.exit(2);
}
async function bodyOf(response) {
  // An audit may have read the body already; the answer's status and type
  // still say enough.
  try {
    return (await response.clone().text()).slice(0, 500);
  } catch {
    return response.bodyUsed ? "(read by the audit)" : "(unreadable)";
  }
}

const results = await auditServer({ url });
for (const result of results) {
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== "ok") {
    line.reason = result.reason;
    // What the server answered, so that a failure can be read from the test log.
    line.answer = {
      status: result.response.status,
      contentType: result.response.headers.get("content-type"),
      body: await bodyOf(result.response),
    };
  }
  console.log(JSON.stringify(line));
}
