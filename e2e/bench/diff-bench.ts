/**
 * Diff benchmark: our diffDocuments() against the anchor "naive diffWords over the full
 * text" (the `diff` package, which only benchmarks may import besides token-diff.ts), on a
 * generated 100k-word handbook with a fixed seed. It prints ratios measured in the same run,
 * A B A B over several rounds, with a noise floor; it never fails on a slow machine.
 *
 *   npx tsx --expose-gc e2e/bench/diff-bench.ts     (BENCH_ROUNDS=n to change the number of rounds)
 *
 * With --expose-gc every timed run starts from a collected heap, so neither side pays for
 * the other's garbage; without it the figures are noisier but still comparable.
 *
 * The last line printed is one JSON object with every figure.
 */
import { pathToFileURL } from "node:url";
import { diffWords } from "diff";
import { diffDocuments } from "../../lib/domain/diff";
import { plainText, type DocumentSnapshot } from "../../lib/domain/document";
import {
  generateLargeHandbook,
  withMovedBlocks,
  withMovedSection,
  withScatteredEdits,
} from "../../lib/domain/fixtures/large-handbook";
import { applyStructuralEdits } from "../../lib/domain/fixtures/structural-edits";
import { countWords } from "../../lib/domain/text";

/** The size the product promises to diff in tens of milliseconds. */
const HANDBOOK_WORDS = 100_000;
const HANDBOOK_SEED = 42;
const EDITS_SEED = 7;
const SCATTERED_EDITS = 20;
const MANY_EDITS = 500;
/** The share of paragraphs moved at which a naive word diff was seen not to finish in 20 s. */
const MOVED_BLOCKS_FRACTION = 0.1;
/** The share of paragraphs split or joined (half each), as an editor repairing a pasted chapter does. */
const REGROUPED_BLOCKS_FRACTION = 0.05;

/** Seven rounds give a median that one noisy round cannot move, in well under a minute. */
const DEFAULT_ROUNDS = 7;

/**
 * How long the anchor may run on one comparison. A naive word diff with a moved chapter can
 * run for minutes; ten seconds is thirty times its time on scattered edits, enough to say it
 * gave up rather than that it was slow.
 */
const ANCHOR_TIMEOUT_MS = 10_000;

/** The product's ceiling for any one comparison. */
const MAX_DIFF_MS = 1_000;

export interface DiffBenchOptions {
  rounds?: number;
  anchorTimeoutMs?: number;
  log?: (line: string) => void;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

interface ScenarioResult {
  name: string;
  oursMs: Spread;
  anchorMs: Spread | null;
  /** ours / anchor per round; null when the anchor gave up. */
  ratio: Spread | null;
  /** Set when the anchor gave up: the ratio is then below oursMs.max / anchorGaveUpAfterMs. */
  anchorGaveUpAfterMs: number | null;
  ratioUpperBound: number | null;
  blocksChanged: number;
  wordsAdded: number;
  wordsRemoved: number;
  blocksJoined: number;
  blocksSplit: number;
  blocksMoved: number;
}

export async function runDiffBench(options: DiffBenchOptions = {}): Promise<object> {
  const rounds = options.rounds ?? roundsFromEnvironment();
  const anchorTimeoutMs = options.anchorTimeoutMs ?? ANCHOR_TIMEOUT_MS;
  const log = options.log ?? ((line: string) => console.log(line));

  const handbook = generateLargeHandbook({ words: HANDBOOK_WORDS, seed: HANDBOOK_SEED });
  const handbookText = fullText(handbook);
  const words = countWords(handbookText);
  const blocks = handbook.sections.reduce((count, section) => count + section.content.content.length, 0);
  log(
    `diff bench: handbook of ${words} words, ${handbook.sections.length} sections, ${blocks} blocks (seed ${HANDBOOK_SEED}); ` +
      `${rounds} rounds, ours and anchor alternating; heap collected before each run: ${collectGarbage ? "yes" : "no (run with --expose-gc)"}`,
  );

  const scenarios: { name: string; after: DocumentSnapshot }[] = [
    { name: `scattered edits (${SCATTERED_EDITS})`, after: withScatteredEdits(handbook, { edits: SCATTERED_EDITS, seed: EDITS_SEED }) },
    { name: `many edits (${MANY_EDITS})`, after: withScatteredEdits(handbook, { edits: MANY_EDITS, seed: EDITS_SEED }) },
    { name: "moved section", after: withMovedSection(handbook) },
    {
      name: `moved paragraphs (${MOVED_BLOCKS_FRACTION * 100}% of blocks, within their sections)`,
      after: withMovedBlocks(handbook, { fraction: MOVED_BLOCKS_FRACTION, seed: EDITS_SEED }),
    },
    {
      name: `split and joined paragraphs (${REGROUPED_BLOCKS_FRACTION * 100}% of blocks)`,
      after: withSplitsAndJoins(handbook, blocks),
    },
  ];

  // One untimed round, so that no timed run pays for compilation (the anchor's code is the
  // same whatever the edits, and some edits make it run until its timeout).
  for (const scenario of scenarios) diffDocuments(handbook, scenario.after);
  diffWords(handbookText, fullText(scenarios[0].after), { timeout: anchorTimeoutMs });

  const noise = measureNoiseFloor(handbookText, fullText(scenarios[0].after), rounds, anchorTimeoutMs);
  log(`noise floor (anchor against itself, ${scenarios[0].name}): ${formatRatio(noise)}`);

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const result = measureScenario(scenario.name, handbook, handbookText, scenario.after, rounds, anchorTimeoutMs);
    results.push(result);
    log(describeResult(result));
  }

  const worstCase = rewrittenAndReordered(handbook);
  const worstMs: number[] = [];
  for (let round = 0; round < rounds; round++) worstMs.push(time(() => diffDocuments(handbook, worstCase)).ms);
  const worst = spread(worstMs);
  log(`worst case, ours only (every paragraph rewritten, sections and blocks reversed): ${formatMs(worst)}`);

  const slowestMs = Math.max(worst.max, ...results.map((result) => result.oursMs.max));
  log(`slowest single comparison of ours: ${slowestMs.toFixed(1)} ms (ceiling ${MAX_DIFF_MS} ms)`);

  return {
    bench: "diff",
    handbook: { words, sections: handbook.sections.length, blocks, seed: HANDBOOK_SEED },
    rounds,
    heapCollectedBeforeEachRun: collectGarbage !== undefined,
    anchor: "diffWords (diff package) over the full plain text",
    noiseFloor: noise,
    scenarios: results,
    worstCaseOursMs: worst,
    slowestOursMs: slowestMs,
    withinCeiling: slowestMs <= MAX_DIFF_MS,
  };
}

function measureNoiseFloor(before: string, after: string, rounds: number, timeoutMs: number): Spread {
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = time(() => diffWords(before, after, { timeout: timeoutMs })).ms;
    const second = time(() => diffWords(before, after, { timeout: timeoutMs })).ms;
    ratios.push(second / first);
  }
  return spread(ratios);
}

function measureScenario(
  name: string,
  before: DocumentSnapshot,
  beforeText: string,
  after: DocumentSnapshot,
  rounds: number,
  anchorTimeoutMs: number,
): ScenarioResult {
  const afterText = fullText(after);
  const oursMs: number[] = [];
  const anchorMs: number[] = [];
  let anchorGaveUpAfterMs: number | null = null;
  let diffStats = diffDocuments(before, after).stats;
  for (let round = 0; round < rounds; round++) {
    const ours = time(() => diffDocuments(before, after));
    oursMs.push(ours.ms);
    diffStats = ours.value.stats;
    // Once the anchor has given up, repeating it would only spend the timeout again.
    if (anchorGaveUpAfterMs !== null) continue;
    const anchor = time(() => diffWords(beforeText, afterText, { timeout: anchorTimeoutMs }));
    if (anchor.value === undefined) anchorGaveUpAfterMs = Math.round(anchor.ms);
    else anchorMs.push(anchor.ms);
  }
  const ours = spread(oursMs);
  const ratios = anchorGaveUpAfterMs === null ? anchorMs.map((anchor, index) => oursMs[index] / anchor) : [];
  return {
    name,
    oursMs: ours,
    anchorMs: anchorMs.length > 0 && anchorGaveUpAfterMs === null ? spread(anchorMs) : null,
    ratio: ratios.length > 0 ? spread(ratios) : null,
    anchorGaveUpAfterMs,
    ratioUpperBound: anchorGaveUpAfterMs === null ? null : round(ours.max / anchorGaveUpAfterMs),
    blocksChanged: diffStats.blocksChanged,
    wordsAdded: diffStats.wordsAdded,
    wordsRemoved: diffStats.wordsRemoved,
    blocksJoined: diffStats.blocksJoined,
    blocksSplit: diffStats.blocksSplit,
    blocksMoved: diffStats.blocksMoved,
  };
}

function describeResult(result: ScenarioResult): string {
  const head = `${result.name}: ours ${formatMs(result.oursMs)}`;
  if (result.anchorGaveUpAfterMs !== null) {
    return `${head}; anchor gave up after ${result.anchorGaveUpAfterMs} ms; ratio below ${formatNumber(result.ratioUpperBound ?? 0)}x`;
  }
  const anchor = result.anchorMs ? formatMs(result.anchorMs) : "n/a";
  const ratio = result.ratio ? formatRatio(result.ratio) : "n/a";
  return `${head}; anchor ${anchor}; ratio ${ratio}`;
}

/** Splits and joins of REGROUPED_BLOCKS_FRACTION of the blocks, half of each. */
function withSplitsAndJoins(handbook: DocumentSnapshot, blocks: number): DocumentSnapshot {
  const each = Math.round((blocks * REGROUPED_BLOCKS_FRACTION) / 2);
  return applyStructuralEdits(handbook, { seed: EDITS_SEED, splits: each, joins: each, moves: 0 }).snapshot;
}

/** The anchor's input: the handbook as one text, titles and blocks separated by blank lines. */
function fullText(snapshot: DocumentSnapshot): string {
  return snapshot.sections
    .map((section) => [section.title, ...section.content.content.map((block) => plainText(block))].join("\n\n"))
    .join("\n\n");
}

function rewrittenAndReordered(snapshot: DocumentSnapshot): DocumentSnapshot {
  const rewritten = structuredClone(snapshot);
  rewritten.sections.reverse();
  for (const section of rewritten.sections) {
    section.content.content.reverse();
    for (const block of section.content.content) {
      for (const child of block.content ?? []) {
        if (child.type === "text" && child.text) child.text = child.text.split(" ").reverse().join(" ");
      }
    }
  }
  return rewritten;
}

const collectGarbage: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

function time<T>(run: () => T): { value: T; ms: number } {
  collectGarbage?.();
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}

function formatNumber(value: number): string {
  return String(round(value));
}

function formatMs(value: Spread): string {
  return `median ${value.median} ms (min ${value.min}, max ${value.max})`;
}

function formatRatio(value: Spread): string {
  return `median ${value.median}x (min ${value.min}x, max ${value.max}x)`;
}

function roundsFromEnvironment(): number {
  const fromEnvironment = Number(process.env.BENCH_ROUNDS);
  return Number.isInteger(fromEnvironment) && fromEnvironment > 0 ? fromEnvironment : DEFAULT_ROUNDS;
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && import.meta.url === pathToFileURL(entry).href;
}

if (invokedDirectly()) {
  runDiffBench()
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
