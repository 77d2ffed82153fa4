import { describe, expect, it } from "vitest";
import { compareRunReports } from "./compare-reports.js";
import { toHtmlReport } from "./html-report.js";
import { buildRunReport } from "./run-report.js";
import { sampleRun, sampleScenario, sampleStep, sampleTrajectory } from "./sample-run.fixture.js";

const hostileTitle = `Checkout <script>alert("pwned")</script>`;
const baseRun = sampleRun([sampleScenario("checkout-flow", "ppppp", { title: hostileTitle, mustPass: true }), sampleScenario("search", "ppfpx")], { runId: "A" });
const baseline = buildRunReport(baseRun, { threshold: 0.6 });
const current = buildRunReport(sampleRun([sampleScenario("checkout-flow", "pfppp", { title: hostileTitle, mustPass: true }), sampleScenario("search", "ppppp")], { runId: "B" }), {
  threshold: 0.6,
  baseline,
  leaks: [{ source: "workspace/<notes>.md", scenarioId: "search", kind: "canary" }],
});

/** Every `src=` and `href=` value in the page. */
function links(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]!);
}

describe("toHtmlReport", () => {
  it("is one self-contained page: no script, nothing fetched from the network", () => {
    const html = toHtmlReport(current);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(links(html).filter((link) => /^(https?:)?\/\//i.test(link))).toEqual([]);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'`);
    expect(html).toContain("<svg");
  });

  it("escapes text from the run, so a title cannot inject markup", () => {
    const html = toHtmlReport(current);
    expect(html).toContain("Checkout &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    expect(html).toContain("workspace/&lt;notes&gt;.md");
  });

  it("shows the headline, every scenario, attribution and the gate's reasons", () => {
    const html = toHtmlReport(current);
    expect(html).toContain("gate failed");
    expect(html).toContain(`satisfaction <strong>${current.satisfaction!.value.toFixed(3)}</strong>`);
    expect(html).toContain("smallest detectable drop");
    for (const id of ["checkout-flow", "search"]) expect(html).toContain(id);
    expect(html).toContain("★ must-pass");
    expect(html).toContain("noHoldoutLeaks");
    expect(html).toContain("Failed trials by attribution");
  });

  it("draws both runs side by side and highlights the newly failing scenario", () => {
    const fromBaseline = toHtmlReport(current);
    expect(fromBaseline).toContain("Comparison: <code>A</code> → <code>B</code>");
    expect(fromBaseline).toContain(`newly failing: <code class="newly-failing">checkout-flow</code>`);

    const comparison = compareRunReports(baseline, current, {
      loadTrajectory: (report) =>
        report.runId === "A" ? sampleTrajectory("checkout-flow", 101) : sampleTrajectory("checkout-flow", 101, { steps: [sampleStep(0, "create", { ok: false, outcome: { status: 502 } })] }),
    });
    const html = toHtmlReport(current, comparison);
    expect(html).toContain("first divergence at <strong>step 0 (create)</strong>");
    expect(html).toContain("&quot;status&quot;: 502");
  });

  it("says so plainly when nothing was judged", () => {
    const empty = buildRunReport(sampleRun([sampleScenario("a", "xx")]), { threshold: 0.5 });
    const html = toHtmlReport(empty);
    expect(html).toContain("satisfaction undefined: no trial was judged on the product");
    expect(html).toContain("no counted trial");
  });
});
