import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "handbook-backup-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function handbook(args: string[], databaseFile: string) {
  return run(process.execPath, [tsx, path.join(root, "lib/cli/main.ts"), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, HANDBOOK_LOG_KEY_FILE: "" } });
}

describe("handbook backup and restore of the embedded database", () => {
  it("copies a running installation, restores it into a fresh database and verifies its chain and signed log", async () => {
    const live = path.join(work, "live/handbook.db");
    await run(process.execPath, [tsx, path.join(root, "lib/ops/migrate-command.ts")], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${live}`, HANDBOOK_LOG_KEY_FILE: "" } });
    const backup = path.join(work, "handbook-backup.db");
    const made = await handbook(["backup", "--out", backup], live);
    expect(JSON.parse(made.stdout.trim().split("\n").at(-1)!)).toMatchObject({ backup, logKey: true });
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    await expect(handbook(["backup", "--out", backup], live)).rejects.toMatchObject({ code: 2 });

    const fresh = path.join(work, "restored/handbook.db");
    const restored = await handbook(["restore", "--from", backup], fresh);
    const report = JSON.parse(restored.stdout.trim().split("\n").at(-1)!) as { verified: { slug: string; versions: number }[] };
    expect(report.verified).toEqual([{ slug: "cam-nang-chuyen-doi-so", versions: 2 }]);
    // Never over a database that holds data.
    await expect(handbook(["restore", "--from", backup], live)).rejects.toMatchObject({ code: 2 });
  }, 120_000);

  it("refuses a restore whose copy fails verification, and says where", async () => {
    const live = path.join(work, "tampered/handbook.db");
    await run(process.execPath, [tsx, path.join(root, "lib/ops/migrate-command.ts")], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${live}`, HANDBOOK_LOG_KEY_FILE: "" } });
    const backup = path.join(work, "tampered-backup.db");
    await handbook(["backup", "--out", backup], live);
    // Another installation's log key: the copy's checkpoints no longer verify.
    const other = path.join(work, "other/handbook.db");
    await run(process.execPath, [tsx, path.join(root, "lib/ops/migrate-command.ts")], { cwd: root, env: { ...process.env, DATABASE_URL: `file:${other}`, HANDBOOK_LOG_KEY_FILE: "" } });
    fs.copyFileSync(path.join(path.dirname(other), "log-key"), `${backup}.log-key`);
    const failed = await handbook(["restore", "--from", backup], path.join(work, "restored-tampered/handbook.db")).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("cam-nang-chuyen-doi-so");
  }, 120_000);
});
