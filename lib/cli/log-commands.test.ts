import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { readLogPolicy, readVersionProofFile } from "../services/log/read-log";
import { publishedDocumentJson, readPublishedDocument } from "../services/read-document";
import { parseArgs } from "./commands";
import { CommandExit, verifyOffline } from "./log-commands";
import { cliText } from "./text";
import { verifyCommand } from "./history-commands";

const SLUG = "cam-nang-chuyen-doi-so";

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("handbook verify --offline", () => {
  let database: TestDatabase;
  let directory: string;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite", { seed: true });
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "verify-offline-"));
    fs.writeFileSync(path.join(directory, "v2.json"), JSON.stringify(publishedDocumentJson(await readPublishedDocument({ slug: SLUG, versionNumber: 2 }))));
    fs.writeFileSync(path.join(directory, "v2.tlog-proof"), (await readVersionProofFile(SLUG, 2)).body);
    fs.writeFileSync(path.join(directory, "policy.txt"), readLogPolicy());
  });
  afterAll(async () => {
    fs.rmSync(directory, { recursive: true, force: true });
    await database.drop();
  });

  const args = (content: string) =>
    parseArgs(["--offline", "--content", path.join(directory, content), "--proof", path.join(directory, "v2.tlog-proof"), "--policy", path.join(directory, "policy.txt")], verifyCommand.options);

  it("verifies a saved version with its proof file and the policy, naming the approvers", () => {
    const t = cliText().log;
    const report = verifyOffline(args("v2.json"));
    const [verified, , approvals] = report.split("\n");
    expect(verified).toMatch(new RegExp(`^${escaped(t.verified({ document: SLUG, version: 2, entry: 1, size: 2, origin: "ORIGIN" })).replace("ORIGIN", "\\S+")}$`));
    // The seed's reviewers sign their approvals (with keys made for the seed and then dropped).
    const fingerprint = "SHA256:[A-Za-z0-9+/]{43}";
    expect(approvals).toMatch(new RegExp(`^${escaped(t.approvals("LIST")).replace("LIST", `Lê Văn Minh \\(${fingerprint}\\), Đỗ Thị Thu \\(${fingerprint}\\)`)}$`));
  });

  it("refuses content changed by one character", () => {
    const json = fs.readFileSync(path.join(directory, "v2.json"), "utf8");
    fs.writeFileSync(path.join(directory, "changed.json"), json.replace(/("text":")([^"])/, "$1*$2"));
    expect(() => verifyOffline(args("changed.json"))).toThrow(CommandExit);
    expect(() => verifyOffline(args("changed.json"))).toThrow(cliText().log.notVerified({ reason: "section_content_mismatch", detail: "" }));
  });
});
