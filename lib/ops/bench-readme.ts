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

function runLine(summary: BenchSummary, parts: string | null): string {
  const load = summary.machine.loadAverage.map((value) => value.toFixed(1)).join(" ");
  const what = parts === null ? "Last run" : `Parts ${parts}: run`;
  return `${what} ${summary.startedAt.slice(0, 10)} (commit ${summary.commit ?? "unknown"}, ${summary.machine.cores} cores, Node ${summary.machine.node}, load average ${load})`;
}

/**
 * The table from one run, or from several (`npm run bench:readme -- a.json b.json`): each part's
 * rows come from the last run that has that part, and each run is named with its parts.
 */
export function renderBenchTable(input: BenchSummary | readonly BenchSummary[]): string {
  const summaries = Array.isArray(input) ? (input as readonly BenchSummary[]) : [input as BenchSummary];
  const owner = new Map<string, number>();
  summaries.forEach((summary, index) => {
    for (const part of summary.parts) owner.set(part.part, index);
    for (const measure of summary.measures) if (!summary.parts.some((part) => part.part === measure.part)) owner.set(measure.part, index);
  });
  const partsOf = (index: number) => [...owner.entries()].filter(([, run]) => run === index).map(([part]) => part);
  const used = summaries.map((_, index) => index).filter((index) => partsOf(index).length > 0);
  const heading =
    used.length <= 1
      ? [`${runLine(summaries[used[0] ?? 0], null)}:`]
      : used.map((index) => `- ${runLine(summaries[index], partsOf(index).map((part) => `\`${part}\``).join(", "))}`);
  const measures = summaries.flatMap((summary, index) => summary.measures.filter((measure) => owner.get(measure.part) === index));
  const lines = [
    ...heading,
    "",
    "| part | measure | ratio (median, min..max) | target | | figures |",
    "|---|---|---|---|---|---|",
    ...measures.map((measure) =>
      `| ${cell(measure.part)} | ${cell(measure.measure)} | ${ratioText(measure.ratio)} | ${cell(measure.target)} | ${verdict(measure)} | ${cell(measure.detail)} |`,
    ),
  ];
  const failed = summaries.flatMap((summary, index) => summary.parts.filter((part) => part.status !== "ok" && owner.get(part.part) === index));
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

function readSummary(file: string): BenchSummary {
  if (!fs.existsSync(file)) {
    console.error(`${file} is missing: run npm run bench first`);
    process.exit(1);
  }
  const summary = JSON.parse(fs.readFileSync(file, "utf8")) as BenchSummary;
  if (!Array.isArray(summary.measures)) {
    console.error(`${file} has no measures: it was written by an older bench; run npm run bench again`);
    process.exit(1);
  }
  return summary;
}

/** `npm run bench:readme` (the last run) or `npm run bench:readme -- run-1.json run-2.json` (runs of different parts). */
function main(): void {
  const root = process.cwd();
  const files = process.argv.slice(2).filter((arg) => arg !== "--");
  const summaries = (files.length > 0 ? files.map((file) => path.resolve(file)) : [path.join(root, RESULTS_FILE)]).map(readSummary);
  const readmePath = path.join(root, "README.md");
  fs.writeFileSync(readmePath, replaceBenchTable(fs.readFileSync(readmePath, "utf8"), renderBenchTable(summaries)));
  const measures = summaries.reduce((total, summary) => total + summary.measures.length, 0);
  console.log(`README.md: performance table rewritten from ${files.length > 0 ? files.join(", ") : RESULTS_FILE} (${measures} measures)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
