import { hash, verify } from "@node-rs/argon2";

/** Argon2id (the enum value 2 of @node-rs/argon2's Algorithm; its const enum cannot be imported here). */
const ARGON2ID = 2;
/** OWASP's recommended Argon2id profile: 19 MiB of memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Demo accounts share one documented password. They exist so that a first-time visitor can try
 * every role; a production deployment must never accept it.
 */
export const DEMO_PASSWORD = "camnang-demo-2026";

export function demoAccountsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.HANDBOOK_DEMO_ACCOUNTS === "1") return true;
  if (env.HANDBOOK_DEMO_ACCOUNTS === "0") return false;
  return env.NODE_ENV !== "production";
}
