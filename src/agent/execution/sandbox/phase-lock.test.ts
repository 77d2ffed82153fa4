import { describe, expect, it } from "vitest";
import { PhaseLock } from "./phase-lock.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("PhaseLock", () => {
  it("runs work of one phase together, and the other phase only after it ends", async () => {
    const lock = new PhaseLock();
    const log: string[] = [];
    const command = deferred();
    const first = lock.run("commands", async () => {
      log.push("command start");
      await command.promise;
      log.push("command end");
    });
    const second = lock.run("commands", async () => log.push("second command"));
    const file = lock.run("files", async () => log.push("file"));
    await second;
    expect(log).toEqual(["command start", "second command"]);
    command.resolve();
    await Promise.all([first, file]);
    expect(log).toEqual(["command start", "second command", "command end", "file"]);
  });

  it("lets a waiting phase go first, so a stream of commands cannot starve file operations", async () => {
    const lock = new PhaseLock();
    const log: string[] = [];
    const command = deferred();
    const first = lock.run("commands", () => command.promise.then(() => log.push("command 1")));
    const file = lock.run("files", async () => log.push("file"));
    const later = lock.run("commands", async () => log.push("command 2"));
    command.resolve();
    await Promise.all([first, file, later]);
    expect(log).toEqual(["command 1", "file", "command 2"]);
  });

  it("releases the lock when the work throws", async () => {
    const lock = new PhaseLock();
    await expect(lock.run("commands", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(lock.run("files", async () => "ran")).resolves.toBe("ran");
  });
});
