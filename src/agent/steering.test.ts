import { describe, expect, it } from "vitest";
import { MessageQueue } from "./steering.js";

describe("MessageQueue", () => {
  it("is first in, first out, and drain empties it in order", () => {
    const queue = new MessageQueue();
    queue.enqueue("a");
    queue.enqueue("b");
    queue.enqueue("c");
    expect(queue.dequeue()).toBe("a");
    expect(queue.size).toBe(2);
    expect(queue.drain()).toEqual(["b", "c"]);
    expect(queue.dequeue()).toBeUndefined();
  });
});
