import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../db/config";
import { runToCompletion } from "./processes";

/**
 * `npm test`: every test the project has, in one command. Lint (with the layering rules), unit and integration tests
 * (Vitest; integration tests run on SQLite and, when reachable, PostgreSQL), then end-to-end
 * tests in a real browser against the product started by `npm start` on a fresh database, then
 * the hostile suite (playwright.security.config.ts: the role × route matrix, XSS payloads, fuzzed
 * collaboration frames, oversized bodies) against another fresh one, then the scale-out run
 * (e2e/scale/run.ts: nginx, two web and two collaboration instances on PostgreSQL and Redis,
 * skipped with a message when one is missing). Ends with one summary line
 * across every stage. `npm run test:security` runs the hostile suite alone.
 */
interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const root = projectRoot();
// Not test-results/: Playwright empties that folder when it starts.
const reportDir = path.join(root, "data/test-reports");

function readVitestCounts(file: string): Counts | null {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function readPlaywrightCounts(file: string): Counts | null {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

function readScaleCounts(file: string): Counts | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as Counts;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  fs.mkdirSync(reportDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const vitestReport = path.join(reportDir, "vitest.json");
  const playwrightReport = path.join(reportDir, "playwright.json");
  const securityReport = path.join(reportDir, "security.json");
  const ssoReport = path.join(reportDir, "sso.json");
  fs.rmSync(vitestReport, { force: true });
  fs.rmSync(playwrightReport, { force: true });
  fs.rmSync(securityReport, { force: true });
  fs.rmSync(ssoReport, { force: true });
  const emailReport = path.join(reportDir, "email.json");
  fs.rmSync(emailReport, { force: true });
  const scaleReport = path.join(reportDir, "scale.json");
  fs.rmSync(scaleReport, { force: true });
  const runs = (stage: "lint" | "unit" | "e2e" | "security" | "scale") =>
    only === undefined || only === stage || (only === "unit" && stage === "lint");

  let exitCode = 0;
  let lintFailed = false;
  if (runs("lint")) {
    // Lint first: types-aware rules and the layering of the architecture map (eslint.config.mjs).
    const code = await runToCompletion(process.execPath, [path.join(root, "node_modules/eslint/bin/eslint.js"), "--max-warnings", "0", "."], env);
    if (code !== 0) {
      exitCode = code;
      lintFailed = true;
      console.error("[test] lint failed (npm run lint)");
    }
  }
  if (runs("unit")) {
    const code = await runToCompletion(
      process.execPath,
      [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
      env,
    );
    if (code !== 0) exitCode = code;
  }
  if (runs("e2e")) {
    // A fresh database for every end-to-end run: tests start from the seeded handbook.
    fs.rmSync(path.join(root, "data/e2e"), { recursive: true, force: true });
    const code = await runToCompletion(
      process.execPath,
      [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--reporter=list,json"],
      { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
    );
    if (code !== 0) exitCode = code;
    // Single sign-on through a real OpenID Provider, on a product configured for it (playwright.sso.config.ts).
    fs.rmSync(path.join(root, "data/e2e-sso"), { recursive: true, force: true });
    const ssoCode = await runToCompletion(
      process.execPath,
      [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--config", "playwright.sso.config.ts", "--reporter=list,json"],
      { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: ssoReport },
    );
    if (ssoCode !== 0) exitCode = ssoCode;
  }
  if (runs("e2e")) {
    // Specs that need email on (playwright.email.config.ts): their own product, database and SMTP server on loopback.
    fs.rmSync(path.join(root, "data/e2e-email"), { recursive: true, force: true });
    const code = await runToCompletion(
      process.execPath,
      [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--config", "playwright.email.config.ts", "--reporter=list,json"],
      { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: emailReport },
    );
    if (code !== 0) exitCode = code;
  }
  if (runs("security")) {
    // The hostile suite on a product of its own (ports E2E_WEB_PORT/E2E_COLLAB_PORT, default 3120/3121).
    fs.rmSync(path.join(root, "data/security"), { recursive: true, force: true });
    const code = await runToCompletion(
      process.execPath,
      [path.join(root, "node_modules/@playwright/test/cli.js"), "test", "--config", "playwright.security.config.ts", "--reporter=list,json"],
      { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: securityReport },
    );
    if (code !== 0) exitCode = code;
  }

  if (runs("scale")) {
    // Two web and two collaboration instances behind nginx on PostgreSQL and Redis (e2e/scale/run.ts);
    // it skips itself, saying so, when one of them is missing.
    const code = await runToCompletion(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "e2e/scale/run.ts")], {
      ...env,
      SCALE_JSON_OUTPUT: scaleReport,
    });
    if (code !== 0) exitCode = code;
  }

  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const counts of [readVitestCounts(vitestReport), readPlaywrightCounts(playwrightReport), readPlaywrightCounts(ssoReport), readPlaywrightCounts(emailReport), readPlaywrightCounts(securityReport), readScaleCounts(scaleReport)]) {
    if (!counts) continue;
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  if (lintFailed) totals.failed += 1;
  if (exitCode !== 0 && totals.failed === 0) totals.failed = 1;
  console.log(`\nAll tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
