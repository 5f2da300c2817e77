/**
 * Secrets come from the environment. `npm start` generates them once into data/secrets.json
 * when they are not set (lib/ops/secrets-file.ts), so a fresh install needs no configuration.
 */
export const MIN_SECRET_LENGTH = 32;

export function requireSecret(name: "NEXTAUTH_SECRET" | "COLLAB_TOKEN_SECRET" | "MAIL_TOKEN_SECRET"): string {
  const value = process.env[name];
  if (!value || value.length < MIN_SECRET_LENGTH) {
    throw new Error(`${name} chưa được đặt hoặc quá ngắn (needs at least ${MIN_SECRET_LENGTH} characters).`);
  }
  return value;
}
