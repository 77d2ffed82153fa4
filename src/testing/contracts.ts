/**
 * `lightsout/testing/contracts`: the contract suites an implementation of a Lightsout interface
 * must pass (DESIGN.md: one contract suite per interface). Kept apart from `lightsout/testing`
 * because these define vitest tests and import vitest, a dev dependency the fakes do not need.
 */
export { runStoreContract, type RunStoreFixture, type RunStoreContractOptions } from "./run-store-contract.js";
