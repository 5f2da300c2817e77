/**
 * Where the hostile suite's product runs: `playwright.security.config.ts` starts it with `npm start`
 * on these ports and this fresh SQLite file, bound to loopback like every install by default.
 */
import path from "node:path";

export const SECURITY_WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3120);
export const SECURITY_COLLAB_PORT = Number(process.env.E2E_COLLAB_PORT ?? 3121);
export const LOOPBACK = "127.0.0.1";
export const WEB_ORIGIN = `http://localhost:${SECURITY_WEB_PORT}`;
export const COLLAB_URL = `ws://${LOOPBACK}:${SECURITY_COLLAB_PORT}`;
/** Playwright and npm run from the project root. */
export const PROJECT_ROOT = process.cwd();
export const SECURITY_DATA_DIR = path.join(PROJECT_ROOT, "data/security");
export const SECURITY_DATABASE_FILE = path.join(SECURITY_DATA_DIR, "handbook.db");
export const FIGURES_LOG = path.join(SECURITY_DATA_DIR, "figures.jsonl");
export const FIGURES_REPORT = path.join(PROJECT_ROOT, "data/test-reports/security-figures.json");
export const DOC = "cam-nang-chuyen-doi-so";
export const DEMO_PASSWORD = "camnang-demo-2026";
