import nodemailer from "nodemailer";
import type { MailConfig } from "./config";
import type { ComposedEmail } from "./templates";

/**
 * SMTP through nodemailer. Timeouts are short and bounded so that one send always ends well
 * within the worker's claim lease (lib/services/mail/deliver-due-emails.ts): a claim is never
 * taken over while its send may still be under way.
 */
export const SMTP_CONNECTION_TIMEOUT_MS = 10_000;
export const SMTP_GREETING_TIMEOUT_MS = 10_000;
/** Longest silence inside a session; a message of a few kilobytes needs far less. */
export const SMTP_SOCKET_TIMEOUT_MS = 60_000;

export interface OutgoingEmail extends ComposedEmail {
  /** Stable per outbox row: a retried or repeated send carries the same Message-ID, so receivers can drop a duplicate. */
  messageId: string;
}

export interface MailTransport {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** The failure as the worker records it; `permanent` means the server refused for good (5xx), so retrying is pointless. */
export interface SendFailure {
  message: string;
  permanent: boolean;
}

export function describeSendFailure(error: unknown): SendFailure {
  const message = error instanceof Error ? error.message : String(error);
  const responseCode = typeof error === "object" && error !== null && "responseCode" in error ? Number(error.responseCode) : NaN;
  return { message, permanent: responseCode >= 500 && responseCode < 600 };
}

export function createMailTransport(config: Pick<MailConfig, "smtpUrl" | "from">): MailTransport {
  const transporter = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeout: SMTP_GREETING_TIMEOUT_MS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
  });
  return {
    async send(email) {
      await transporter.sendMail({
        from: config.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
        headers: {
          // RFC 3834: no vacation replies or other automatic answers to a notification.
          "Auto-Submitted": "auto-generated",
          ...(email.oneClickUnsubscribeUrl
            ? { "List-Unsubscribe": `<${email.oneClickUnsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
            : {}),
        },
      });
    },
    close() {
      transporter.close();
    },
  };
}
