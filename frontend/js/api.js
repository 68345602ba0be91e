// The only module that talks to the server: every call is a named GraphQL
// operation with variables, POSTed to /graphql.

const ENDPOINT = "/graphql";

/** A failed call, with words a person can read. */
export class ApiError extends Error {
  constructor(message, { errors = [], status = 0 } = {}) {
    super(message);
    this.name = "ApiError";
    this.errors = errors;
    this.status = status;
  }

  /** The extensions.code of the first GraphQL error (NOT_FOUND, BAD_USER_INPUT...). */
  get code() {
    return this.errors[0]?.extensions?.code ?? null;
  }
}

/** Run one named operation; resolve to `data`, or reject with an ApiError. */
export async function execute(operationName, query, variables = {}) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query, variables, operationName }),
    });
  } catch {
    throw new ApiError(
      "The server could not be reached. Check that it is still running, then try again.",
    );
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    const messages = body.errors.map((error) => error.message || "Unknown error");
    throw new ApiError(messages.join("\n"), { errors: body.errors, status: response.status });
  }
  if (!response.ok || !body || typeof body.data !== "object" || body.data === null) {
    throw new ApiError(
      `The server answered ${response.status} ${response.statusText || ""}`.trim() +
        " instead of a GraphQL result.",
      { status: response.status },
    );
  }
  return body.data;
}

/**
 * Send a request body as it is and give back the HTTP status and the parsed
 * answer, errors included: for the GraphQL explorer, which shows them raw.
 */
export async function executeRaw(body) {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, statusText: response.statusText, json, text };
}

const ROLE_BRIEF = `
fragment RoleBrief on Role {
  slug
  title
  level { number name }
  careerPath { name }
}`;

const GAP_DETAIL = `
fragment GapDetail on SkillGap {
  effort
  newSkills { level skill { code name } }
  levelUps { from to skill { code name } }
  met { level skill { code name } }
}`;

// Queries are cached per page load only where the answer cannot change while
// the server runs (the framework is loaded once at start).
const cache = new Map();
function cached(key, load) {
  if (!cache.has(key)) {
    const promise = load();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

export function fetchShell() {
  return cached("shell", async () => {
    const query = `query Shell {
      framework { name roleCount skillCount attribution }
      careerPaths { name }
    }`;
    return execute("Shell", query);
  });
}

export function fetchLadder() {
  const query = `query Ladder {
    levels { number name guidingPhrase }
    careerPaths { name roles { slug title summary level { number } } }
  }`;
  return execute("Ladder", query);
}

export function fetchRole(slug) {
  const query = `query RolePage($slug: String!, $nextLimit: Int) {
    role(slug: $slug) {
      ...RoleBrief
      summary
      overview
      requirements { level attainment skill { code name category { name } } }
      nextRoles(limit: $nextLimit) { kind to { ...RoleBrief } gap { effort } }
      previousRoles { kind from { ...RoleBrief } gap { effort } }
      similarRoles(limit: 5) { score role { ...RoleBrief } shared { skill { code } } }
    }
  }
  ${ROLE_BRIEF}`;
  return execute("RolePage", query, { slug, nextLimit: 12 });
}

export function fetchSkill(code) {
  const query = `query SkillPage($code: String!) {
    skill(code: $code) {
      code
      name
      description
      guidance
      url
      category { name }
      subcategory { name }
      levels { level description }
      requiredBy { level role { ...RoleBrief } }
      resources { title url kind level }
    }
    levels { number name }
  }
  ${ROLE_BRIEF}`;
  return execute("SkillPage", query, { code });
}

/** The level names, 1 to 7 (they never change while the server runs). */
export function fetchLevelNames() {
  return cached("levelNames", async () => {
    const query = `query LevelNames {
      levels { number name }
    }`;
    const data = await execute("LevelNames", query);
    return new Map(data.levels.map((level) => [level.number, level.name]));
  });
}

/** A skill's texts at each level, to choose a level by reading them. */
export function fetchSkillLevels(code) {
  return cached(`skillLevels:${code}`, async () => {
    const query = `query SkillLevels($code: String!) {
      skill(code: $code) { code name levels { level description } }
    }`;
    const data = await execute("SkillLevels", query, { code });
    return data.skill;
  });
}

/** A role's core skills, to start a plan from that role. */
export function fetchRoleSkills(slug) {
  const query = `query RoleSkills($slug: String!) {
    role(slug: $slug) { ...RoleBrief requirements { level optional skill { code } } }
  }
  ${ROLE_BRIEF}`;
  return execute("RoleSkills", query, { slug });
}

/** Every role, for the pickers: one request however many paths there are. */
export function fetchRoleOptions() {
  return cached("roleOptions", async () => {
    const query = `query RoleOptions {
      careerPaths { name roles { slug title level { number } } }
    }`;
    const data = await execute("RoleOptions", query);
    const roles = [];
    for (const path of data.careerPaths) {
      for (const role of path.roles) {
        roles.push({ slug: role.slug, title: role.title, level: role.level.number, path: path.name });
      }
    }
    return roles;
  });
}

/** Every skill, for the skill picker. */
export function fetchSkillOptions() {
  return cached("skillOptions", async () => {
    const query = `query SkillOptions {
      categories { name skills { code name } }
    }`;
    const data = await execute("SkillOptions", query);
    const skills = [];
    for (const category of data.categories) {
      for (const skill of category.skills) {
        skills.push({ code: skill.code, name: skill.name, category: category.name });
      }
    }
    skills.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return skills;
  });
}

export function fetchProgression(from, to, limit = 3) {
  const query = `query Progression($from: String!, $to: String!, $limit: Int) {
    fromRole: role(slug: $from) { ...RoleBrief }
    toRole: role(slug: $to) { ...RoleBrief }
    progressionPaths(from: $from, to: $to, limit: $limit) {
      totalEffort
      steps { kind from { ...RoleBrief } to { ...RoleBrief } gap { ...GapDetail } }
    }
  }
  ${ROLE_BRIEF}
  ${GAP_DETAIL}`;
  return execute("Progression", query, { from, to, limit });
}

export function fetchCompare(a, b) {
  const query = `query Compare($a: String!, $b: String!) {
    roleA: role(slug: $a) {
      ...RoleBrief
      summary
      requirements { level skill { code name } }
    }
    roleB: role(slug: $b) {
      ...RoleBrief
      summary
      requirements { level skill { code name } }
    }
    sharedSkills(a: $a, b: $b) { levelA levelB skill { code name } }
  }
  ${ROLE_BRIEF}`;
  return execute("Compare", query, { a, b });
}

export function fetchMatches(profile, limit = 8) {
  const query = `query MatchRoles($profile: [SkillLevelInput!]!, $limit: Int) {
    matchRoles(profile: $profile, limit: $limit) {
      score
      role { ...RoleBrief }
      gap { effort newSkills { level } levelUps { to } }
    }
  }
  ${ROLE_BRIEF}`;
  return execute("MatchRoles", query, { profile, limit });
}

export function fetchSkillGap(profile, target) {
  const query = `query SkillGap($profile: [SkillLevelInput!]!, $target: String!) {
    skillGap(profile: $profile, target: $target) {
      target { ...RoleBrief }
      ...GapDetail
    }
  }
  ${ROLE_BRIEF}
  ${GAP_DETAIL}`;
  return execute("SkillGap", query, { profile, target });
}

export function fetchSearch(text, limit = 50) {
  // Ranked hits with why each matched; the counts from the filters, which
  // find the same roles and skills.
  const query = `query Search($text: String!, $limit: Int) {
    searchRoles(text: $text, limit: $limit) {
      role { ...RoleBrief summary }
      match { ...Why }
    }
    searchSkills(text: $text, limit: $limit) {
      skill { code name category { name } }
      match { ...Why }
    }
    roles(search: $text, first: 0) { totalCount }
    skills(search: $text, first: 0) { totalCount }
  }
  fragment Why on SearchMatch { field kind before matched after }
  ${ROLE_BRIEF}`;
  return execute("Search", query, { text, limit });
}

export function fetchDevelopmentPlan(profile, target) {
  const query = `query DevelopmentPlan($profile: [SkillLevelInput!]!, $target: String!) {
    developmentPlan(profile: $profile, target: $target) {
      target { ...RoleBrief track { name } }
      effort
      items {
        skill { code name }
        from
        to
        levels { level description }
        resources { title url kind level }
      }
      met { level skill { code name } }
      optional { level skill { code name } }
    }
    levels { number name }
  }
  ${ROLE_BRIEF}`;
  return execute("DevelopmentPlan", query, { profile, target });
}

/** The framework's health report: findings with their roles and skills. */
export function fetchHealth() {
  const query = `query Health {
    framework {
      health {
        kind
        message
        location
        roles { slug title }
        skills { code name }
      }
    }
  }`;
  return execute("Health", query);
}

/** Every role with its requirements, for the coverage matrix. */
export function fetchCoverage() {
  const query = `query Coverage {
    careerPaths {
      name
      roles {
        slug
        title
        level { number }
        track { name }
        requirements { level optional skill { code name category { name } } }
      }
    }
  }`;
  return execute("Coverage", query);
}
