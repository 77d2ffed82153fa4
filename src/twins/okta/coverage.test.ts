import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OKTA_COVERAGE, OKTA_MANAGEMENT_COVERAGE, OKTA_OAUTH_COVERAGE, OKTA_UNDESCRIBED_COVERAGE } from "./coverage.js";
import { MANAGEMENT_ROUTES, OAUTH_ROUTES } from "./routes.js";

const root = new URL("../../../", import.meta.url);
const descriptions = ["management-minimal.yaml", "oauth-minimal.yaml"].map((name) => readFileSync(new URL(`vendor/apis/okta/${name}`, root), "utf8"));

/** Whether a description lists `method` under `path` (the path's block runs to the next path). */
function described(key: string, texts = descriptions): boolean {
  const [method = "", path = ""] = key.split(" ");
  return texts.some((text) => {
    const start = text.indexOf(`\n  ${path}:\n`);
    if (start === -1) return false;
    const rest = text.slice(start + path.length + 4);
    const end = rest.search(/\n {2}\S/);
    return (end === -1 ? rest : rest.slice(0, end)).includes(`\n    ${method.toLowerCase()}:`);
  });
}

describe("OKTA_COVERAGE", () => {
  it("names only operations the descriptions have, and undescribed ones only where they do not", () => {
    expect(Object.keys(OKTA_COVERAGE).filter((key) => !described(key))).toEqual([]);
    expect(Object.keys(OKTA_UNDESCRIBED_COVERAGE).filter((key) => described(key))).toEqual([]);
    expect(described("GET /api/v1/users/{id}/nowhere")).toBe(false);
    // One declaration per description, for the coverage matrix's sections.
    expect(Object.keys(OKTA_MANAGEMENT_COVERAGE).filter((key) => !described(key, [descriptions[0]!]))).toEqual([]);
    expect(Object.keys(OKTA_OAUTH_COVERAGE).filter((key) => !described(key, [descriptions[1]!]))).toEqual([]);
  });

  it("declares every route the twin serves, with a test that exists", () => {
    const declared = { ...OKTA_COVERAGE, ...OKTA_UNDESCRIBED_COVERAGE };
    const served = [...MANAGEMENT_ROUTES, ...OAUTH_ROUTES].map((route) => `${route.method} ${route.template}`);
    expect(served.filter((key) => !declared[key])).toEqual([]);
    expect(Object.keys(declared).filter((key) => !served.includes(key))).toEqual([]);
    for (const entry of Object.values(declared)) {
      const [file = "", name] = entry.test.split(" > ");
      expect(existsSync(new URL(file, root)), file).toBe(true);
      if (name) expect(readFileSync(new URL(file, root), "utf8"), name).toContain(JSON.stringify(name).slice(1, -1));
    }
  });
});
