import { describe, expect, it } from "vitest";
import { compileJql, type CompileOptions, type JqlFieldValue } from "./evaluator.js";
import { parseJql } from "./parser.js";

/** Wednesday 2026-03-04 10:30 UTC. */
const NOW = Date.UTC(2026, 2, 4, 10, 30);
const at = (iso: string) => Date.parse(iso);

interface Issue {
  key: string;
  project: { key: string; id: string; name: string };
  summary: string;
  description?: string | null;
  comments: string[];
  status: string;
  priority: string;
  assignee?: string;
  reporter: string;
  labels: string[];
  fixVersions: string[];
  created: number;
  updated: number;
  duedate?: number;
  storyPoints?: number;
  sprint?: string;
}

const PROJ = { key: "PROJ", id: "10000", name: "Project One" };
const OPS = { key: "OPS", id: "10001", name: "Operations" };

const ISSUES: Issue[] = [
  {
    key: "PROJ-1",
    project: PROJ,
    summary: "Login page crashes on Safari",
    description: "Customers cannot log in; the page crashes.",
    comments: ["Seen on iOS too"],
    status: "In Progress",
    priority: "High",
    assignee: "acc-alice",
    reporter: "acc-bob",
    labels: ["frontend", "urgent"],
    fixVersions: ["1.0"],
    created: at("2026-03-01T09:00:00Z"),
    updated: at("2026-03-04T08:00:00Z"),
    duedate: at("2026-03-05T00:00:00Z"),
    storyPoints: 5,
    sprint: "Sprint 7",
  },
  {
    key: "PROJ-2",
    project: PROJ,
    summary: "Export changelog to PDF",
    description: "The new export should include the changelog.",
    comments: [],
    status: "To Do",
    priority: "Medium",
    reporter: "acc-alice",
    labels: [],
    fixVersions: ["1.0", "1.1"],
    created: at("2026-02-20T12:00:00Z"),
    updated: at("2026-02-25T12:00:00Z"),
    storyPoints: 3,
  },
  {
    key: "PROJ-10",
    project: PROJ,
    summary: "Customizing dashboards",
    comments: ["Needs a shared folder"],
    status: "Done",
    priority: "Low",
    assignee: "acc-carol",
    reporter: "acc-carol",
    labels: ["backend"],
    fixVersions: [],
    created: at("2026-03-04T00:00:00Z"),
    updated: at("2026-03-04T10:00:00Z"),
    duedate: at("2026-03-01T00:00:00Z"),
  },
  {
    key: "OPS-1",
    project: OPS,
    summary: "Rotate database credentials",
    description: null,
    comments: [],
    status: "Done",
    priority: "Highest",
    assignee: "acc-bob",
    reporter: "acc-bob",
    labels: ["security", "urgent"],
    fixVersions: [],
    created: at("2025-12-31T23:30:00Z"),
    updated: at("2026-01-15T00:00:00Z"),
    duedate: at("2026-01-31T00:00:00Z"),
    storyPoints: 8,
  },
];

function resolveField(issue: unknown, field: string): JqlFieldValue {
  const value = issue as Issue;
  switch (field) {
    case "project":
      return [value.project.key, value.project.id, value.project.name];
    case "key":
    case "issuekey":
      return value.key;
    case "text":
      return [value.summary, value.description ?? "", ...value.comments];
    case "component":
      return [];
    case "fixversion":
      return value.fixVersions;
    case "due":
      return value.duedate;
    case "story points":
    case "cf[10016]":
      return value.storyPoints;
    default:
      return (value as unknown as Record<string, JqlFieldValue>)[field];
  }
}

const BASE: CompileOptions = { currentUser: "acc-bob", now: NOW, resolveField };

/** Keys of the matching issues, in ORDER BY order (the fixture's order for ties). */
function keys(jql: string, options: Partial<CompileOptions> = {}): string[] {
  const compiled = compileJql(parseJql(jql), { ...BASE, ...options });
  return ISSUES.filter((issue) => compiled.matches(issue))
    .sort((a, b) => compiled.compare(a, b))
    .map((issue) => issue.key);
}

describe("compileJql: equality and lists", () => {
  it("matches a project by key, id or name, case-insensitively", () => {
    expect(keys("project = PROJ")).toEqual(["PROJ-1", "PROJ-2", "PROJ-10"]);
    expect(keys("project = proj")).toEqual(["PROJ-1", "PROJ-2", "PROJ-10"]);
    expect(keys('project = "project one"')).toEqual(["PROJ-1", "PROJ-2", "PROJ-10"]);
    expect(keys("project = 10001")).toEqual(["OPS-1"]);
    expect(keys("project in (PROJ, OPS)")).toHaveLength(4);
    expect(keys("key = proj-2")).toEqual(["PROJ-2"]);
  });

  it("matches a list-valued field when any element equals", () => {
    expect(keys("labels = urgent")).toEqual(["PROJ-1", "OPS-1"]);
    expect(keys("labels = URGENT AND labels = frontend")).toEqual(["PROJ-1"]);
    expect(keys("labels in (backend, security)")).toEqual(["PROJ-10", "OPS-1"]);
    expect(keys("fixVersion = 1.1")).toEqual(["PROJ-2"]);
    expect(keys('fixVersion = "1.0"')).toEqual(["PROJ-1", "PROJ-2"]);
  });

  it("never matches an EMPTY field with != or NOT IN", () => {
    expect(keys('assignee != "acc-alice"')).toEqual(["PROJ-10", "OPS-1"]);
    expect(keys("assignee not in (acc-bob)")).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys("labels != urgent")).toEqual(["PROJ-10"]);
    expect(keys("labels not in (urgent)")).toEqual(["PROJ-10"]);
    expect(keys("status != Done")).toEqual(["PROJ-1", "PROJ-2"]);
  });

  it("treats null, undefined, empty strings and empty lists as EMPTY", () => {
    expect(keys("assignee is EMPTY")).toEqual(["PROJ-2"]);
    expect(keys("assignee IS NULL")).toEqual(["PROJ-2"]);
    expect(keys("assignee is not EMPTY")).toEqual(["PROJ-1", "PROJ-10", "OPS-1"]);
    expect(keys("assignee = EMPTY")).toEqual(["PROJ-2"]);
    expect(keys("assignee != EMPTY")).toEqual(["PROJ-1", "PROJ-10", "OPS-1"]);
    expect(keys("labels is EMPTY")).toEqual(["PROJ-2"]);
    expect(keys("description is EMPTY")).toEqual(["PROJ-10", "OPS-1"]);
    expect(keys("assignee in (EMPTY, acc-bob)")).toEqual(["PROJ-2", "OPS-1"]);
    expect(keys("assignee not in (EMPTY, acc-bob)")).toEqual(["PROJ-1", "PROJ-10"]);
  });

  it("matches nothing for IS with a value, as Jira Cloud answers", () => {
    expect(keys("status is Done")).toEqual([]);
    expect(keys("status is not Done")).toEqual([]);
  });

  it("pushes NOT down to the operators, so NOT field = value also skips EMPTY fields", () => {
    expect(keys("NOT assignee = acc-alice")).toEqual(["PROJ-10", "OPS-1"]);
    expect(keys("NOT assignee is EMPTY")).toEqual(["PROJ-1", "PROJ-10", "OPS-1"]);
    expect(keys("NOT (status = Done AND labels = urgent)")).toEqual(["PROJ-1", "PROJ-2", "PROJ-10"]);
    expect(keys("NOT NOT status = Done")).toEqual(["PROJ-10", "OPS-1"]);
    expect(keys("NOT created < 2026-03-01")).toEqual(["PROJ-1", "PROJ-10"]);
  });

  it("applies NOT > AND > OR", () => {
    expect(keys('status = Done OR status = "To Do" AND assignee is EMPTY')).toEqual(["PROJ-2", "PROJ-10", "OPS-1"]);
    expect(keys('(status = Done OR status = "To Do") AND assignee is EMPTY')).toEqual(["PROJ-2"]);
    expect(keys("NOT status = Done AND priority = High")).toEqual(["PROJ-1"]);
  });

  it("matches everything for a query without a WHERE clause", () => {
    expect(keys("")).toHaveLength(4);
  });
});

describe("compileJql: text search", () => {
  it("finds words, prefixes and phrases in a field or in all text", () => {
    expect(keys("summary ~ crash")).toEqual(["PROJ-1"]);
    expect(keys('summary ~ "crashes safari"')).toEqual(["PROJ-1"]);
    expect(keys("summary ~ chang")).toEqual([]);
    expect(keys('summary ~ "chang*"')).toEqual(["PROJ-2"]);
    expect(keys('summary ~ "customize"')).toEqual(["PROJ-10"]);
    expect(keys(String.raw`text ~ "\"new export\""`)).toEqual(["PROJ-2"]);
    expect(keys(String.raw`text ~ "\"export new\""`)).toEqual([]);
    expect(keys('text ~ "shared folder"')).toEqual(["PROJ-10"]);
    expect(keys('summary ~ "login OR rotate"')).toEqual(["PROJ-1", "OPS-1"]);
  });

  it("never matches an EMPTY field with !~", () => {
    expect(keys("summary !~ crash")).toEqual(["PROJ-2", "PROJ-10", "OPS-1"]);
    expect(keys("description !~ crash")).toEqual(["PROJ-2"]);
  });
});

describe("compileJql: dates", () => {
  it("compares absolute dates; a date alone is midnight for < <= > >= and the whole day for =", () => {
    expect(keys('created >= "2026-03-01"')).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys("created < 2026-03-01")).toEqual(["PROJ-2", "OPS-1"]);
    expect(keys('created <= "2026-03-01"')).toEqual(["PROJ-2", "OPS-1"]);
    expect(keys('created = "2026-03-01"')).toEqual(["PROJ-1"]);
    expect(keys('created != "2026-03-01"')).toEqual(["PROJ-2", "PROJ-10", "OPS-1"]);
    expect(keys('created in ("2026-03-04", "2025-12-31")')).toEqual(["PROJ-10", "OPS-1"]);
    expect(keys('duedate = "2026-03-05"')).toEqual(["PROJ-1"]);
    expect(keys('due <= "2026-03-01" AND due >= "2026-03-01"')).toEqual(["PROJ-10"]);
  });

  it("compares date-times to the minute", () => {
    expect(keys('created >= "2026/03/01 09:00"')).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys('created > "2026-03-01 09:00"')).toEqual(["PROJ-10"]);
  });

  it("counts relative periods from the injected now", () => {
    expect(keys("created > -3d")).toEqual(["PROJ-10"]);
    expect(keys('created >= "-4d"')).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys("updated >= -1h")).toEqual(["PROJ-10"]);
    expect(keys("updated >= -150m")).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys('updated < "-2w"')).toEqual(["OPS-1"]);
    expect(keys("duedate < 2h AND duedate > -1w")).toEqual(["PROJ-10"]);
  });

  it("evaluates the date functions against now, with increments", () => {
    expect(keys("updated >= startOfDay()")).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys("created >= startOfDay(-3d)")).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys("created >= startOfWeek()")).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys("created >= startOfMonth(-1)")).toEqual(["PROJ-1", "PROJ-2", "PROJ-10"]);
    expect(keys("created < startOfYear()")).toEqual(["OPS-1"]);
    expect(keys("duedate <= endOfDay(1)")).toEqual(["PROJ-1", "PROJ-10", "OPS-1"]);
    expect(keys("duedate < now() OR duedate is EMPTY")).toEqual(["PROJ-2", "PROJ-10", "OPS-1"]);
    expect(keys("created > now()")).toEqual([]);
  });

  it("matches nothing for a value that is not a date", () => {
    expect(keys("updated >= yesterday")).toEqual([]);
    expect(keys("updated >= startOfDay(soon)")).toEqual([]);
  });
});

describe("compileJql: numbers, users and functions", () => {
  it("compares numbers on custom fields by id or by name", () => {
    expect(keys('"Story Points" > 3')).toEqual(["PROJ-1", "OPS-1"]);
    expect(keys("cf[10016] >= 3")).toEqual(["PROJ-1", "PROJ-2", "OPS-1"]);
    expect(keys("cf[10016] = 5")).toEqual(["PROJ-1"]);
    expect(keys('cf[10016] < "4"')).toEqual(["PROJ-2"]);
    expect(keys('"story points" is EMPTY')).toEqual(["PROJ-10"]);
  });

  it("compares issue keys by number within their project", () => {
    expect(keys("key > PROJ-1")).toEqual(["PROJ-2", "PROJ-10"]);
    expect(keys("key <= proj-2")).toEqual(["PROJ-1", "PROJ-2"]);
    expect(keys("key >= OPS-1")).toEqual(["OPS-1"]);
  });

  it("compares text with < and > case-insensitively (Jira orders priorities by scheme instead)", () => {
    expect(keys("status < e")).toEqual(["PROJ-10", "OPS-1"]);
  });

  it("resolves currentUser() to the caller, and to nobody when anonymous", () => {
    expect(keys("assignee = currentUser()")).toEqual(["OPS-1"]);
    expect(keys("reporter != currentUser()")).toEqual(["PROJ-2", "PROJ-10"]);
    expect(keys("assignee = currentUser()", { currentUser: undefined })).toEqual([]);
  });

  it("resolves membersOf() through the resolver, and to nobody without one", () => {
    const membersOf = (group: string) => (group === "admins" ? ["acc-alice", "acc-carol"] : []);
    expect(keys('assignee in membersOf("admins")', { membersOf })).toEqual(["PROJ-1", "PROJ-10"]);
    expect(keys('assignee in membersOf("admins")')).toEqual([]);
    expect(keys('assignee not in membersOf("admins")', { membersOf })).toEqual(["OPS-1"]);
  });

  it("asks resolveFunction first and matches nothing for an unknown function", () => {
    const resolveFunction = (name: string) => (name.toLowerCase() === "opensprints" ? ["Sprint 7"] : undefined);
    expect(keys("sprint in openSprints()", { resolveFunction })).toEqual(["PROJ-1"]);
    expect(keys("assignee = noSuchFunction()")).toEqual([]);
  });
});

describe("compileJql: ORDER BY", () => {
  it("orders issue keys by project, then number", () => {
    expect(keys("ORDER BY key ASC")).toEqual(["OPS-1", "PROJ-1", "PROJ-2", "PROJ-10"]);
    expect(keys("ORDER BY key DESC")).toEqual(["PROJ-10", "PROJ-2", "PROJ-1", "OPS-1"]);
  });

  it("puts EMPTY last ascending and first descending", () => {
    expect(keys("ORDER BY duedate ASC")).toEqual(["OPS-1", "PROJ-10", "PROJ-1", "PROJ-2"]);
    expect(keys("ORDER BY duedate DESC")).toEqual(["PROJ-2", "PROJ-1", "PROJ-10", "OPS-1"]);
  });

  it("uses later keys to break ties, and each key's own direction", () => {
    expect(keys('ORDER BY status ASC, "Story Points" DESC')).toEqual(["PROJ-10", "OPS-1", "PROJ-1", "PROJ-2"]);
    expect(keys("project = PROJ ORDER BY fixVersion, key DESC")).toEqual(["PROJ-2", "PROJ-1", "PROJ-10"]);
  });

  it("sorts dates newest first when no direction is given, other fields ascending", () => {
    expect(keys("ORDER BY created")).toEqual(["PROJ-10", "PROJ-1", "PROJ-2", "OPS-1"]);
    expect(keys("ORDER BY cf[10016]")).toEqual(["PROJ-2", "PROJ-1", "OPS-1", "PROJ-10"]);
  });

  it("sorts a list-valued field by its first value", () => {
    expect(keys("ORDER BY labels")).toEqual(["PROJ-10", "PROJ-1", "OPS-1", "PROJ-2"]);
  });

  it("returns 0 without ORDER BY, for ties and for a field nobody has", () => {
    const compare = (jql: string) => compileJql(parseJql(jql), BASE).compare;
    expect(compare("project = PROJ")(ISSUES[0], ISSUES[1])).toBe(0);
    expect(compare("ORDER BY project")(ISSUES[0], ISSUES[1])).toBe(0);
    expect(compare("ORDER BY zzfield")(ISSUES[0], ISSUES[3])).toBe(0);
  });
});
