import os from "node:os";
import path from "node:path";

/**
 * What the Vitest global setup (lib/testing/global-setup.ts) prepares once per run and hands to
 * every test file (lib/testing/vitest-setup.ts): a directory of the run's own, and a migrated
 * template database per engine that createTestDatabase copies instead of migrating again.
 * Outside Vitest (the benchmarks use createTestDatabase too) there is no run: databases go to
 * the system's temporary directory and are migrated one by one.
 */
export interface TestRun {
  /** Short and unique per run: it names the run's databases, so teardown can find what a crashed file left. */
  id: string;
  /** Every SQLite file and log key of the run, one subdirectory per worker (removed at teardown). */
  directory: string;
  /** A migrated SQLite file that is copied for each new database. */
  sqliteTemplate: string;
  /** A migrated PostgreSQL database each new one is created from, or null when PostgreSQL is not reachable. */
  postgresTemplate: string | null;
}

let current: TestRun | null = null;

export function useTestRun(run: TestRun): void {
  current = run;
}

export function currentTestRun(): TestRun | null {
  return current;
}

/** The prefix of every database name the run creates (PostgreSQL names are at most 63 bytes). */
export function testDatabasePrefix(runId: string): string {
  return `handbook_test_${runId}_`;
}

/**
 * Which of the run's parallel workers this file runs in: Vitest numbers its pool's workers 1..maxWorkers
 * and reuses a number only when the file before it has ended, so two files running at once never share one.
 */
export function testWorker(): string {
  return `w${process.env.VITEST_POOL_ID ?? "0"}`;
}

/** Where this worker's database files go: under the run's directory, or the system's when there is no run. */
export function testDatabaseDirectory(): string {
  return current ? path.join(current.directory, testWorker()) : os.tmpdir();
}
