import { describe, expect, it } from "vitest";
import { createRouter } from "./router.js";

const handler = () => new Response(null);
const router = createRouter([
  { method: "GET", template: "/rest/api/3/issue/{issueIdOrKey}", handler, scopes: [] },
  { method: "POST", template: "/rest/api/3/issue/bulk", handler, scopes: [] },
  { method: "GET", template: "/rest/api/3/issue/{issueIdOrKey}/comment/{id}", handler, scopes: [] },
  { method: "PUT", template: "/rest/api/3/issue/{issueIdOrKey}", handler, scopes: [] },
]);

describe("path templates", () => {
  it("matches the swagger template and decodes parameters", () => {
    const found = router.match("GET", "/rest/api/3/issue/DEMO%2D1/comment/10001");
    expect(found.route?.template).toBe("/rest/api/3/issue/{issueIdOrKey}/comment/{id}");
    expect(found.params).toEqual({ issueIdOrKey: "DEMO-1", id: "10001" });
    expect(router.match("GET", "/rest/api/3/issue/DEMO-1/").route?.template).toBe("/rest/api/3/issue/{issueIdOrKey}");
  });

  it("prefers the template with fewer parameters", () => {
    expect(router.match("POST", "/rest/api/3/issue/bulk").route?.template).toBe("/rest/api/3/issue/bulk");
    expect(router.match("GET", "/rest/api/3/issue/bulk").route?.template).toBe("/rest/api/3/issue/{issueIdOrKey}");
  });

  it("reports the methods a path takes when the request's is not one of them", () => {
    const found = router.match("DELETE", "/rest/api/3/issue/DEMO-1");
    expect(found.route).toBeUndefined();
    expect(found.otherMethods.sort()).toEqual(["GET", "PUT"]);
    expect(router.match("GET", "/rest/api/3/nothing").otherMethods).toEqual([]);
    expect(router.match("GET", "/rest/api/3/issue/%E0%A4%A").params).toEqual({ issueIdOrKey: "%E0%A4%A" });
  });
});
