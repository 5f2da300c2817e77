import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../db/config";
import { ensurePrivateDirectory, narrowFile, writePrivateFile } from "../db/private-files";
import { parseTrustProxy } from "../domain/client-address";

/**
 * The environment every process of the product shares. Secrets that are not set are generated
 * once and kept in data/secrets.json (git-ignored, readable by the owner only), so a fresh
 * install needs no configuration and restarts keep sessions valid.
 */
const GENERATED_SECRETS = ["NEXTAUTH_SECRET", "COLLAB_TOKEN_SECRET", "COLLAB_INTERNAL_SECRET", "MAIL_TOKEN_SECRET"] as const;
const SECRET_BYTES = 32;
/** The shortest secret a separately started instance accepts: what the collaboration server asks (lib/auth/secrets.ts). */
const MIN_INSTANCE_SECRET_LENGTH = 32;

export const DEFAULT_WEB_PORT = 3000;
export const DEFAULT_COLLAB_PORT = 3001;
/**
 * The web app and the collaboration server listen on loopback unless HOST says otherwise: a
 * trial install with its demo accounts (and their published password) is not for the network.
 */
export const DEFAULT_HOST = "127.0.0.1";
export const DATA_DIRECTORY = "data";

function loadOrCreateSecrets(file: string): Record<string, string> {
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) {
    narrowFile(file);
    stored = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  }
  let changed = false;
  for (const name of GENERATED_SECRETS) {
    if (!stored[name]) {
      stored[name] = randomBytes(SECRET_BYTES).toString("base64url");
      changed = true;
    }
  }
  if (changed) writePrivateFile(file, JSON.stringify(stored, null, 2));
  return stored;
}

/**
 * Ports, hosts and the URLs derived from them, as `npm start` and every separately started
 * instance default them: what is set is kept (normalized), what is missing follows from the ports.
 */
function applyNetworkDefaults(env: NodeJS.ProcessEnv): { webPort: number; collabPort: number } {
  const webPort = Number(env.PORT ?? DEFAULT_WEB_PORT);
  const collabPort = Number(env.COLLAB_PORT ?? DEFAULT_COLLAB_PORT);
  env.PORT = String(webPort);
  env.COLLAB_PORT = String(collabPort);
  env.HOST = env.HOST?.trim() || DEFAULT_HOST;
  env.COLLAB_HOST ??= env.HOST;
  // Refuses a mistyped TRUST_PROXY at start, before any limit trusts a client's header.
  env.TRUST_PROXY = String(parseTrustProxy(env.TRUST_PROXY));
  env.NEXTAUTH_URL ??= `http://localhost:${webPort}`;
  env.COLLAB_PUBLIC_URL ??= `ws://localhost:${collabPort}`;
  env.COLLAB_INTERNAL_URL ??= `http://127.0.0.1:${collabPort}`;
  env.COLLAB_ALLOWED_ORIGINS ??= `http://localhost:${webPort},http://127.0.0.1:${webPort}`;
  return { webPort, collabPort };
}

export function runtimeEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, NEXT_TELEMETRY_DISABLED: "1", HANDBOOK_ROOT: projectRoot() };
  // data/ is the product's own: narrowed to its owner even when an older install made it readable.
  const dataDirectory = path.resolve(projectRoot(), DATA_DIRECTORY);
  ensurePrivateDirectory(dataDirectory, { narrowExisting: true });
  const secrets = loadOrCreateSecrets(path.join(dataDirectory, "secrets.json"));
  for (const name of GENERATED_SECRETS) env[name] ??= secrets[name];
  applyNetworkDefaults(env);
  // The embedded default is a trial install: its demo accounts work. With PostgreSQL (a real
  // deployment) demo passwords are refused unless explicitly enabled.
  if (!env.DATABASE_URL && env.HANDBOOK_DEMO_ACCOUNTS === undefined) env.HANDBOOK_DEMO_ACCOUNTS = "1";
  return env;
}

/** Addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return value === "localhost" || value === "::1" || /^127(?:\.[0-9]{1,3}){3}$/.test(value) || value === "::ffff:127.0.0.1";
}

/** Whether the demo password works in the web app `npm start` runs (next start: production; --dev: development). */
function demoPasswordsLive(env: NodeJS.ProcessEnv, dev: boolean): boolean {
  if (env.HANDBOOK_DEMO_ACCOUNTS === "1") return true;
  if (env.HANDBOOK_DEMO_ACCOUNTS === "0") return false;
  return dev;
}

/**
 * Refuses to serve demo accounts to the network: with HOST on a non-loopback address, demo
 * passwords must be switched off, or switched on explicitly by the operator
 * (`HANDBOOK_DEMO_ACCOUNTS=1` in the environment `npm start` was given, not its default).
 */
export function assertSafeExposure(given: NodeJS.ProcessEnv, env: NodeJS.ProcessEnv, options: { dev: boolean }): void {
  const host = env.HOST ?? DEFAULT_HOST;
  if (isLoopbackHost(host) || !demoPasswordsLive(env, options.dev) || given.HANDBOOK_DEMO_ACCOUNTS === "1") return;
  throw new Error(
    `HOST=${host} mở ứng dụng ra mạng trong khi tài khoản mẫu (mật khẩu công khai) đang bật. ` +
      `Đặt HANDBOOK_DEMO_ACCOUNTS=0, hoặc HANDBOOK_DEMO_ACCOUNTS=1 nếu thật sự muốn (demo accounts on a network address: set HANDBOOK_DEMO_ACCOUNTS=0, or =1 explicitly).`,
  );
}

/** Names a process in logs and health answers when HANDBOOK_INSTANCE is not set. */
function defaultInstanceName(role: InstanceRole, port: string): string {
  return `${role}-${os.hostname()}-${port}`;
}

export type InstanceRole = "web" | "collab";

/**
 * The environment of one instance started on its own (`npm run start:web`, `npm run
 * start:collab`): everything comes from the environment, nothing is generated or written, so
 * that every instance of a deployment agrees. Secrets must be given (a secret generated per
 * instance would make each one refuse the others' sessions and tokens); ports, hosts and URLs
 * default as for `npm start`.
 */
export function instanceEnv(role: InstanceRole, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const missing = GENERATED_SECRETS.filter((name) => !base[name] || base[name]!.length < MIN_INSTANCE_SECRET_LENGTH);
  if (missing.length > 0) {
    throw new Error(
      `Thiếu khoá bí mật cho tiến trình chạy riêng (secrets must be set in the environment, at least ${MIN_INSTANCE_SECRET_LENGTH} characters each): ${missing.join(", ")}`,
    );
  }
  const env: NodeJS.ProcessEnv = { ...base, NEXT_TELEMETRY_DISABLED: "1", HANDBOOK_ROOT: base.HANDBOOK_ROOT ?? projectRoot() };
  const { webPort, collabPort } = applyNetworkDefaults(env);
  env.HANDBOOK_INSTANCE = env.HANDBOOK_INSTANCE?.trim() || defaultInstanceName(role, String(role === "web" ? webPort : collabPort));
  return env;
}
