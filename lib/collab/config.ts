import { MIN_SECRET_LENGTH } from "../auth/secrets";

/**
 * The collaboration server's settings, read from the environment once at start. Everything
 * else (limits, debounce) is a named constant next to the code it governs.
 */
export const DEFAULT_COLLAB_PORT = 3001;
export const DEFAULT_COLLAB_HOST = "127.0.0.1";
export const DEFAULT_ALLOWED_ORIGINS = ["http://localhost:3000", "http://127.0.0.1:3000"] as const;

export interface CollabConfig {
  /** 0 picks a free port (tests, benchmarks). */
  port: number;
  host: string;
  tokenSecret: string;
  internalSecret: string;
  allowedOrigins: string[];
  /**
   * Redis shared by every collaboration instance (REDIS_URL): documents open on several
   * instances are kept in step through it. Unset: one instance holds each document.
   */
  redisUrl?: string;
  /** This instance's name in logs and on Redis (HANDBOOK_INSTANCE); unique per process. */
  instanceName?: string;
}

function requireLongSecret(env: NodeJS.ProcessEnv, name: "COLLAB_TOKEN_SECRET" | "COLLAB_INTERNAL_SECRET"): string {
  const value = env[name];
  if (!value || value.length < MIN_SECRET_LENGTH) {
    throw new Error(`${name} chưa được đặt hoặc quá ngắn (needs at least ${MIN_SECRET_LENGTH} characters).`);
  }
  return value;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_COLLAB_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`COLLAB_PORT không hợp lệ: "${raw}" (invalid port)`);
  }
  return port;
}

/** Origins are compared exactly as browsers send them: scheme, host and port, no trailing slash. */
export function parseAllowedOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") return [...DEFAULT_ALLOWED_ORIGINS];
  return raw
    .split(",")
    .map((origin) => origin.trim().replace(/\/+$/, ""))
    .filter((origin) => origin.length > 0);
}

export function collabConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CollabConfig {
  return {
    port: parsePort(env.COLLAB_PORT),
    host: env.COLLAB_HOST?.trim() || DEFAULT_COLLAB_HOST,
    tokenSecret: requireLongSecret(env, "COLLAB_TOKEN_SECRET"),
    internalSecret: requireLongSecret(env, "COLLAB_INTERNAL_SECRET"),
    allowedOrigins: parseAllowedOrigins(env.COLLAB_ALLOWED_ORIGINS),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    instanceName: env.HANDBOOK_INSTANCE?.trim() || undefined,
  };
}
