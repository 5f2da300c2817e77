/**
 * Timings of the work the server does per update and per store, kept in memory so that the
 * benchmark and the health endpoint can report them without a metrics system.
 */
export type MetricName = "guard" | "logAppend" | "store";

/** Recent samples kept per metric; enough for stable percentiles, bounded in memory. */
const MAX_SAMPLES = 2_000;

export interface MetricSummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export class CollabMetrics {
  private readonly samples = new Map<MetricName, number[]>();
  private readonly counts = new Map<MetricName, number>();

  record(name: MetricName, ms: number): void {
    const samples = this.samples.get(name) ?? [];
    samples.push(ms);
    if (samples.length > MAX_SAMPLES) samples.shift();
    this.samples.set(name, samples);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  summary(): Partial<Record<MetricName, MetricSummary>> {
    const result: Partial<Record<MetricName, MetricSummary>> = {};
    for (const [name, samples] of this.samples) {
      const sorted = [...samples].sort((a, b) => a - b);
      const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
      result[name] = {
        count: this.counts.get(name) ?? sorted.length,
        meanMs: round(mean),
        p50Ms: round(percentile(sorted, 0.5)),
        p95Ms: round(percentile(sorted, 0.95)),
        maxMs: round(sorted[sorted.length - 1] ?? 0),
      };
    }
    return result;
  }
}
