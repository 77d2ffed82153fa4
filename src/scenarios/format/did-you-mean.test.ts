import { describe, expect, it } from "vitest";
import { closestName, didYouMean, editDistance } from "./did-you-mean.js";

describe("did you mean", () => {
  it("counts edits", () => {
    expect(editDistance("captur", "capture")).toBe(1);
    expect(editDistance("metod", "method")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("suggests the closest known name within two edits, ignoring case and - or _", () => {
    expect(closestName("recrods", ["requests", "records", "deliveries"])).toBe("records");
    expect(closestName("mustPass", ["must_pass", "weight"])).toBe("must_pass");
    expect(closestName("must-pass", ["must_pass"])).toBe("must_pass");
    expect(closestName("expect_statuss", ["expect_status"])).toBe("expect_status");
  });

  it("suggests nothing when nothing is close, or for the name itself", () => {
    expect(closestName("model", ["rubric"])).toBeUndefined();
    expect(closestName("id", ["as"])).toBeUndefined();
    expect(closestName("body", ["body"])).toBeUndefined();
    expect(didYouMean("zzz", ["http", "cli"])).toBe("");
    expect(didYouMean("htp", ["http", "cli"])).toBe(' (did you mean "http"?)');
  });
});
