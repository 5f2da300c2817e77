import { defineConfig } from "@playwright/test";
import { CHROMIUM_PROJECTS, chromiumUse, productWebServer } from "./playwright.config";

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
  use: chromiumUse(BASE_URL),
  projects: CHROMIUM_PROJECTS,
  webServer: productWebServer({
    webPort: WEB_PORT,
    collabPort: COLLAB_PORT,
    dataDir: "data/e2e-email",
    env: { NEXTAUTH_URL: BASE_URL, SMTP_URL: `smtp://mailer:s3cret-for-tests@127.0.0.1:${E2E_SMTP_PORT}` },
  }),
});
