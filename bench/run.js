// Runs every benchmark against the built package (dist/) and prints one table each.
// Usage: npm run bench   (builds first). What each number means: bench/README.md.
import { performance } from "node:perf_hooks";
import { runEngineBenchmark } from "./engine.bench.js";
import { runParseBenchmark } from "./parse.bench.js";
import { runTwinsBenchmark } from "./twins.bench.js";
import { runScenariosBenchmark } from "./scenarios.bench.js";
import { runAgentCacheBenchmark } from "./agent-cache.bench.js";
import { runStoreBenchmark } from "./store.bench.js";
import { printReport } from "./report.js";

const started = performance.now();
console.log(`lightsout benchmarks: node ${process.version}, ${process.platform}/${process.arch}`);
const reports = [];
// A benchmark returns one report or several (twins: throughput, then snapshots).
for (const benchmark of [runEngineBenchmark, runParseBenchmark, runTwinsBenchmark, runScenariosBenchmark, runAgentCacheBenchmark, runStoreBenchmark]) reports.push(...[await benchmark()].flat());
printReport(reports);
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
