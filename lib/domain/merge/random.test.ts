import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical";
import type { DocumentSnapshot } from "../document";
import { choiceTape, randomFromTape } from "../fixtures/choice-tape";
import { mergeDocuments } from "./index";
import { ScenarioGenerator, nonOverlappingScenario, overlappingScenario } from "./random-scenarios";
import { findBlock, sectionById } from "./test-support";

/**
 * Runs per property: enough to meet every kind of edit many times, and a few seconds on two
 * cores. Fixed seeds keep every run the same; a failure is shrunk by fast-check to the fewest
 * and simplest edits that still fail, and printed with the seed and path that replay it.
 */
const RUNS = 600;
const SEEDS = { nonOverlapping: 1, swapped: 2, overlapping: 3, identities: 4 } as const;

function scenarioProperty(seed: number, check: (generator: ScenarioGenerator) => void): void {
  fc.assert(
    fc.property(choiceTape(), (tape) => check(new ScenarioGenerator(randomFromTape(tape)))),
    { seed, numRuns: RUNS },
  );
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

describe("mergeDocuments on random edits (fast-check, fixed seeds)", () => {
  it("combines non-overlapping edits of both sides into exactly both sets of changes", () => {
    scenarioProperty(SEEDS.nonOverlapping, (generator) => {
      const scenario = nonOverlappingScenario(generator);
      const result = mergeDocuments(scenario.base, scenario.head, scenario.proposal);
      expect(result.conflicts).toEqual([]);
      expect(canonicalJson(result.merged)).toBe(canonicalJson(scenario.expected));
    });
  });

  it("combines them just as well with the sides swapped", () => {
    scenarioProperty(SEEDS.swapped, (generator) => {
      const scenario = nonOverlappingScenario(generator);
      const swapped = mergeDocuments(scenario.base, scenario.proposal, scenario.head);
      expect(swapped.conflicts).toEqual([]);
      expect(canonicalJson(swapped.merged)).toBe(canonicalJson(scenario.expectedSwapped));
    });
  });

  it("turns every overlapping edit into a conflict unless both sides made it identically", () => {
    scenarioProperty(SEEDS.overlapping, (generator) => {
      const { base, head, proposal, targets } = overlappingScenario(generator);
      const result = mergeDocuments(base, head, proposal);
      for (const target of targets) {
        const conflicts = result.conflicts.filter(
          (conflict) => conflict.sectionId === target.sectionId && conflict.blockId === target.blockId,
        );
        if (!target.identical) {
          expect(conflicts, `${target.sectionId}/${target.blockId}`).toHaveLength(1);
          continue;
        }
        expect(conflicts).toEqual([]);
        const version = (snapshot: DocumentSnapshot) =>
          target.blockId === null ? sectionById(snapshot, target.sectionId).title : findBlock(snapshot, target.blockId);
        expect(same(version(result.merged), version(head))).toBe(true);
      }
      expect(result.conflicts.length).toBe(targets.filter((target) => !target.identical).length);
    });
  });

  it("gives x back for merge(base, base, x), merge(base, x, base) and merge(base, x, x)", () => {
    scenarioProperty(SEEDS.identities, (generator) => {
      const { base, expected: changed } = nonOverlappingScenario(generator);
      for (const [head, proposal] of [
        [base, changed],
        [changed, base],
        [changed, changed],
      ]) {
        const result = mergeDocuments(base, head, proposal);
        expect(result.conflicts).toEqual([]);
        expect(canonicalJson(result.merged)).toBe(canonicalJson(changed));
      }
    });
  });
});
