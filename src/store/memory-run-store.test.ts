import { expect, test } from "vitest";
import { runStoreContract } from "../testing/run-store-contract.js";
import { createMemoryRunStore } from "./memory-run-store.js";

runStoreContract("memory", async () => {
  const store = createMemoryRunStore();
  return { store, cleanup: () => store.close() };
});

test("records appended without `at` take the injected clock's time", async () => {
  const store = createMemoryRunStore({ clock: () => 42 });
  expect((await store.append({ runId: "r", type: "run", payload: {} })).at).toBe(42);
});

test("a closed store refuses work with a STORE error", async () => {
  const store = createMemoryRunStore();
  await store.close();
  await expect(store.append({ runId: "r", type: "run", payload: {} })).rejects.toMatchObject({ code: "STORE", message: "the run store is closed" });
});
