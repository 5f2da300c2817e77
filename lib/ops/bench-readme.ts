import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * `npm run bench:readme`: rewrites the README's performance table from the last
 * `npm run bench` (bench-results/latest.json), so the figures people read are the ones the
 * suite printed, never typed by hand.
 */

export const TABLE_START = "<!-- bench:table:start -->";
export const TABLE_END = "<!-- bench:table:end -->";
const RESULTS_FILE = "bench-results/latest.json";

interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface BenchMeasure {
  part: string;
  measure: string;
  ratio: Spread | null;
  target: string;
  meetsTarget: boolean | null;
  detail: string;
}

export interface BenchSummary {
  startedAt: string;
  commit: string | null;
  machine: { cores: number; node: string; loadAverage: number[] };
  measures: BenchMeasure[];
  missedTargets: string[];
  parts: { part: string; status: string; reason?: string }[];
}

/** A table cell may not hold a pipe or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function verdict(measure: BenchMeasure): string {
  if (measure.meetsTarget === null) return "—";
  return measure.meetsTarget ? "met" : "missed";
}

function ratioText(ratio: Spread | null): string {
  return ratio ? `${ratio.median}x (${ratio.min}..${ratio.max})` : "n/a";
}

export function renderBenchTable(summary: BenchSummary): string {
  const load = summary.machine.loadAverage.map((value) => value.toFixed(1)).join(" ");
  const lines = [
    `Last run ${summary.startedAt.slice(0, 10)} (commit ${summary.commit ?? "unknown"}, ${summary.machine.cores} cores, Node ${summary.machine.node}, load average ${load}):`,
    "",
    "| part | measure | ratio (median, min..max) | target | | figures |",
    "|---|---|---|---|---|---|",
    ...summary.measures.map((measure) =>
      `| ${cell(measure.part)} | ${cell(measure.measure)} | ${ratioText(measure.ratio)} | ${cell(measure.target)} | ${verdict(measure)} | ${cell(measure.detail)} |`,
    ),
  ];
  const failed = summary.parts.filter((part) => part.status !== "ok");
  if (failed.length > 0) {
    lines.push("", ...failed.map((part) => `Part \`${part.part}\` did not run (${part.status}: ${part.reason ?? "no reason given"}).`));
  }
  return lines.join("\n");
}

/** Replaces what lies between the markers; refuses a README without exactly one pair. */
export function replaceBenchTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start || readme.indexOf(TABLE_START, start + 1) >= 0) {
    throw new Error(`README.md needs one ${TABLE_START} … ${TABLE_END} pair around the performance table`);
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

function main(): void {
  const root = process.cwd();
  const resultsPath = path.join(root, RESULTS_FILE);
  if (!fs.existsSync(resultsPath)) {
    console.error(`${RESULTS_FILE} is missing: run npm run bench first`);
    process.exit(1);
  }
  const summary = JSON.parse(fs.readFileSync(resultsPath, "utf8")) as BenchSummary;
  if (!Array.isArray(summary.measures)) {
    console.error(`${RESULTS_FILE} has no measures: it was written by an older bench; run npm run bench again`);
    process.exit(1);
  }
  const readmePath = path.join(root, "README.md");
  fs.writeFileSync(readmePath, replaceBenchTable(fs.readFileSync(readmePath, "utf8"), renderBenchTable(summary)));
  console.log(`README.md: performance table rewritten from ${RESULTS_FILE} (${summary.measures.length} measures, ${summary.missedTargets.length} missed)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
