/**
 * The figures the suite reports (payloads tried, frames fuzzed, matrix cells checked, and the
 * failures that must stay 0). Each test appends what it counted; the global teardown sums them,
 * whichever worker process a test ran in.
 */
import fs from "node:fs";
import path from "node:path";
import { FIGURES_LOG, FIGURES_REPORT } from "./env";

export const FIGURE_NAMES = [
  "matrixCells",
  "unauthorizedSuccesses",
  "xssPayloads",
  "xssDeliveries",
  "scriptExecutions",
  "cspViolations",
  "framesFuzzed",
  "crashes",
  "bodyProbes",
  "oversizedAccepted",
  "regressionChecks",
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];
export type Figures = Record<FigureName, number>;

export function recordFigures(figures: Partial<Figures>): void {
  fs.mkdirSync(path.dirname(FIGURES_LOG), { recursive: true });
  fs.appendFileSync(FIGURES_LOG, `${JSON.stringify(figures)}\n`);
}

export function resetFigures(): void {
  fs.rmSync(FIGURES_LOG, { force: true });
}

export function sumFigures(): Figures {
  const totals = Object.fromEntries(FIGURE_NAMES.map((name) => [name, 0])) as Figures;
  if (!fs.existsSync(FIGURES_LOG)) return totals;
  for (const line of fs.readFileSync(FIGURES_LOG, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as Partial<Figures>;
    for (const name of FIGURE_NAMES) totals[name] += entry[name] ?? 0;
  }
  return totals;
}

export function writeFiguresReport(figures: Figures): void {
  fs.mkdirSync(path.dirname(FIGURES_REPORT), { recursive: true });
  fs.writeFileSync(FIGURES_REPORT, `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
}

export function describeFigures(figures: Figures): string {
  return [
    `payloads tried ${figures.xssPayloads} (${figures.xssDeliveries} deliveries), script executions ${figures.scriptExecutions}, CSP violations ${figures.cspViolations}`,
    `frames fuzzed ${figures.framesFuzzed}, crashes ${figures.crashes}`,
    `matrix cells checked ${figures.matrixCells}, unauthorized successes ${figures.unauthorizedSuccesses}`,
    `oversized and chunked bodies ${figures.bodyProbes}, accepted ${figures.oversizedAccepted}`,
    `regression checks of the outsider's findings ${figures.regressionChecks}`,
  ].join("\n");
}
