/**
 * The direction of imports from DESIGN.md, enforced. `npm run lint` fails on any violation.
 *   cli, server -> factory -> spec, pipeline, agent, scenarios, store, cluster -> llm -> (nothing)
 *   twins import nothing else of the project; pipeline knows nothing of agents, twins or scenarios.
 */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
    {
      name: "twins-stand-alone",
      comment: "twins/ is a product of its own: it imports nothing else of the project",
      severity: "error",
      from: { path: layer("twins") },
      to: { path: "^src/", pathNot: layer("twins") },
    },
    {
      name: "pipeline-knows-no-domain",
      comment: "pipeline/ knows nothing of agents, twins, scenarios, the factory or the front ends",
      severity: "error",
      from: { path: layer("pipeline") },
      to: { path: "^src/(agent|twins|scenarios|factory|cli|server|spec|store|cluster|llm)/" },
    },
    {
      name: "stats-pure",
      comment: "scenarios/stats is pure functions: no I/O",
      severity: "error",
      from: { path: "^src/scenarios/stats" },
      to: { path: "^(node:)?(fs|net|http|https|child_process|fs/promises)$" },
    },
    {
      name: "library-never-imports-front-ends",
      comment: "cli/ and server/ only translate; nothing below them imports them",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(cli|server)/" },
      to: { path: "^src/(cli|server)/" },
    },
    {
      name: "only-factory-wires-the-domain",
      comment: "agent, scenarios, llm, store, spec do not import the factory",
      severity: "error",
      from: { path: "^src/(agent|scenarios|llm|store|spec|pipeline|cluster|testing)/" },
      to: { path: layer("factory") },
    },
    {
      name: "agent-never-sees-scenarios",
      comment: "the agent must not be able to reach holdout scenarios, not even through an import: only the factory passes it feedback",
      severity: "error",
      from: { path: layer("agent") },
      to: { path: "^src/(scenarios|factory|store)/" },
    },
    {
      name: "llm-is-a-leaf",
      comment: "llm/ depends on no other module of the project but the shared errors",
      severity: "error",
      from: { path: layer("llm") },
      to: { path: "^src/(agent|scenarios|factory|pipeline|spec|store|cluster|twins)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.test\\.ts$" },
  },
};
