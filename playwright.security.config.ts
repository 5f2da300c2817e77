import { defineConfig } from "@playwright/test";
import { CHROMIUM_PROJECTS, chromiumUse, productWebServer } from "./playwright.config";

/**
 * The hostile suite (`npm run test:security`): the real product started by `npm start` on its own
 * ports and a fresh SQLite file, driven by the role × route matrix, XSS payloads, malformed
 * collaboration frames and oversized bodies. Bounded: fixed seeds, capped loops, one worker.
 */
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3120);
const COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 3121);

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
  use: chromiumUse(`http://localhost:${WEB_PORT}`),
  projects: CHROMIUM_PROJECTS,
  webServer: productWebServer({ webPort: WEB_PORT, collabPort: COLLAB_PORT, dataDir: "data/security" }),
});
