import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "../domain/consultation";
import { plainText, type SectionContent } from "../domain/document";
import { consultationPath, MANIFEST_PATH, parseManifest } from "../domain/open-data";
import { loadProposal } from "../db/proposals";
import { addConsultationComment } from "../services/consultation/add-consultation-comment";
import { answerConsultationComment } from "../services/consultation/answer-consultation-comment";
import { moderateConsultationComment } from "../services/consultation/moderate-consultation-comment";
import { openConsultation } from "../services/consultation/open-consultation";
import { readLogPolicy } from "../services/log/read-log";
import { createProposal } from "../services/proposals/create-proposal";
import { offlineDraftWriter } from "../services/proposals/draft-writer";
import { submitProposal } from "../services/proposals/submit-proposal";
import { actorByEmail } from "../testing/actors";
import { createApiToken } from "../auth/api-tokens";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { parseArgs } from "./commands";
import { CommandExit } from "./log-commands";
import { mirror, mirrorCommand } from "./mirror-command";
import { cliText } from "./text";

const APP = path.resolve(__dirname, "../../app");
const SLUG = "cam-nang-chuyen-doi-so";

type Handler = (request: Request, context: unknown) => Promise<Response>;

/**
 * The installation's public addresses on a loopback port, answered by the product's own route
 * handlers (app/**\/route.ts, matched by the route tree's dynamic segments), on a seeded
 * database. `tamper` may change an answer on its way out, as a hostile or broken server would.
 */
async function startPublicServer(tamper: { current: ((pathname: string, body: Buffer) => Buffer) | null }, bystanderToken: string) {
  const routes: { pattern: RegExp; names: string[]; file: string }[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
      else if (entry.name === "route.ts") {
        const names: string[] = [];
        const source = segments.map((segment) => {
          const dynamic = /^\[(.+)\]$/.exec(segment);
          if (!dynamic) return segment.replace(/[.]/g, "\\.");
          names.push(dynamic[1]);
          return "([^/]+)";
        });
        routes.push({ pattern: new RegExp(`^/${source.join("/")}$`), names, file: path.join(dir, entry.name) });
      }
    }
  };
  walk(APP, []);
  const server = http.createServer((incoming, outgoing) => {
    void (async () => {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
      if (!route) {
        outgoing.writeHead(404).end();
        return;
      }
      const values = route.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
      const params = Object.fromEntries(route.names.map((name, index) => [name, values[index]]));
      const handler = ((await import(route.file)) as Record<string, Handler>)[incoming.method ?? "GET"];
      // Routes that read the session (a consultation) need Next's request scope for a cookie; a
      // read token of someone with no part in what is asked stands in for an anonymous visitor.
      const headers = { authorization: `Bearer ${bystanderToken}` };
      const response = await handler(new Request(url, { method: incoming.method, headers }), { params: Promise.resolve(params) });
      let body: Buffer = Buffer.from(await response.arrayBuffer());
      if (tamper.current) body = tamper.current(url.pathname, body);
      outgoing.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "application/octet-stream" }).end(body);
    })().catch((error: unknown) => outgoing.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A proposal in review with an open consultation and one published, answered comment; its id. */
async function consultationWithAnAnswer(db: TestDatabase["db"]): Promise<string> {
  const [lan, khoa, reader] = await Promise.all(["lan@mof.gov.vn", "khoa@mof.gov.vn", "docgia@example.vn"].map((email) => actorByEmail(db, email)));
  const proposal = await createProposal({ actor: lan, documentSlug: SLUG, input: { title: "Lấy ý kiến để sao lưu", rationale: "Thử sao lưu." } });
  const row = (await loadProposal(db, proposal.id)).sections.find((section) => section.slug === "loi-tong-ket")!;
  const content = JSON.parse(row.content) as SectionContent;
  const edited: SectionContent = { ...content, content: content.content.map((block, index) => (index === 0 ? { ...block, content: [{ type: "text", text: `${plainText(block)} (sao lưu)` }] } : block)) };
  await offlineDraftWriter.replaceSection({ proposalId: proposal.id, sectionId: row.sectionId, content: edited, actorId: lan.id });
  await submitProposal({ actor: lan, proposalId: proposal.id, writer: offlineDraftWriter });
  const now = new Date();
  await openConsultation({ actor: lan, proposalId: proposal.id, input: { opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 31 * DAY_MS).toISOString() } });
  const comment = await addConsultationComment({ actor: reader, proposalId: proposal.id, clientAddress: "203.0.113.5", input: { body: "Góp ý được sao lưu." } });
  await moderateConsultationComment({ actor: khoa, proposalId: proposal.id, commentId: comment.id, input: { decision: "publish" } });
  await answerConsultationComment({ actor: lan, proposalId: proposal.id, commentId: comment.id, input: { disposition: "explained", reason: "Đã giải trình." } });
  return proposal.id;
}

async function archiveBytes(base: string): Promise<Buffer> {
  const response = await fetch(`${base}/api/v1/open-data.zip`);
  return Buffer.from(new Uint8Array(await response.arrayBuffer()));
}

describe("handbook mirror", () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof startPublicServer>>;
  let directory: string;
  const tamper: { current: ((pathname: string, body: Buffer) => Buffer) | null } = { current: null };
  let proposalId: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
    proposalId = await consultationWithAnAnswer(database.db);
    const bystander = await actorByEmail(database.db, "thu@moha.gov.vn");
    server = await startPublicServer(tamper, (await createApiToken(database.db, { userId: bystander.id, name: "Người xem", scope: "read", days: 1 })).secret);
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-mirror-"));
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(directory, { recursive: true, force: true });
    await database.drop();
  });

  it("copies every version, statement and proof from a running installation, checked against the manifest, the log and the live addresses", async () => {
    const target = path.join(directory, "mirror");
    const report = await mirror(parseArgs(["--from", `${server.url}/`, "--to", target], mirrorCommand.options));
    expect(report).toMatchObject({ documents: 1, versions: 2, consultations: 1, logSize: 2 });
    const manifest = parseManifest(fs.readFileSync(path.join(target, MANIFEST_PATH)));
    for (const file of manifest.files) expect(fs.statSync(path.join(target, file.path)).size, file.path).toBe(file.bytes);
    const live = await fetch(`${server.url}/api/v1/documents/${SLUG}/versions/2`).then((response) => response.text());
    expect(fs.readFileSync(path.join(target, "documents", SLUG, "versions", "2.json"), "utf8")).toBe(live);
    expect(fs.readFileSync(path.join(target, "open-data.zip")).equals(await archiveBytes(server.url))).toBe(true);
    const consultation = JSON.parse(fs.readFileSync(path.join(target, consultationPath(proposalId)), "utf8")) as { comments: unknown };
    const served = (await fetch(`${server.url}/api/v1/proposals/${proposalId}/consultation`).then((response) => response.json())) as { comments: unknown };
    expect(consultation.comments).toEqual(served.comments);
    expect(JSON.stringify(consultation.comments)).toContain("Đã giải trình.");

    // Again into the same directory: the earlier mirror is replaced, with the policy given as trusted.
    const policy = path.join(directory, "policy.txt");
    fs.writeFileSync(policy, readLogPolicy());
    expect((await mirror(parseArgs(["--from", server.url, "--to", target, "--policy", policy], mirrorCommand.options))).versions).toBe(2);
  });

  it("refuses, and writes nothing, when one byte of a version differs from its manifest", async () => {
    const original = await archiveBytes(server.url);
    const zip = await JSZip.loadAsync(original);
    const name = `documents/${SLUG}/versions/1.json`;
    const text = await zip.file(name)!.async("string");
    zip.file(name, text.replace(/("text":")(.)/, "$1*$2"));
    const forged = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    tamper.current = (pathname, body) => (pathname === "/api/v1/open-data.zip" ? forged : body);
    const target = path.join(directory, "forged");
    const failure = await mirror(parseArgs(["--from", server.url, "--to", target], mirrorCommand.options)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandExit);
    expect((failure as CommandExit).code).toBe(1);
    expect((failure as CommandExit).message.split("\n")[0]).toBe(cliText().mirror.notMirrored(1));
    expect((failure as CommandExit).message).toMatch(/\n.*versions\/1\.json: \d+ bytes with SHA-256/);
    expect(fs.existsSync(target)).toBe(false);
    tamper.current = null;
  });

  it("refuses an archive whose manifest was rewritten to match a changed version: the log proves it wrong", async () => {
    const original = await archiveBytes(server.url);
    const zip = await JSZip.loadAsync(original);
    const name = `documents/${SLUG}/versions/2.json`;
    const forged = await rewriteWithManifest(zip, name, (text) => text.replace(/("text":")(.)/, "$1*$2"));
    tamper.current = (pathname, body) => (pathname === "/api/v1/open-data.zip" ? forged : body);
    const failure = (await mirror(parseArgs(["--from", server.url, "--to", path.join(directory, "rewritten")], mirrorCommand.options)).catch((error: unknown) => error)) as CommandExit;
    tamper.current = null;
    expect(failure).toBeInstanceOf(CommandExit);
    const t = cliText().mirror;
    const where = t.version({ document: SLUG, number: 2 });
    expect(failure.message).toContain(t.notVerified({ where, reason: "REASON", detail: "" }).split("REASON")[0]);
    expect(failure.message).toContain(t.differsFromServed({ where, file: name, host: new URL(server.url).host }));
  });

  it("refuses an archive whose consultation was rewritten, manifest and all: the installation serves other comments", async () => {
    const zip = await JSZip.loadAsync(await archiveBytes(server.url));
    const name = consultationPath(proposalId);
    const forged = await rewriteWithManifest(zip, name, (text) => text.replace("Đã giải trình.", "Đã tiếp thu toàn bộ."));
    tamper.current = (pathname, body) => (pathname === "/api/v1/open-data.zip" ? forged : body);
    const target = path.join(directory, "consultation-forged");
    const failure = (await mirror(parseArgs(["--from", server.url, "--to", target], mirrorCommand.options)).catch((error: unknown) => error)) as CommandExit;
    tamper.current = null;
    expect(failure).toBeInstanceOf(CommandExit);
    expect(failure.message).toContain(cliText().mirror.differsFromServed({ where: cliText().mirror.consultation(proposalId), file: name, host: new URL(server.url).host }));
    expect(fs.existsSync(target)).toBe(false);
  });

  it("refuses a directory that holds something other than a mirror, and an address that is not one", async () => {
    const occupied = path.join(directory, "occupied");
    fs.mkdirSync(occupied);
    fs.writeFileSync(path.join(occupied, "notes.txt"), "keep me");
    await expect(mirror(parseArgs(["--from", server.url, "--to", occupied], mirrorCommand.options))).rejects.toThrow(cliText().mirror.targetOccupied({ target: occupied, manifest: MANIFEST_PATH }));
    expect(fs.readFileSync(path.join(occupied, "notes.txt"), "utf8")).toBe("keep me");
    await expect(mirror(parseArgs(["--from", "ftp://example.vn", "--to", path.join(directory, "x")], mirrorCommand.options))).rejects.toThrow(cliText().mirror.fromHttp);
    await expect(mirror(parseArgs(["--from", "http://127.0.0.1:9", "--to", path.join(directory, "x")], mirrorCommand.options))).rejects.toThrow(cliText().mirror.cannotFetch({ url: "http://127.0.0.1:9/api/v1/open-data.zip", detail: "" }));
  });
});

/** The archive with one file rewritten and the manifest's size and digest made to match it: a forgery only the live installation can expose. */
async function rewriteWithManifest(zip: JSZip, name: string, rewrite: (text: string) => string): Promise<Buffer> {
  const changed = rewrite(await zip.file(name)!.async("string"));
  zip.file(name, changed);
  const manifest = JSON.parse(await zip.file(MANIFEST_PATH)!.async("string")) as { files: { path: string; bytes: number; sha256: string }[] };
  const entry = manifest.files.find((file) => file.path === name)!;
  entry.bytes = Buffer.byteLength(changed);
  entry.sha256 = createHash("sha256").update(changed).digest("hex");
  zip.file(MANIFEST_PATH, JSON.stringify(manifest));
  return zip.generateAsync({ type: "nodebuffer" });
}
