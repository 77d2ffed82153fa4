import { describe, expect, it } from "vitest";
import { Args } from "./args.js";
import { readContent } from "./message-content.js";

const form = (fields: Record<string, string>) => new Args(fields);

describe("message content", () => {
  it("takes Block Kit as given, JSON-encoded (form) or as values (JSON)", () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*hi*" }, accessory: { type: "button", action_id: "go" } }];
    expect(readContent(form({ text: "hi", blocks: JSON.stringify(blocks) }))).toEqual({ text: "hi", blocks });
    expect(readContent(new Args({ blocks }))).toEqual({ blocks });
  });

  it("refuses what Slack refuses, with its codes", () => {
    expect(readContent(form({}))).toEqual({ ok: false, error: "no_text" });
    expect(readContent(form({ blocks: "[{" }))).toEqual({ ok: false, error: "invalid_blocks_format" });
    expect(readContent(form({ blocks: '{"type":"section"}' }))).toEqual({ ok: false, error: "invalid_blocks_format" });
    expect(readContent(form({ blocks: '[{"text":"no type"}]' }))).toEqual({ ok: false, error: "invalid_blocks" });
    expect(readContent(form({ blocks: JSON.stringify(Array.from({ length: 51 }, () => ({ type: "divider" }))) }))).toEqual({ ok: false, error: "invalid_blocks" });
    expect(readContent(form({ text: "x".repeat(40_001) }))).toEqual({ ok: false, error: "msg_too_long" });
    expect(readContent(form({ text: "a", markdown_text: "**a**" }))).toEqual({ ok: false, error: "markdown_text_conflict" });
    expect(readContent(form({ text: "a", metadata: '{"event_type":"x"}' }))).toEqual({ ok: false, error: "invalid_metadata_format" });
  });

  it("numbers legacy attachments from 1, as Slack stores them", () => {
    expect(readContent(form({ attachments: '[{"text":"a"},{"text":"b"}]' }))).toEqual({ attachments: [{ id: 1, text: "a" }, { id: 2, text: "b" }] });
  });

  it("reads form strings as Slack does: booleans, integers, lists", () => {
    const args = form({ inclusive: "true", limit: "20", users: "U1, U2,", flag: "0", junk: "abc" });
    expect(args.boolean("inclusive")).toBe(true);
    expect(args.boolean("flag")).toBe(false);
    expect(args.integer("limit")).toBe(20);
    expect(args.integer("junk")).toBeNaN();
    expect(args.list("users")).toEqual(["U1", "U2"]);
  });
});
