import { describe, expect, it } from "vitest";
import { getPath, parsePath } from "./path.js";

const request = {
  method: "chat.postMessage",
  body: { channel: "C1", blocks: [{ type: "section", text: "first" }, { type: "divider" }], "a.b": { "x[0]": 7 }, nothing: null },
  form: { attachments: '[{"text":"from a form"}]' },
};

describe("getPath", () => {
  it("follows dots and indexes, negative indexes from the end, and digit segments on arrays", () => {
    expect(getPath(request, "body.blocks[0].text")).toEqual({ found: true, value: "first" });
    expect(getPath(request, "body.blocks[-1].type")).toEqual({ found: true, value: "divider" });
    expect(getPath(request, "body.blocks.1.type")).toEqual({ found: true, value: "divider" });
    expect(getPath(request, "body.blocks.length")).toEqual({ found: true, value: 2 });
  });

  it("names keys with dots or brackets by quoting them", () => {
    expect(getPath(request, 'body["a.b"]["x[0]"]')).toEqual({ found: true, value: 7 });
    expect(getPath(request, "body['a.b']")).toEqual({ found: true, value: { "x[0]": 7 } });
  });

  it("tells a missing field from a field holding null", () => {
    expect(getPath(request, "body.nothing")).toEqual({ found: true, value: null });
    expect(getPath(request, "body.absent")).toEqual({ found: false, value: undefined });
    expect(getPath(request, "body.blocks[5].text")).toEqual({ found: false, value: undefined });
    expect(getPath(request, "method.length")).toEqual({ found: false, value: undefined });
  });

  it("looks into strings that hold JSON, as Slack form posts and deliveries carry them", () => {
    expect(getPath(request, "form.attachments[0].text")).toEqual({ found: true, value: "from a form" });
    expect(getPath({ body: '{"event":{"type":"message"}}' }, "body.event.type")).toEqual({ found: true, value: "message" });
    expect(getPath({ body: "not json" }, "body.event")).toEqual({ found: false, value: undefined });
  });

  it("an empty path is the value itself; an invalid path is an error, not a throw", () => {
    expect(getPath(3, "")).toEqual({ found: true, value: 3 });
    expect(getPath(request, "body..x").error).toMatch(/invalid path "body\.\.x" at character 6: expected a field name/);
    expect(getPath(request, "body[x]").error).toMatch(/expected an index/);
    expect(getPath(request, 'body["open').error).toMatch(/unterminated quoted key/);
  });

  it("parses $-prefixed names as plain keys", () => {
    expect(parsePath("$collection")).toEqual({ segments: ["$collection"] });
    expect(parsePath('a[0]["b.c"].d')).toEqual({ segments: ["a", 0, "b.c", "d"] });
  });
});
