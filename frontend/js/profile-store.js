// A person's profile: skills with levels, a target role and notes per skill.
// It is kept in this browser's own storage (localStorage) and in files the
// person downloads; nothing here talks to the server. The views send the API
// only the {code, level} pairs of known skills that a query needs.

const KEY = "competency-explorer.profile";
// Where an unreadable stored profile is set aside instead of being overwritten.
const UNREADABLE_KEY = "competency-explorer.profile.unreadable";
export const FORMAT = "competency-explorer profile";
const VERSION = 1;
export const MAX_SKILLS = 250;
// Skill codes are short (PROG, S1234); anything longer is not one.
const MAX_CODE = 40;
const MAX_NOTE = 20000;

/** { skills: Map code -> level, target: slug or "", notes: Map code -> text } */
export function emptyProfile() {
  return { skills: new Map(), target: "", notes: new Map() };
}

export function copyProfile(profile) {
  return { skills: new Map(profile.skills), target: profile.target, notes: new Map(profile.notes) };
}

/** The stored profile; `available` is false when the browser refuses storage. */
export function loadProfile() {
  let raw;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return { profile: emptyProfile(), available: false };
  }
  if (!raw) return { profile: emptyProfile(), available: true };
  try {
    return { profile: readDocument(JSON.parse(raw)).profile, available: true };
  } catch {
    // Keep what could not be read rather than overwrite it at the next save.
    try {
      window.localStorage.setItem(UNREADABLE_KEY, raw);
      window.localStorage.removeItem(KEY);
    } catch {
      // Nothing more can be done; the page still works without storage.
    }
    return { profile: emptyProfile(), available: true };
  }
}

/** Store the profile; false when the browser does not allow it. */
export function saveProfile(profile) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(profileDocument(profile)));
    return true;
  } catch {
    return false;
  }
}

let watcher = null;

/**
 * Run `callback` when another tab or window of this site changes the stored
 * profile, so that a page showing it can draw it again instead of
 * overwriting the newer one at its next save. The latest callback wins.
 */
export function watchStoredProfile(callback) {
  if (watcher === null) {
    window.addEventListener("storage", (event) => {
      if (event.key === KEY || event.key === null) watcher();
    });
  }
  watcher = callback;
}

/** The profile as the JSON document that is stored and exported. */
export function profileDocument(profile, extra = {}) {
  const notes = {};
  for (const [code, text] of profile.notes) if (text.trim()) notes[code] = text;
  return {
    kind: FORMAT,
    version: VERSION,
    ...extra,
    skills: [...profile.skills].map(([code, level]) => ({ code, level })),
    target: profile.target || null,
    notes,
  };
}

/**
 * Read a profile document (the export, or a plain list of {code, level}).
 * Returns { profile, problems }: entries that cannot be used are left out and
 * named in `problems`. Throws an Error when the value is no profile at all.
 */
export function readDocument(value) {
  let entries = value;
  let target = "";
  let notes = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if (!Array.isArray(value.skills)) {
      throw new Error("it has no list of skills (expected a profile exported by My skills)");
    }
    entries = value.skills;
    target = typeof value.target === "string" ? value.target.trim() : "";
    notes = value.notes && typeof value.notes === "object" && !Array.isArray(value.notes) ? value.notes : {};
  } else if (!Array.isArray(value)) {
    throw new Error("it is not a profile (expected a profile exported by My skills)");
  }
  const profile = emptyProfile();
  profile.target = target;
  const problems = [];
  entries.forEach((entry, index) => {
    const code = typeof entry?.code === "string" ? entry.code.trim().toUpperCase() : "";
    const level = entry?.level;
    if (!code || code.length > MAX_CODE || !Number.isInteger(level) || level < 1 || level > 7) {
      problems.push(`skill ${index + 1} is not a skill code with a level from 1 to 7`);
    } else if (profile.skills.has(code)) {
      problems.push(`${code} is given twice (the first is kept)`);
    } else if (profile.skills.size >= MAX_SKILLS) {
      problems.push(`${code}: a profile holds at most ${MAX_SKILLS} skills`);
    } else {
      profile.skills.set(code, level);
    }
  });
  for (const [code, text] of Object.entries(notes)) {
    if (typeof text === "string" && text.trim()) {
      profile.notes.set(code.trim().toUpperCase(), text.slice(0, MAX_NOTE));
    }
  }
  return { profile, problems };
}

/** "PROG:3,TEST:2" (the `skills` of a shared link) -> { skills: Map, ignored } */
export function parseSkillsParam(text) {
  const skills = new Map();
  const ignored = [];
  for (const entry of (text || "").split(",").map((part) => part.trim()).filter(Boolean)) {
    const found = /^([A-Za-z0-9]{1,40}):([1-7])$/.exec(entry);
    if (!found || skills.has(found[1].toUpperCase()) || skills.size >= MAX_SKILLS) ignored.push(entry);
    else skills.set(found[1].toUpperCase(), Number(found[2]));
  }
  return { skills, ignored };
}

export function skillsParam(skills) {
  return [...skills].map(([code, level]) => `${code}:${level}`).join(",");
}

/** The API's profile input: the known skills only, as [{code, level}]. */
export function profileInput(skills, known) {
  return [...skills].filter(([code]) => known.has(code)).map(([code, level]) => ({ code, level }));
}

export function unknownCodes(skills, known) {
  return [...skills.keys()].filter((code) => !known.has(code));
}
