import { defineConfig, devices } from "@playwright/test";

/**
 * The hostile suite (`npm run test:security`): the real product started by `npm start` on its own
 * ports and a fresh SQLite file, driven by the role × route matrix, XSS payloads, malformed
 * collaboration frames and oversized bodies. Bounded: fixed seeds, capped loops, one worker.
 */
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3120);
const COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 3121);
const BASE_URL = `http://localhost:${WEB_PORT}`;

export default defineConfig({
  testDir: "e2e/security",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/security/support/global-setup.ts",
  globalTeardown: "./e2e/security/support/global-teardown.ts",
  use: {
    baseURL: BASE_URL,
    locale: "vi-VN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs lib/ops/start.ts",
    url: `${BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: "file:./data/security/handbook.db",
      // The log's signing key remembers the last tree it signed: one per database, or a fresh
      // database's log would be refused as a rollback of another's.
      HANDBOOK_LOG_KEY_FILE: "data/security/log-key",
      PORT: String(WEB_PORT),
      COLLAB_PORT: String(COLLAB_PORT),
      HANDBOOK_DEMO_ACCOUNTS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
