/**
 * The generated method metadata is current with the vendor method files, and the coverage
 * table names every supported method with a test that exists.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { METADATA_PATH, readVendorMethod, renderSlackMetadata } from "../../scripts/generate-slack-metadata.js";
import { SLACK_COVERAGE, SLACK_METHOD_METADATA, SUPPORTED_METHODS } from "../../src/twins/slack/index.js";

describe("Slack method metadata and coverage", () => {
  it("src/twins/slack/method-metadata.ts is what the generator makes from the vendor files", () => {
    expect(readFileSync(METADATA_PATH, "utf8")).toBe(renderSlackMetadata());
  });

  it("carries each method's scopes, tier and errors as the vendor file states them", () => {
    for (const method of SUPPORTED_METHODS) {
      const vendor = readVendorMethod(method);
      const metadata = SLACK_METHOD_METADATA[method]!;
      expect(metadata.errors).toEqual(Object.keys(vendor.errors ?? {}).sort());
      expect(metadata.scopes?.bot ?? undefined).toEqual(vendor.scope?.bot);
      expect(metadata.tier).toBe(vendor.rate_limits);
    }
  });

  it("lists every supported method, and each names a test that exists", () => {
    expect(Object.keys(SLACK_COVERAGE).sort()).toEqual([...SUPPORTED_METHODS].sort());
    const sources = new Map<string, string>();
    for (const [method, entry] of Object.entries(SLACK_COVERAGE)) {
      const [file, name] = entry.test.split(" > ");
      if (!sources.has(file!)) sources.set(file!, readFileSync(new URL(`../../${file}`, import.meta.url), "utf8"));
      expect(sources.get(file!), `${method}: ${entry.test}`).toContain(`it(${JSON.stringify(name)}`);
      if (entry.status === "partial") expect(entry.note, method).toBeTruthy();
    }
  });
});
