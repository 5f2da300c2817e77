import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (browser downloads are not possible on our machines)
 * against the real product started by the same command users run, on its own ports and its
 * own fresh SQLite file.
 */
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3100);
const COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 3101);
export const E2E_BASE_URL = `http://localhost:${WEB_PORT}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // The hostile suite has its own configuration, product and ports (playwright.security.config.ts).
  // Single sign-on too (playwright.sso.config.ts: the product configured for a provider), and
  // the specs that need email on (playwright.email.config.ts).
  testIgnore: ["security/**", "sso.spec.ts", "email/**"],
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    locale: "vi-VN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs lib/ops/start.ts",
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    // npm start runs the web app and the collaboration server in process groups of their own and
    // stops them on SIGTERM; a SIGKILL would orphan them and keep the test run waiting.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: "file:./data/e2e/handbook.db",
      PORT: String(WEB_PORT),
      COLLAB_PORT: String(COLLAB_PORT),
      HANDBOOK_DEMO_ACCOUNTS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // The clock tests can move (lib/domain/clock.ts): the system's until a spec writes the file.
      HANDBOOK_CLOCK: "file:./data/e2e/clock",
    },
  },
});
