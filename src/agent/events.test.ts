import { describe, expect, it } from "vitest";
import { EventHub, type SessionEvent } from "./events.js";

describe("EventHub", () => {
  it("stamps events with the session id and clock, and a throwing listener does not stop delivery", () => {
    const hub = new EventHub("s1", () => 42);
    const seen: SessionEvent[] = [];
    hub.on(() => {
      throw new Error("host bug");
    });
    hub.on((event) => seen.push(event));
    hub.emit({ kind: "user-input", content: "hi" });
    expect(seen).toEqual([{ kind: "user-input", content: "hi", sessionId: "s1", timestamp: 42 }]);
  });

  it("iterators replay from the start, wait for more, and finish after this session's session-end (not a forwarded child's)", async () => {
    const hub = new EventHub("parent", () => 0);
    hub.emit({ kind: "session-start", model: "m", provider: "p", depth: 0 });
    const kinds: string[] = [];
    const reading = (async () => {
      for await (const event of hub.iterate()) kinds.push(`${event.sessionId}:${event.kind}`);
    })();
    await Promise.resolve();
    hub.forward({ kind: "session-end", state: "closed", reason: "closed", sessionId: "child", timestamp: 0 });
    hub.emit({ kind: "session-end", state: "closed", reason: "closed" });
    hub.emit({ kind: "user-input", content: "after the end is dropped" });
    await reading;
    expect(kinds).toEqual(["parent:session-start", "child:session-end", "parent:session-end"]);
    expect(hub.history()).toHaveLength(3);
  });
});
