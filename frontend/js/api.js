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
  track { name }
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
    careerPaths {
      name
      tracks { name description }
      roles { slug title summary level { number } track { name } }
    }
  }`;
  return execute("Ladder", query);
}

export function fetchRole(slug, stepLimit) {
  const query = `query RolePage($slug: String!, $stepLimit: Int) {
    role(slug: $slug) {
      ...RoleBrief
      careerPath { tracks { name } }
      summary
      overview
      sections { heading text }
      requirements { level optional attainment skill { code name category { name } } }
      nextRoleCount
      previousRoleCount
      nextRoles(limit: $stepLimit) { kind declared note effort to { ...RoleBrief coreRequirementCount } }
      previousRoles(limit: $stepLimit) { kind declared note effort from { ...RoleBrief coreRequirementCount } }
      similarRoles(limit: 5) { score role { ...RoleBrief } shared { skill { code } } }
    }
  }
  ${ROLE_BRIEF}`;
  return execute("RolePage", query, { slug, stepLimit });
}

/** The first `limit` next roles of a role, by effort: for "show more". */
export function fetchNextRoles(slug, limit) {
  const query = `query NextRoles($slug: String!, $limit: Int) {
    role(slug: $slug) {
      nextRoles(limit: $limit) { kind declared note effort to { ...RoleBrief coreRequirementCount } }
    }
  }
  ${ROLE_BRIEF}`;
  return execute("NextRoles", query, { slug, limit });
}

/** The first `limit` previous roles of a role, by effort: for "show more". */
export function fetchPreviousRoles(slug, limit) {
  const query = `query PreviousRoles($slug: String!, $limit: Int) {
    role(slug: $slug) {
      previousRoles(limit: $limit) { kind declared note effort from { ...RoleBrief coreRequirementCount } }
    }
  }
  ${ROLE_BRIEF}`;
  return execute("PreviousRoles", query, { slug, limit });
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
      resources { title url kind level }
      requiredBy { level role { ...RoleBrief } }
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

// The pickers' answers: a few recent ones kept, since typing back and forth
// (or two pickers on one page) asks the same again.
const recent = new Map();
const RECENT_KEPT = 60;
function remembered(key, load) {
  if (recent.has(key)) {
    const hit = recent.get(key);
    recent.delete(key);
    recent.set(key, hit);
    return hit;
  }
  const promise = load();
  recent.set(key, promise);
  promise.catch(() => recent.delete(key));
  if (recent.size > RECENT_KEPT) recent.delete(recent.keys().next().value);
  return promise;
}

/**
 * Roles for a picker: the role of that exact title or slug (if any) and a
 * small page of the roles whose text contains `text`, best match first (the
 * server ranks them: a title before a summary; the whole title, its start, a
 * word's start, anywhere), with how many match in all.
 */
export function searchRoles(text, first = 20) {
  return remembered(`roles|${first}|${text.toLowerCase()}`, async () => {
    const query = `query RoleSearch($text: String!, $first: Int) {
      exact: role(slug: $text) { ...RoleBrief }
      searchRoles(text: $text, limit: $first) { role { ...RoleBrief } }
      roles(search: $text, first: 0) { totalCount }
    }
    ${ROLE_BRIEF}`;
    const data = await execute("RoleSearch", query, { text, first });
    return {
      exact: data.exact,
      items: data.searchRoles.map((hit) => hit.role),
      total: data.roles.totalCount,
    };
  });
}

/** One role by slug or title (any case), or null: what a picker resolves. */
export function fetchRoleBrief(slug) {
  return remembered(`role|${slug.toLowerCase()}`, async () => {
    const query = `query RoleByName($slug: String!) {
      role(slug: $slug) { ...RoleBrief }
    }
    ${ROLE_BRIEF}`;
    return (await execute("RoleByName", query, { slug })).role;
  });
}

/** Skills for a picker, as searchRoles: the exact code first, then a ranked page. */
export function searchSkills(text, first = 20) {
  return remembered(`skills|${first}|${text.toLowerCase()}`, async () => {
    const query = `query SkillSearch($text: String!, $first: Int) {
      exact: skill(code: $text) { code name category { name } }
      searchSkills(text: $text, limit: $first) { skill { code name category { name } } }
      skills(search: $text, first: 0) { totalCount }
    }`;
    const data = await execute("SkillSearch", query, { text, first });
    return {
      exact: data.exact,
      items: data.searchSkills.map((hit) => hit.skill),
      total: data.skills.totalCount,
    };
  });
}

/** Every skill, for the names of a profile's skills (My skills). */
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
    framework {
      declaredMoveCount
      progressionRules { pathChanges minSharedSkills maxLevelUp }
    }
    progressionPaths(from: $from, to: $to, limit: $limit) {
      totalEffort
      steps { kind declared note from { ...RoleBrief } to { ...RoleBrief } gap { ...GapDetail } }
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
      careerPath { tracks { name } }
      summary
      requirements { level optional skill { code name } }
    }
    roleB: role(slug: $b) {
      ...RoleBrief
      careerPath { tracks { name } }
      summary
      requirements { level optional skill { code name } }
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
