import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as tlog from "./index";

const sources = readdirSync(__dirname).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));

describe("the tlog module", () => {
  it("imports nothing a browser lacks, and nothing from the project outside lib/domain", () => {
    for (const file of sources) {
      const source = readFileSync(path.join(__dirname, file), "utf8");
      const imports = [...source.matchAll(/from "([^"]+)"/g)].map((match) => match[1]);
      for (const specifier of imports) {
        const allowed = specifier.startsWith("./") || specifier.startsWith("@noble/hashes/") || specifier.startsWith("@noble/curves/");
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it("exports the API others build on", () => {
    for (const name of [
      "verifyInclusion",
      "verifyConsistency",
      "inclusionProof",
      "consistencyProof",
      "openNote",
      "signCheckpoint",
      "cosignatureLines",
      "decideAddCheckpoint",
      "parseTilePath",
      "parseTlogProof",
      "parsePolicy",
      "encodeStatement",
      "verifyVersionOffline",
      "verifyConsistencyBetween",
      "keyFingerprint",
    ]) {
      expect(typeof Reflect.get(tlog, name), name).toBe("function");
    }
  });
});
