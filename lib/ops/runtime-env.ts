import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../db/config";

/**
 * The environment every process of the product shares. Secrets that are not set are generated
 * once and kept in data/secrets.json (git-ignored, readable by the owner only), so a fresh
 * install needs no configuration and restarts keep sessions valid.
 */
const GENERATED_SECRETS = ["NEXTAUTH_SECRET", "COLLAB_TOKEN_SECRET", "COLLAB_INTERNAL_SECRET", "MAIL_TOKEN_SECRET"] as const;
const SECRET_BYTES = 32;

export const DEFAULT_WEB_PORT = 3000;
export const DEFAULT_COLLAB_PORT = 3001;

function loadOrCreateSecrets(file: string): Record<string, string> {
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  let changed = false;
  for (const name of GENERATED_SECRETS) {
    if (!stored[name]) {
      stored[name] = randomBytes(SECRET_BYTES).toString("base64url");
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored;
}

export function runtimeEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, NEXT_TELEMETRY_DISABLED: "1", HANDBOOK_ROOT: projectRoot() };
  const secrets = loadOrCreateSecrets(path.resolve(projectRoot(), "data/secrets.json"));
  for (const name of GENERATED_SECRETS) env[name] ??= secrets[name];
  const webPort = Number(env.PORT ?? DEFAULT_WEB_PORT);
  const collabPort = Number(env.COLLAB_PORT ?? DEFAULT_COLLAB_PORT);
  env.PORT = String(webPort);
  env.COLLAB_PORT = String(collabPort);
  env.NEXTAUTH_URL ??= `http://localhost:${webPort}`;
  env.COLLAB_PUBLIC_URL ??= `ws://localhost:${collabPort}`;
  env.COLLAB_INTERNAL_URL ??= `http://127.0.0.1:${collabPort}`;
  env.COLLAB_ALLOWED_ORIGINS ??= `http://localhost:${webPort},http://127.0.0.1:${webPort}`;
  // The embedded default is a trial install: its demo accounts work. With PostgreSQL (a real
  // deployment) demo passwords are refused unless explicitly enabled.
  if (!env.DATABASE_URL && env.HANDBOOK_DEMO_ACCOUNTS === undefined) env.HANDBOOK_DEMO_ACCOUNTS = "1";
  return env;
}
