import path from "node:path";
import { defineConfig } from "vitest/config";

/** Test files running at once: one per core of the 2-core machines the suite is sized for. */
const PARALLEL_TEST_FILES = 2;

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files run in parallel. Each runs in a process of its own (forks, isolated), so what it puts in
    // process.env (DATABASE_URL and the log key among them) and getDb()'s client are its alone; each
    // createTestDatabase makes a database of its own, copied from the run's migrated templates
    // (lib/testing/global-setup.ts); servers listen on port 0.
    pool: "forks",
    poolOptions: { forks: { isolate: true } },
    maxWorkers: PARALLEL_TEST_FILES,
    minWorkers: 1,
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/vitest-setup.ts"],
  },
});
