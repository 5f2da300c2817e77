import { requireSecret } from "../auth/secrets";

/**
 * Email is off unless SMTP_URL is set: then nothing is queued, nothing is sent, and nothing
 * fails. Read from the environment (secrets: lib/ops/runtime-env.ts) each time, so that every process (the web app queues, the
 * collaboration server's worker sends) follows the same settings.
 */
export interface MailConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; nodemailer's URL form. */
  smtpUrl: string;
  /** The From header, e.g. `"Cẩm nang mở" <no-reply@camnang.gov.vn>`. */
  from: string;
  /** The public address of the web app, for the links in emails. */
  baseUrl: string;
  /** Signs confirmation and unsubscribe links. */
  tokenSecret: string;
}

export function isMailEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.SMTP_URL ?? "").trim() !== "";
}

export function mailBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT ?? "3000"}`;
  return new URL(configured).origin;
}

/** The secret of confirmation and unsubscribe links (needed to check them even when sending is off). */
export function mailTokenSecret(): string {
  return requireSecret("MAIL_TOKEN_SECRET");
}

/** The settings when email is on, else null. A malformed SMTP_URL fails here, at start, not at the first email. */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  if (!isMailEnabled(env)) return null;
  const smtpUrl = (env.SMTP_URL ?? "").trim();
  let parsed: URL;
  try {
    parsed = new URL(smtpUrl);
  } catch {
    throw new Error(`SMTP_URL không hợp lệ (invalid SMTP_URL): dùng dạng smtp://user:pass@host:587`);
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new Error(`SMTP_URL phải bắt đầu bằng smtp:// hoặc smtps:// (unsupported scheme ${parsed.protocol})`);
  }
  const baseUrl = mailBaseUrl(env);
  const from = env.MAIL_FROM?.trim() || `"Cẩm nang mở" <no-reply@${new URL(baseUrl).hostname}>`;
  return { smtpUrl, from, baseUrl, tokenSecret: mailTokenSecret() };
}
