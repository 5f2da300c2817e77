/**
 * Figures shared by every benchmark: a median with its min and max, percentiles, and the
 * line each part contributes to the final table. A ratio is always ours / anchor, measured
 * in the same run; the noise floor is the anchor measured against itself the same way.
 */

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** One line of the final table. */
export interface BenchRow {
  measure: string;
  /** ours / anchor per round, or per sample where the measure has no noise (storage). */
  ratio: Spread | null;
  /** The anchor against itself, measured the same way; null where the measure is deterministic. */
  noise: Spread | null;
  /** The target from docs/performance guidance, as text ("<= 1.25x"). */
  target: string;
  /** Whether the median ratio meets the target; null when there is no ratio. */
  meetsTarget: boolean | null;
  /** Absolute figures behind the ratio, for a reader who wants them. */
  detail: string;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

/** Nearest-rank percentile of an ascending array (0 < fraction <= 1). */
export function percentileOfSorted(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function percentile(values: readonly number[], fraction: number): number {
  return percentileOfSorted([...values].sort((left, right) => left - right), fraction);
}

/** Four significant digits: enough to compare, few enough to read. */
export function round(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
}

export function formatSpread(value: Spread, unit = ""): string {
  return `median ${value.median}${unit} (min ${value.min}${unit}, max ${value.max}${unit})`;
}

export function formatRatio(value: Spread | null): string {
  return value ? formatSpread(value, "x") : "n/a";
}

export function atMost(limit: number): (ratio: number) => boolean {
  return (ratio) => ratio <= limit;
}

export function atLeast(limit: number): (ratio: number) => boolean {
  return (ratio) => ratio >= limit;
}

export function row(options: {
  measure: string;
  ratio: Spread | null;
  noise: Spread | null;
  target: string;
  /** Omitted for lines that only inform (no target in the guidance). */
  meets?: (ratio: number) => boolean;
  detail: string;
}): BenchRow {
  const { ratio, meets } = options;
  return {
    measure: options.measure,
    ratio,
    noise: options.noise,
    target: options.target,
    meetsTarget: meets && ratio && Number.isFinite(ratio.median) ? meets(ratio.median) : null,
    detail: options.detail,
  };
}

/** What every part returns: its table lines and everything it measured. */
export interface PartResult {
  rows: BenchRow[];
  notes: string[];
  details: Record<string, unknown>;
}

/** A part that could not run for a reason outside the benchmark (a component not ready). */
export class Unavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "Unavailable";
  }
}

export function roundsFromEnvironment(fallback: number): number {
  const fromEnvironment = Number(process.env.BENCH_ROUNDS);
  return Number.isInteger(fromEnvironment) && fromEnvironment > 0 ? fromEnvironment : fallback;
}

export const collectGarbage: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
