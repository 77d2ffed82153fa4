import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { benjaminiHochberg } from "./benjamini-hochberg.js";
import { clopperPearson, clopperPearsonLower } from "./clopper-pearson.js";
import { satisfaction, type ScenarioTally } from "./satisfaction.js";

const tally = fc
  .record({ trials: fc.integer({ min: 1, max: 40 }), frac: fc.double({ min: 0, max: 1, noNaN: true }), weight: fc.double({ min: 0.1, max: 10, noNaN: true }) })
  .map(({ trials, frac, weight }) => ({ trials, satisfied: Math.round(frac * trials), weight }));
const suite = fc.array(tally, { minLength: 1, maxLength: 8 }).map((ts) => ts.map((t, i): ScenarioTally => ({ id: `s${i}`, ...t })));
const eps = 1e-12;

describe("properties", () => {
  it("the satisfaction intervals contain S and the one-sided bound is below S", () => {
    fc.assert(
      fc.property(suite, (ts) => {
        const s = satisfaction(ts);
        expect(s.interval.lower).toBeLessThanOrEqual(s.satisfaction + eps);
        expect(s.interval.upper).toBeGreaterThanOrEqual(s.satisfaction - eps);
        expect(s.lowerBound).toBeLessThanOrEqual(s.satisfaction + eps);
        expect(s.lowerBound).toBeGreaterThanOrEqual(s.interval.lower - eps); // one-sided is tighter
        expect(s.interval.lower).toBeGreaterThanOrEqual(0);
        expect(s.interval.upper).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("S and the lower bound do not decrease when one scenario gains a satisfied trial (equal weights and trials)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (k, fracs, pick) => {
          const ts = fracs.map((f, i) => ({ id: `s${i}`, trials: k, satisfied: Math.round(f * k) }));
          const i = pick % ts.length;
          if (ts[i]!.satisfied === k) return;
          const better = ts.map((t, j) => (j === i ? { ...t, satisfied: t.satisfied + 1 } : t));
          const a = satisfaction(ts);
          const b = satisfaction(better);
          expect(b.satisfaction).toBeGreaterThan(a.satisfaction);
          expect(b.lowerBound).toBeGreaterThanOrEqual(a.lowerBound - eps);
          expect(b.interval.upper).toBeGreaterThanOrEqual(a.interval.upper - eps);
        },
      ),
    );
  });

  it("Clopper-Pearson contains x/n and is monotone in x", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const x = Math.round(f * n);
        const ci = clopperPearson(x, n);
        expect(ci.lower).toBeLessThanOrEqual(x / n + eps);
        expect(ci.upper).toBeGreaterThanOrEqual(x / n - eps);
        expect(clopperPearsonLower(x, n)).toBeGreaterThanOrEqual(ci.lower - eps);
        if (x < n) {
          const next = clopperPearson(x + 1, n);
          expect(next.lower).toBeGreaterThan(ci.lower);
          expect(next.upper).toBeGreaterThanOrEqual(ci.upper);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("BH q-values are >= p-values, <= 1 and monotone in p", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        const qs = benjaminiHochberg(ps);
        ps.forEach((p, i) => {
          expect(qs[i]!).toBeGreaterThanOrEqual(p);
          expect(qs[i]!).toBeLessThanOrEqual(1);
        });
        for (let i = 0; i < ps.length; i++) {
          for (let j = 0; j < ps.length; j++) {
            if (ps[i]! <= ps[j]!) expect(qs[i]!).toBeLessThanOrEqual(qs[j]!);
          }
        }
      }),
    );
  });
});
