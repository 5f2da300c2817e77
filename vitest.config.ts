import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Test files running at once. Files no longer share a database, a port or an environment, so two
 * (one per core of the 2-core machines the suite is sized for: `npx vitest run --maxWorkers=2`) may run
 * together; one stays the default until two full runs at two pass with no failure. The only parallel run
 * so far, on a machine at load average 23 to 33 from other work, ended in timeouts (a CLI backup, a
 * property test, process.test.ts's shutdown deadline), not in files meeting each other.
 */
const PARALLEL_TEST_FILES = 1;

/**
 * Files that run alone, after the parallel ones (a single fork, a later group). process.test.ts
 * kills and stops the collaboration server as a process group and requires it gone, everything stored,
 * within the ten seconds a supervisor grants: with another file taking the second core on a loaded
 * machine its SIGTERM shutdown ran past the server's own nine-second deadline.
 */
const SEQUENTIAL_FILES = ["lib/collab/process.test.ts"];
const TEST_FILES = ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files may run in parallel. Each runs in a process of its own (forks, isolated), so what it puts in
    // process.env (DATABASE_URL and the log key among them) and getDb()'s client are its alone; each
    // createTestDatabase makes a database of its own, copied from the run's migrated templates
    // (lib/testing/global-setup.ts); servers listen on port 0.
    pool: "forks",
    poolOptions: { forks: { isolate: true } },
    maxWorkers: PARALLEL_TEST_FILES,
    minWorkers: 1,
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/vitest-setup.ts"],
    projects: [
      { extends: true, test: { name: "parallel", include: TEST_FILES, exclude: [...configDefaults.exclude, ...SEQUENTIAL_FILES] } },
      {
        extends: true,
        test: { name: "sequential", include: SEQUENTIAL_FILES, sequence: { groupOrder: 1 }, poolOptions: { forks: { singleFork: true } } },
      },
    ],
  },
});
