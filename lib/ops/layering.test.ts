import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../db/config";

/**
 * The layering rules in eslint.config.mjs are what keep the README's architecture map true: these
 * cases prove that the rules reject what the map forbids, on code as it would be written.
 */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: projectRoot() });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === "boundaries/element-types").map((message) => message.message);
}

describe("the layering rules", () => {
  it("refuse a page that reaches the database", async () => {
    const errors = await boundaryErrors("app/page.tsx", 'import { getDb } from "@/lib/db/client";\nexport default async function Page() { await getDb(); return null; }\n');
    expect(errors.join("\n")).toContain("Dependency is of type 'db'");
  });

  it("refuse domain logic that imports anything of the project outside lib/domain", async () => {
    const errors = await boundaryErrors("lib/domain/slug.ts", 'import { getDb } from "../db/client";\nexport const probe = getDb;\n');
    expect(errors.length).toBeGreaterThan(0);
  });

  it("refuse a component that calls a use case, but let it name a use case's types", async () => {
    const calls = await boundaryErrors("components/reader/DocumentToc.tsx", 'import { listDocuments } from "@/lib/services/read-document";\nexport const probe = listDocuments;\n');
    expect(calls.length).toBeGreaterThan(0);
    const types = await boundaryErrors(
      "components/reader/DocumentToc.tsx",
      'import type { PublishedSection } from "@/lib/services/read-document";\nexport type Probe = PublishedSection;\n',
    );
    expect(types).toEqual([]);
  });

  it("let a page load through a use case", async () => {
    const errors = await boundaryErrors("app/page.tsx", 'import { listDocuments } from "@/lib/services/read-document";\nexport default async function Page() { await listDocuments(); return null; }\n');
    expect(errors).toEqual([]);
  });
});
