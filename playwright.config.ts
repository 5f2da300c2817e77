import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (browser downloads are not possible on our machines)
 * against the real product started by the same command users run, on its own ports and its
 * own fresh SQLite file. The other configurations (single sign-on, email, the hostile suite)
 * build theirs from chromiumUse and productWebServer below, so the browser and the way the
 * product is started are written once.
 */
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3100);
const COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 3101);
export const E2E_BASE_URL = `http://localhost:${WEB_PORT}`;

/** Debian's Chromium in a container: no sandbox, GPU, shared-memory file, or calls home. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The browser every configuration drives, in Vietnamese (the product's default), against `baseUrl`. */
export function chromiumUse(baseUrl: string): NonNullable<PlaywrightTestConfig["use"]> {
  return {
    baseURL: baseUrl,
    locale: "vi-VN",
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  };
}

/** One Chromium project: Playwright's desktop device without its Chrome channel (the system's Chromium is used). */
export const CHROMIUM_PROJECTS: PlaywrightTestConfig["projects"] = [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }];

export interface ProductServerOptions {
  webPort: number;
  collabPort: number;
  /** A folder of its own under the project root: the SQLite file, the log key beside it and the clock file. */
  dataDir: string;
  /** What this configuration adds or changes in the product's environment. */
  env?: Record<string, string>;
}

/**
 * The product started as users start it (`npm start`, lib/ops/start.ts), on the given ports and a
 * database of its own, with the demo accounts on; ready when its health route answers.
 */
export function productWebServer({ webPort, collabPort, dataDir, env = {} }: ProductServerOptions): NonNullable<PlaywrightTestConfig["webServer"]> {
  return {
    command: "node node_modules/tsx/dist/cli.mjs lib/ops/start.ts",
    url: `http://localhost:${webPort}/api/health`,
    // The first start builds the web app: a few minutes on a busy machine.
    timeout: 300_000,
    reuseExistingServer: false,
    // npm start runs the web app and the collaboration server in process groups of their own and
    // stops them on SIGTERM; a SIGKILL would orphan them and keep the test run waiting.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      // The log's signing key lies beside the database (lib/log/log-signer.ts): one per folder.
      DATABASE_URL: `file:./${dataDir}/handbook.db`,
      PORT: String(webPort),
      COLLAB_PORT: String(collabPort),
      HANDBOOK_DEMO_ACCOUNTS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // The clock tests can move (lib/domain/clock.ts): the system's until a spec writes the file.
      HANDBOOK_CLOCK: `file:./${dataDir}/clock`,
      ...env,
    },
  };
}

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
  use: chromiumUse(E2E_BASE_URL),
  projects: CHROMIUM_PROJECTS,
  webServer: productWebServer({ webPort: WEB_PORT, collabPort: COLLAB_PORT, dataDir: "data/e2e" }),
});
