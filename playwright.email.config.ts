import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests that need email on (`SMTP_URL`): the product is started, as `npm start` does,
 * on its own ports, database and clock file, with a real SMTP server on loopback that the specs
 * start themselves (lib/mail/test-support.ts, the `smtp-server` package) on the port below. The
 * main configuration keeps email off, as most installations start.
 */
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3140);
const COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 3141);
/** Where the specs' SMTP server listens: the web port plus two, so parallel runs on other ports never meet. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? WEB_PORT + 2);
const BASE_URL = `http://localhost:${WEB_PORT}`;

export default defineConfig({
  testDir: "e2e/email",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
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
      DATABASE_URL: "file:./data/e2e-email/handbook.db",
      HANDBOOK_LOG_KEY_FILE: "data/e2e-email/log-key",
      PORT: String(WEB_PORT),
      COLLAB_PORT: String(COLLAB_PORT),
      NEXTAUTH_URL: BASE_URL,
      HANDBOOK_DEMO_ACCOUNTS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      HANDBOOK_CLOCK: "file:./data/e2e-email/clock",
      SMTP_URL: `smtp://mailer:s3cret-for-tests@127.0.0.1:${E2E_SMTP_PORT}`,
    },
  },
});
