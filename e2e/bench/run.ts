/**
 * `npm run bench`: the performance suite of docs/performance guidance. Every line is a ratio
 * against an anchor measured in the same run, A B A B over several rounds, as a median with
 * its min and max, next to a noise floor (the anchor against itself). Benchmarks print
 * figures; they never fail on speed: the exit code is 0 unless a part crashed.
 *
 *   npm run bench                    every part
 *   npm run bench -- diff read       some parts (diff, read, collab, storage, memory, history)
 *   npm run bench -- --json          the same, with progress and the table on stderr and only the
 *                                    JSON summary on stdout (for programs, and `npm run bench:readme`)
 *
 * Each part runs in a process of its own with --expose-gc, under a time limit. The table is
 * printed at the end, then one JSON object with every figure (also written to
 * bench-results/latest.json).
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT, exitOf, tsxArgs } from "./bench-env";
import { EXTERNAL_COLLAB_FILE, EXTERNAL_COLLAB_PART, PARTS, type PartOutcome } from "./part";
import type { BenchRow, Spread } from "./stats";

/** Generous limits per part (seconds); together well above the suite's ~5 minutes. */
const PART_TIMEOUT_SECONDS: Record<string, number> = {
  diff: 240,
  read: 420,
  collab: 420,
  storage: 180,
  memory: 180,
  history: 1_800,
  [EXTERNAL_COLLAB_PART]: 300,
};
const RESULTS_FILE = "bench-results/latest.json";
const JSON_FLAG = "--json";

let say: (text: string) => void = (text) => process.stdout.write(`${text}\n`);
/** Where a part's own progress lines go: our stdout, or stderr when stdout is reserved for JSON. */
let partOutput: "inherit" | "stderr" = "inherit";

interface TableLine extends BenchRow {
  part: string;
}

async function main(): Promise<void> {
  const available: string[] = [...PARTS];
  if (fs.existsSync(path.join(PROJECT_ROOT, EXTERNAL_COLLAB_FILE))) available.push(EXTERNAL_COLLAB_PART);
  const args = process.argv.slice(2).filter((arg) => arg !== "--");
  const jsonOnly = args.includes(JSON_FLAG);
  // With --json, stdout carries one JSON object and nothing else; every human line goes to stderr.
  say = jsonOnly ? (text) => process.stderr.write(`${text}\n`) : (text) => process.stdout.write(`${text}\n`);
  partOutput = jsonOnly ? "stderr" : "inherit";
  const requested = args.filter((arg) => arg !== JSON_FLAG);
  const unknown = requested.filter((part) => !available.includes(part));
  if (unknown.length > 0) {
    console.error(`unknown part(s): ${unknown.join(", ")}; choose among ${available.join(", ")}`);
    process.exit(2);
  }
  const selected = requested.length > 0 ? available.filter((part) => requested.includes(part)) : available;

  const startedAt = new Date();
  const started = performance.now();
  say(
    `bench: ${selected.join(", ")} on ${os.cpus().length} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(" ")}`,
  );

  let interrupted = false;
  // Ctrl-C reaches the part too (same process group); it stops its own children and leaves.
  process.on("SIGINT", () => {
    interrupted = true;
  });

  const outcomes: PartOutcome[] = [];
  for (const part of selected) {
    if (interrupted) break;
    say(`\n=== ${part} ===`);
    const outcome = await runPart(part);
    outcomes.push(interrupted && outcome.status === "failed" ? { ...outcome, reason: `interrupted (${outcome.reason})` } : outcome);
  }

  const lines: TableLine[] = outcomes.flatMap((outcome) => (outcome.status === "ok" ? outcome.result.rows.map((line) => ({ part: outcome.part, ...line })) : []));
  say(`\n${table(lines, outcomes)}`);
  const notes = outcomes.flatMap((outcome) => (outcome.status === "ok" ? outcome.result.notes.map((note) => `${outcome.part}: ${note}`) : []));
  if (notes.length > 0) say(`\nnotes:\n${notes.map((note) => `  - ${note}`).join("\n")}`);

  const summary = {
    suite: "cam-nang-mo bench",
    startedAt: startedAt.toISOString(),
    seconds: Math.round((performance.now() - started) / 1000),
    interrupted,
    machine: { cores: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage: os.loadavg() },
    commit: gitCommit(),
    parts: outcomes.map((outcome) => ({ part: outcome.part, status: outcome.status, seconds: outcome.seconds, ...(outcome.status === "ok" ? {} : { reason: outcome.reason }) })),
    measures: lines,
    missedTargets: lines.filter((line) => line.meetsTarget === false).map((line) => line.measure),
    notes,
    details: Object.fromEntries(outcomes.map((outcome) => [outcome.part, outcome.status === "ok" ? outcome.result.details : null])),
  };
  fs.mkdirSync(path.dirname(path.join(PROJECT_ROOT, RESULTS_FILE)), { recursive: true });
  fs.writeFileSync(path.join(PROJECT_ROOT, RESULTS_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  say(`\nwritten to ${RESULTS_FILE}`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = outcomes.some((outcome) => outcome.status === "failed") ? 1 : 0;
}

async function runPart(part: string): Promise<PartOutcome> {
  const started = performance.now();
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "camnang-bench-part-")), "result.json");
  const child = spawn(process.execPath, tsxArgs("e2e/bench/part.ts", [part, resultFile]), { cwd: PROJECT_ROOT, stdio: partOutput === "inherit" ? "inherit" : ["inherit", process.stderr, process.stderr] });
  const limitSeconds = PART_TIMEOUT_SECONDS[part] ?? 300;
  let code = await exitOf(child, limitSeconds * 1000);
  let reason: string | null = null;
  if (code === null) {
    reason = `did not finish within ${limitSeconds} s`;
    // The part stops its own servers on SIGTERM; SIGKILL only if it does not leave.
    child.kill("SIGTERM");
    if ((await exitOf(child, 15_000)) === null) child.kill("SIGKILL");
    code = 1;
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  let outcome: PartOutcome | null = null;
  try {
    outcome = JSON.parse(fs.readFileSync(resultFile, "utf8")) as PartOutcome;
  } catch {
    // No result: the part crashed or was stopped before writing one.
  }
  fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
  if (outcome && reason === null) return { ...outcome, seconds };
  return { part, status: "failed", seconds, reason: reason ?? `exited with code ${code} without a result` };
}

function table(lines: TableLine[], outcomes: PartOutcome[]): string {
  const header = ["part", "measure", "ratio median (min..max)", "noise floor", "target", "ok?"];
  const body = lines.map((line) => [
    line.part,
    line.measure,
    formatCell(line.ratio),
    formatCell(line.noise),
    line.target,
    line.meetsTarget === null ? "-" : line.meetsTarget ? "yes" : "NO",
  ]);
  for (const outcome of outcomes) {
    if (outcome.status !== "ok") body.push([outcome.part, `${outcome.status}: ${outcome.reason}`, "", "", "", "-"]);
  }
  const widths = header.map((title, column) => Math.min(column === 1 ? 78 : 40, Math.max(title.length, ...body.map((cells) => cells[column].length))));
  const render = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(" | ").trimEnd();
  const details = lines.map((line) => `  ${line.measure}: ${line.detail}`);
  return [render(header), widths.map((width) => "-".repeat(width)).join("-+-"), ...body.map(render), "", "figures:", ...details].join("\n");
}

function formatCell(value: Spread | null): string {
  if (!value) return "n/a";
  return `${value.median}x (${value.min}..${value.max})`;
}

function gitCommit(): string | null {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return null;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
