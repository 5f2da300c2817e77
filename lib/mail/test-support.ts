import { EventEmitter, once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on loopback for tests (smtp-server, the library nodemailer's authors keep
 * for this), with a reader for the messages nodemailer writes. No MIME parser is installed, so
 * the reader decodes just what those messages use: folded headers, RFC 2047 encoded words, and
 * quoted-printable or base64 text bodies.
 */
export const TEST_SMTP_USER = "mailer";
export const TEST_SMTP_PASSWORD = "s3cret-for-tests";

export interface ReceivedEmail {
  /** RCPT TO of the SMTP session. */
  envelopeTo: string[];
  /** Header names in lower case, values decoded. */
  headers: Map<string, string>;
  subject: string;
  text: string;
}

export interface TestSmtpServer {
  port: number;
  /** For SMTP_URL, with the credentials the server accepts. */
  url: string;
  received: ReceivedEmail[];
  /** Resolves once `count` messages in all have arrived. */
  waitForCount(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSmtpServer(options: { port?: number } = {}): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const events = new EventEmitter();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === TEST_SMTP_USER && auth.password === TEST_SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error("invalid credentials"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const email = parseEmail(Buffer.concat(chunks).toString("latin1"));
        received.push({ ...email, envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address) });
        events.emit("received");
        callback();
      });
    },
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${TEST_SMTP_USER}:${TEST_SMTP_PASSWORD}@127.0.0.1:${port}`,
    received,
    async waitForCount(count) {
      while (received.length < count) await once(events, "received");
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < joined.length; index += 1) {
    const match = joined[index] === "=" ? /^[0-9A-F]{2}$/i.exec(joined.slice(index + 1, index + 3)) : null;
    if (match) {
      bytes.push(parseInt(match[0], 16));
      index += 2;
    } else {
      bytes.push(joined.charCodeAt(index));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (B or Q), a run of adjacent ones decoded together (a character may span two). */
function decodeHeaderValue(value: string): string {
  const word = /=\?[^?]+\?([BQ])\?([^?]*)\?=/gi;
  return value.replace(/=\?[^?]+\?[BQ]\?[^?]*\?=(?:\s+=\?[^?]+\?[BQ]\?[^?]*\?=)*/gi, (run) =>
    Buffer.concat(
      [...run.matchAll(word)].map(([, encoding, data]) =>
        encoding.toUpperCase() === "B" ? Buffer.from(data, "base64") : decodeQuotedPrintable(data.replace(/_/g, " ")),
      ),
    ).toString("utf8"),
  );
}

function parseEmail(raw: string): Omit<ReceivedEmail, "envelopeTo"> {
  const split = raw.indexOf("\r\n\r\n");
  // Read as bytes (latin1), so unencoded UTF-8 in a header is decoded here, encoded words below.
  const head = Buffer.from(raw.slice(0, split), "latin1").toString("utf8").replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeHeaderValue(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body).toString("utf8")
        : Buffer.from(body, "latin1").toString("utf8");
  return { headers, subject: headers.get("subject") ?? "", text: text.replace(/\r\n/g, "\n") };
}

/** The URLs in a text, in order. */
export function linksIn(text: string): URL[] {
  return [...text.matchAll(/https?:\/\/[^\s<>]+/g)].map((match) => new URL(match[0]));
}
