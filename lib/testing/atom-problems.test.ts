import { describe, expect, it } from "vitest";
import { atomProblems } from "./atom-problems";
import { sampleAtomEntry as entry, sampleAtomFeed as feed } from "../domain/fixtures/atom-feed";

describe("the Atom validator of the tests, on the one Atom builder", () => {
  it("are valid Atom to a strict XML parser and the RFC's required elements, even from hostile stored text", () => {
    const hostile = entry({ title: "a\u0000b <c> & \uFFFE\uD800 ]]> d", summary: "\u001F<script>", details: ["\u0008x & y"], authorName: "A & B \u0001" });
    expect(atomProblems(feed([hostile, entry()]))).toEqual([]);
    expect(atomProblems(feed([]))).toEqual([]);
  });

  it("has a validator that finds what it checks for", () => {
    expect(atomProblems("<feed><id>a &  b</id></feed>").length).toBeGreaterThan(0);
    const valid = feed([entry()]);
    expect(atomProblems(valid.replace(/ {2}<author><name>[^<]*<\/name><\/author>\n/g, ""))).toEqual(["entry 1 has no author, nor has the feed"]);
    expect(atomProblems(valid.replace("<updated>2026-03-01T02:03:04.000Z</updated>", "<updated>1 March</updated>"))).toContain('feed: updated "1 March" is not RFC 3339');
  });
});
