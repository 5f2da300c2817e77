import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../i18n/locales";
import { buildOpenApiDocument } from "./document";
import { OPERATIONS } from "./operations";

const API_DIR = path.resolve(__dirname, "../../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Every (method, OpenAPI path) a route file under app/api/v1 answers, read from the files themselves. */
function routesOnDisk(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const relative = path.relative(path.resolve(API_DIR, "../../.."), path.dirname(full)).split(path.sep).slice(1);
        const openApiPath = `/${relative.map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
        const source = fs.readFileSync(full, "utf8");
        for (const method of METHODS) {
          if (new RegExp(`export\\s+(const|async function|function)\\s+${method}\\b`).test(source)) found.push(`${method.toLowerCase()} ${openApiPath}`);
        }
      }
    }
  };
  walk(API_DIR);
  return found.sort();
}

describe("the OpenAPI description", () => {
  it("describes every route under app/api/v1, and nothing that is not there", () => {
    const onDisk = routesOnDisk();
    const described = OPERATIONS.map((operation) => `${operation.method} ${operation.path}`).sort();
    expect(onDisk.length).toBeGreaterThan(20);
    expect(onDisk.filter((route) => !described.includes(route)), "routes without a description in lib/http/openapi/operations.ts").toEqual([]);
    expect(described.filter((route) => !onDisk.includes(route)), "descriptions of routes that do not exist").toEqual([]);
    expect(new Set(OPERATIONS.map((operation) => operation.id)).size).toBe(OPERATIONS.length);
  });

  it("names each path parameter of the route in the operation", () => {
    for (const operation of OPERATIONS) {
      const inPath = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      expect(Object.keys(operation.params ?? {}).sort(), operation.path).toEqual(inPath);
    }
  });

  for (const locale of LOCALES) {
    it(`validates as OpenAPI 3.1 against the specification's schema (${locale})`, async () => {
      const document = buildOpenApiDocument({ locale, serverUrl: "https://camnang.example" });
      expect(document.openapi).toBe("3.1.0");
      // validate() dereferences, so it works on a copy; the original keeps its $refs.
      const validated = await SwaggerParser.validate(structuredClone(document) as never);
      expect(Object.keys(validated.paths ?? {}).length).toBe(new Set(OPERATIONS.map((operation) => operation.path)).size);
      for (const operation of OPERATIONS) {
        const described = (document.paths as Record<string, Record<string, { operationId?: string; summary?: string }>>)[operation.path]?.[operation.method];
        expect(described?.operationId).toBe(operation.id);
        expect(described?.summary?.length).toBeGreaterThan(0);
      }
    });
  }

  it("refers to named schemas, and carries the request bodies the routes validate with", () => {
    const document = buildOpenApiDocument({ locale: "en" });
    const schemas = document.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(["ErrorBody", "PublishedDocument", "Proposal", "VersionList"]));
    const review = (document.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, { enum?: string[] }>; required?: string[] } }> } }>>)["/api/v1/proposals/{id}/reviews"].post;
    const body = review.requestBody!.content["application/json"].schema;
    expect(body.properties?.decision?.enum).toEqual(["approve", "request_changes", "reject"]);
    expect(body.required).toContain("decision");
  });

  it("speaks both languages from the catalog", () => {
    const vi = buildOpenApiDocument({ locale: "vi" });
    const en = buildOpenApiDocument({ locale: "en" });
    expect(vi.info.title).not.toBe(en.info.title);
    expect((vi.paths as Record<string, Record<string, { summary: string }>>)["/api/v1/documents"].get.summary).toBe("Danh sách tài liệu");
    expect((en.paths as Record<string, Record<string, { summary: string }>>)["/api/v1/documents"].get.summary).toBe("List documents");
  });
});

describe("the validator the description is checked with", () => {
  it("refuses a document that breaks the specification", async () => {
    const broken = structuredClone(buildOpenApiDocument({ locale: "en" })) as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
    broken.paths["/api/v1/documents"].get.responses = { "200": { content: {} } };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });
});
