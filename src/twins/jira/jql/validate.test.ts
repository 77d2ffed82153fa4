import { describe, expect, it } from "vitest";
import { parseJql } from "./parser.js";
import { fieldsOf, validate } from "./validate.js";

const KNOWN = ["project", "status", "assignee", "created", "duedate", "Story Points", "cf[10016]", "summary", "labels"];

describe("fieldsOf", () => {
  it("lists each field key once, WHERE first, then ORDER BY", () => {
    const query = parseJql('Status = Done AND (assignee = x OR NOT status = y) AND "Story Points" > 1 ORDER BY cf[10016], Created DESC');
    expect(fieldsOf(query)).toEqual(["status", "assignee", "story points", "cf[10016]", "created"]);
    expect(fieldsOf(parseJql(""))).toEqual([]);
  });
});

describe("validate", () => {
  it("reports an unknown field once, as written, in Jira's words", () => {
    const problems = validate(parseJql("Colour = red AND colour = blue AND status = Done"), KNOWN);
    expect(problems).toEqual([
      { code: "field-unknown", field: "Colour", message: "Field 'Colour' does not exist or you do not have permission to view it." },
    ]);
  });

  it("knows fields case-insensitively, by name or custom field id, or through a predicate", () => {
    expect(validate(parseJql('"story points" > 3 AND CF[10016] > 3 AND STATUS = Done'), KNOWN)).toEqual([]);
    expect(validate(parseJql("anything = x"), () => true)).toEqual([]);
    expect(validate(parseJql("cf[99] = x"), KNOWN)[0]?.message).toBe("Field 'cf[99]' does not exist or you do not have permission to view it.");
  });

  it("passes over ORDER BY fields, as Jira Cloud does", () => {
    expect(validate(parseJql("status = Done ORDER BY zzfield"), KNOWN)).toEqual([]);
  });

  it("asks the caller about values, and words the answer as Jira does for names and ids", () => {
    const projects = new Set(["proj", "10000"]);
    const valueExists = (field: string, value: string) => field !== "project" || projects.has(value.toLowerCase());
    const problems = validate(parseJql("project in (PROJ, XYZ, 10000, 1) AND status = Whatever"), KNOWN, { valueExists });
    expect(problems.map((problem) => problem.message)).toEqual([
      "The value 'XYZ' does not exist for the field 'project'.",
      "A value with ID '1' does not exist for the field 'project'.",
    ]);
  });

  it("does not ask about text searches, EMPTY or functions", () => {
    const asked: string[] = [];
    const valueExists = (field: string, value: string) => {
      asked.push(`${field}:${value}`);
      return true;
    };
    validate(parseJql("summary ~ crash AND assignee is EMPTY AND assignee = currentUser() AND status = Done"), KNOWN, { valueExists });
    expect(asked).toEqual(["status:Done"]);
  });

  it("reports functions it does not know, unless the caller names them", () => {
    const query = parseJql("assignee = noSuchFunction() AND created > startOfDay(-1) AND labels in openSprints()");
    expect(validate(query, KNOWN).map((problem) => problem.message)).toEqual([
      "Unable to find JQL function 'noSuchFunction()'.",
      "Unable to find JQL function 'openSprints()'.",
    ]);
    expect(validate(query, KNOWN, { functions: ["noSuchFunction", "OPENSPRINTS"] })).toEqual([]);
  });

  it("reports values of date fields that are not dates", () => {
    const problems = validate(parseJql('created >= yesterday AND duedate < "2026-01-31" AND created > -7d'), KNOWN);
    expect(problems).toEqual([
      {
        code: "date-invalid",
        field: "created",
        message:
          "Date value 'yesterday' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
      },
    ]);
    expect(validate(parseJql("status = yesterday"), KNOWN, { dateFields: ["status"] })[0]?.code).toBe("date-invalid");
  });
});
