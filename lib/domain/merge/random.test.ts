import { describe, expect, it } from "vitest";
import { canonicalJson } from "../canonical";
import type { DocumentSnapshot } from "../document";
import { mergeDocuments } from "./index";
import { ScenarioGenerator, nonOverlappingScenario, overlappingScenario } from "./random-scenarios";
import { findBlock, sectionById, seededRandom } from "./test-support";

/** Rounds per property: enough to meet every kind of edit many times, and a few seconds on two cores. */
const ROUNDS = 200;
const SEEDS = [1, 2, 3];

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

describe("mergeDocuments on random edits (seeded)", () => {
  it.each(SEEDS)("combines non-overlapping edits of both sides into exactly both sets of changes (seed %i)", (seed) => {
    const generator = new ScenarioGenerator(seededRandom(seed));
    for (let round = 0; round < ROUNDS; round += 1) {
      const scenario = nonOverlappingScenario(generator);
      const result = mergeDocuments(scenario.base, scenario.head, scenario.proposal);
      expect(result.conflicts, `round ${round}`).toEqual([]);
      expect(canonicalJson(result.merged), `round ${round}`).toBe(canonicalJson(scenario.expected));
    }
  });

  it.each(SEEDS)("combines them just as well with the sides swapped (seed %i)", (seed) => {
    const generator = new ScenarioGenerator(seededRandom(seed * 1_000));
    for (let round = 0; round < ROUNDS; round += 1) {
      const scenario = nonOverlappingScenario(generator);
      const swapped = mergeDocuments(scenario.base, scenario.proposal, scenario.head);
      expect(swapped.conflicts, `round ${round}`).toEqual([]);
      expect(canonicalJson(swapped.merged), `round ${round}`).toBe(canonicalJson(scenario.expectedSwapped));
    }
  });

  it.each(SEEDS)("turns every overlapping edit into a conflict unless both sides made it identically (seed %i)", (seed) => {
    const generator = new ScenarioGenerator(seededRandom(seed * 7_919));
    for (let round = 0; round < ROUNDS; round += 1) {
      const { base, head, proposal, targets } = overlappingScenario(generator);
      const result = mergeDocuments(base, head, proposal);
      for (const target of targets) {
        const conflicts = result.conflicts.filter(
          (conflict) => conflict.sectionId === target.sectionId && conflict.blockId === target.blockId,
        );
        if (!target.identical) {
          expect(conflicts, `round ${round}, ${target.sectionId}/${target.blockId}`).toHaveLength(1);
          continue;
        }
        expect(conflicts, `round ${round}`).toEqual([]);
        const version = (snapshot: DocumentSnapshot) =>
          target.blockId === null ? sectionById(snapshot, target.sectionId).title : findBlock(snapshot, target.blockId);
        expect(same(version(result.merged), version(head)), `round ${round}`).toBe(true);
      }
      expect(result.conflicts.length, `round ${round}`).toBe(targets.filter((target) => !target.identical).length);
    }
  });

  it.each(SEEDS)("gives x back for merge(base, base, x), merge(base, x, base) and merge(base, x, x) (seed %i)", (seed) => {
    const generator = new ScenarioGenerator(seededRandom(seed * 104_729));
    for (let round = 0; round < ROUNDS; round += 1) {
      const { base, expected: changed } = nonOverlappingScenario(generator);
      for (const [head, proposal] of [
        [base, changed],
        [changed, base],
        [changed, changed],
      ]) {
        const result = mergeDocuments(base, head, proposal);
        expect(result.conflicts, `round ${round}`).toEqual([]);
        expect(canonicalJson(result.merged), `round ${round}`).toBe(canonicalJson(changed));
      }
    }
  });
});
