/**
 * Runs one part of the suite in a process of its own (started by run.ts with --expose-gc),
 * so that parts neither share a heap nor a database client, and a part that crashes or hangs
 * cannot take the others with it. Writes its outcome as JSON to the file it is given.
 *
 *   node --expose-gc --import tsx e2e/bench/part.ts <part> <result.json>
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Unavailable, errorText, formatRatio, row, type PartResult } from "./stats";

export const PARTS = ["diff", "read", "collab", "storage", "memory", "history"] as const;
/**
 * A collaboration benchmark that may live next to this suite (e2e/bench/collab-bench.ts),
 * kept by whoever wrote it; run as a part of its own when present.
 */
export const EXTERNAL_COLLAB_PART = "collab-bench";
export const EXTERNAL_COLLAB_FILE = "e2e/bench/collab-bench.ts";
export type PartName = (typeof PARTS)[number] | typeof EXTERNAL_COLLAB_PART;

export type PartOutcome =
  | { part: string; status: "ok"; seconds: number; result: PartResult }
  | { part: string; status: "unavailable" | "failed"; seconds: number; reason: string };

async function runPart(part: PartName): Promise<PartResult> {
  switch (part) {
    case "diff":
      return diffPart();
    case "read":
      return (await import("./read-bench")).runReadBench();
    case "collab":
      return (await import("./collab-fanout-bench")).runCollabFanoutBench();
    case "storage":
      return (await import("./storage-bench")).runStorageBench();
    case "memory":
      return (await import("./memory-bench")).runMemoryBench();
    case "history":
      return (await import("./history-bench")).runHistoryBench();
    case EXTERNAL_COLLAB_PART:
      return externalCollabPart();
  }
}

/** Calls the first exported function whose name starts with "run"; its result goes in the details. */
async function externalCollabPart(): Promise<PartResult> {
  // A computed specifier: the file may not exist, and then this part is never selected.
  const specifier = pathToFileURL(path.resolve(EXTERNAL_COLLAB_FILE)).href;
  const module = (await import(specifier)) as Record<string, unknown>;
  const entry = Object.entries(module).find(([name, value]) => name.startsWith("run") && typeof value === "function");
  if (!entry) throw new Unavailable(`${EXTERNAL_COLLAB_FILE} exports no run function`);
  const result = await (entry[1] as () => unknown)();
  if (isPartResult(result)) return result;
  return { rows: [], notes: [`${EXTERNAL_COLLAB_FILE}: ${entry[0]}() ran; its figures are in the details`], details: { result } };
}

function isPartResult(value: unknown): value is PartResult {
  return typeof value === "object" && value !== null && Array.isArray((value as PartResult).rows) && Array.isArray((value as PartResult).notes);
}

interface DiffScenario {
  name: string;
  oursMs: { median: number; min: number; max: number };
  anchorMs: { median: number } | null;
  ratio: { median: number; min: number; max: number } | null;
  anchorGaveUpAfterMs: number | null;
  ratioUpperBound: number | null;
}

/** The diff benchmark as table lines: ratio <= 0.1x and never over 1 s. */
async function diffPart(): Promise<PartResult> {
  const { runDiffBench } = await import("./diff-bench");
  const result = (await runDiffBench()) as { noiseFloor: PartResult["rows"][number]["noise"]; scenarios: DiffScenario[]; slowestOursMs: number };
  const rows = result.scenarios.map((scenario) => {
    const gaveUp = scenario.anchorGaveUpAfterMs !== null;
    const ratio = gaveUp ? null : scenario.ratio;
    return row({
      measure: `diff: ${scenario.name}`,
      ratio,
      noise: result.noiseFloor,
      target: "<= 0.1x, < 1 s",
      meets: (median) => median <= 0.1 && scenario.oursMs.max < 1_000,
      detail: gaveUp
        ? `ours ${scenario.oursMs.median} ms (max ${scenario.oursMs.max}); anchor gave up after ${scenario.anchorGaveUpAfterMs} ms, ratio below ${scenario.ratioUpperBound}x`
        : `ours ${scenario.oursMs.median} ms (max ${scenario.oursMs.max}) vs diffWords ${scenario.anchorMs?.median} ms; ${formatRatio(scenario.ratio)}`,
    });
  });
  for (const line of rows) {
    // A ratio below an upper bound well under the target meets it, though no median exists.
    const scenario = result.scenarios.find((candidate) => `diff: ${candidate.name}` === line.measure);
    if (line.ratio === null && scenario?.ratioUpperBound !== null && scenario?.ratioUpperBound !== undefined) {
      line.meetsTarget = scenario.ratioUpperBound <= 0.1 && scenario.oursMs.max < 1_000;
    }
  }
  return { rows, notes: [`slowest single comparison of ours: ${result.slowestOursMs} ms (ceiling 1000 ms)`], details: result as unknown as Record<string, unknown> };
}

async function main(): Promise<void> {
  const [part, resultFile] = process.argv.slice(2);
  if (!([...PARTS, EXTERNAL_COLLAB_PART] as string[]).includes(part) || !resultFile) {
    console.error(`usage: part.ts <${PARTS.join("|")}> <result.json>`);
    process.exit(2);
  }
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  let outcome: PartOutcome;
  try {
    outcome = { part, status: "ok", seconds: 0, result: await runPart(part as PartName) };
  } catch (error) {
    const unavailable = error instanceof Unavailable;
    if (!unavailable) console.error(error);
    outcome = { part, status: unavailable ? "unavailable" : "failed", seconds: 0, reason: errorText(error) };
  }
  outcome.seconds = seconds();
  fs.writeFileSync(resultFile, JSON.stringify(outcome));
  // Database clients and sockets may keep the loop alive; everything was stopped above.
  process.exit(outcome.status === "failed" ? 1 : 0);
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(entry).href;
}

if (invokedDirectly()) void main();
