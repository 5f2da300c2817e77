import { describe, expect, it } from "vitest";
import { TABLE_END, TABLE_START, renderBenchTable, replaceBenchTable, type BenchSummary } from "./bench-readme";

const summary: BenchSummary = {
  startedAt: "2026-12-02T05:00:00.000Z",
  commit: "abc1234",
  machine: { cores: 2, node: "v20.20.2", loadAverage: [1.234, 0.5, 0.25] },
  measures: [
    { part: "diff", measure: "20 edits | vs diffWords", ratio: { median: 0.03, min: 0.02, max: 0.05 }, target: "<= 0.1x", meetsTarget: true, detail: "3.7 ms" },
    { part: "read", measure: "page", ratio: { median: 0.12, min: 0.1, max: 0.2 }, target: ">= 0.9x", meetsTarget: false, detail: "1,130 req/s\nvs 9,425" },
    { part: "memory", measure: "residue", ratio: null, target: "-", meetsTarget: null, detail: "" },
  ],
  missedTargets: ["page"],
  parts: [
    { part: "diff", status: "ok" },
    { part: "collab", status: "failed", reason: "did not finish within 420 s" },
  ],
};

describe("README performance table", () => {
  it("shows every measure with its ratio, target and verdict, escaping what would break the table", () => {
    const table = renderBenchTable(summary);
    expect(table).toContain("| diff | 20 edits \\| vs diffWords | 0.03x (0.02..0.05) | <= 0.1x | met | 3.7 ms |");
    expect(table).toContain("| read | page | 0.12x (0.1..0.2) | >= 0.9x | missed | 1,130 req/s vs 9,425 |");
    expect(table).toContain("| memory | residue | n/a | - | — |  |");
    expect(table).toContain("load average 1.2 0.5 0.3");
    expect(table).toContain("Part `collab` did not run (failed: did not finish within 420 s).");
  });

  it("takes each part's rows from the last run that has it, and names every run with its parts", () => {
    const later: BenchSummary = {
      ...summary,
      startedAt: "2026-12-03T09:00:00.000Z",
      commit: "def5678",
      measures: [{ part: "read", measure: "page", ratio: { median: 0.5, min: 0.4, max: 0.6 }, target: ">= 0.9x", meetsTarget: false, detail: "newer" }],
      parts: [{ part: "read", status: "ok" }],
    };
    const table = renderBenchTable([summary, later]);
    expect(table).toContain("| read | page | 0.5x (0.4..0.6) | >= 0.9x | missed | newer |");
    expect(table).not.toContain("1,130 req/s");
    expect(table).toContain("| diff | 20 edits \\| vs diffWords |");
    expect(table).toContain("- Parts `read`: run 2026-12-03 (commit def5678");
    expect(table).toMatch(/- Parts `diff`, `collab`, `memory`: run 2026-12-02 \(commit abc1234/);
  });

  it("replaces only what lies between the markers", () => {
    const readme = `# Title\n\nbefore\n${TABLE_START}\nold table\n${TABLE_END}\nafter\n`;
    const updated = replaceBenchTable(readme, "new table");
    expect(updated).toBe(`# Title\n\nbefore\n${TABLE_START}\nnew table\n${TABLE_END}\nafter\n`);
    expect(replaceBenchTable(updated, "new table")).toBe(updated);
  });

  it("refuses a README without exactly one pair of markers", () => {
    expect(() => replaceBenchTable("no markers", "t")).toThrow(/needs one/);
    expect(() => replaceBenchTable(`${TABLE_END}${TABLE_START}`, "t")).toThrow(/needs one/);
    expect(() => replaceBenchTable(`${TABLE_START}${TABLE_END}${TABLE_START}${TABLE_END}`, "t")).toThrow(/needs one/);
  });
});
