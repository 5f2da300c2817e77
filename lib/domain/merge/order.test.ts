import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choiceTape, randomFromTape } from "../fixtures/choice-tape";
import { mergeOrder, mergeSharedOrder } from "./order";

/** Runs per property: many of each kind of edit, well under a second. */
const PROPERTY_RUNS = 300;

const keys = (value: string) => value.split("");

function shared(base: string, head: string, proposal: string): string | null {
  return mergeSharedOrder({ base: keys(base), head: keys(head), proposal: keys(proposal) })?.join("") ?? null;
}

describe("mergeSharedOrder", () => {
  it("takes the side that reordered when the other kept the base order", () => {
    expect(shared("abcd", "abcd", "dabc")).toBe("dabc");
    expect(shared("abcd", "bacd", "abcd")).toBe("bacd");
  });

  it("combines moves of different items on both sides", () => {
    expect(shared("abcdef", "bacdef", "abcdfe")).toBe("bacdfe");
  });

  it("combines two moves of the same item when one place honours both", () => {
    expect(shared("abc", "bca", "bac")).toBe("bca");
  });

  it("returns null when the pairwise decisions form a cycle", () => {
    expect(shared("abcd", "badc", "acbd")).toBeNull();
  });

  it("keeps every relative-order change either side made (fast-check, fixed seed)", () => {
    // fast-check over a tape of choices: a failure shrinks to the simplest edits that fail.
    fc.assert(
      fc.property(choiceTape(), (tape) => {
        const random = randomFromTape(tape);
        const base = Array.from({ length: 2 + Math.floor(random() * 8) }, (_, index) => `k${index}`);
        const head = maybeShuffle(random, base);
        const proposal = maybeShuffle(random, base);
        const merged = mergeSharedOrder({ base, head, proposal });
        if (merged === null) return;
        const at = (order: readonly string[], key: string) => order.indexOf(key);
        for (const first of base) {
          for (const second of base) {
            if (first === second) continue;
            const before = (order: readonly string[]) => at(order, first) < at(order, second);
            if (before(head) !== before(base)) expect(before(merged)).toBe(before(head));
            if (before(proposal) !== before(base)) expect(before(merged)).toBe(before(proposal));
            if (before(head) === before(base) && before(proposal) === before(base)) expect(before(merged)).toBe(before(base));
          }
        }
      }),
      { seed: 99, numRuns: PROPERTY_RUNS },
    );
  });
});

describe("mergeOrder", () => {
  const noConflict = () => {
    throw new Error("unexpected order conflict");
  };

  it("places items one side added right after the item they follow on that side", () => {
    const order = mergeOrder(
      { base: keys("abc"), head: keys("aXbc"), proposal: keys("abcY"), surviving: new Set(keys("abcXY")) },
      noConflict,
    );
    expect(order.join("")).toBe("aXbcY");
  });

  it("puts the proposal's additions right after the item they follow, before head's additions there", () => {
    const order = mergeOrder(
      { base: keys("ab"), head: keys("aXb"), proposal: keys("aYZb"), surviving: new Set(keys("abXYZ")) },
      noConflict,
    );
    expect(order.join("")).toBe("aYZXb");
  });

  it("attaches an addition to the nearest surviving item before it", () => {
    const order = mergeOrder(
      { base: keys("abc"), head: keys("ac"), proposal: keys("abYc"), surviving: new Set(keys("acY")) },
      noConflict,
    );
    expect(order.join("")).toBe("aYc");
  });

  it("places an addition at the start when nothing before it survives", () => {
    const order = mergeOrder(
      { base: keys("abc"), head: keys("bc"), proposal: keys("aYbc"), surviving: new Set(keys("bcY")) },
      noConflict,
    );
    expect(order.join("")).toBe("Ybc");
  });

  it("asks for a decision on incompatible reorders and uses the order it gets", () => {
    const order = mergeOrder(
      { base: keys("abcd"), head: keys("badc"), proposal: keys("acbdX"), surviving: new Set(keys("abcdX")) },
      (orders) => {
        expect(orders).toEqual({ base: keys("abcd"), head: keys("badc"), proposal: keys("acbd") });
        return orders.head;
      },
    );
    expect(order.join("")).toBe("badXc");
  });
});

function maybeShuffle(random: () => number, items: readonly string[]): string[] {
  const result = [...items];
  if (random() < 0.3) return result;
  const moves = 1 + Math.floor(random() * 2);
  for (let move = 0; move < moves; move += 1) {
    const [item] = result.splice(Math.floor(random() * result.length), 1);
    result.splice(Math.floor(random() * (result.length + 1)), 0, item);
  }
  return result;
}
