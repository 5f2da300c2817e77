import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { Locale } from "../../i18n/locales";
import { messages } from "../../i18n/messages";
import { OPERATIONS, type Operation, type Parameter, type Status } from "./operations";

/**
 * The OpenAPI 3.1 description of /api/v1, generated from the operations list and its zod schemas
 * (the request bodies are the very schemas the routes validate with), its words in one language
 * from the catalog. Served at GET /api/v1/openapi.json and rendered at /tai-lieu-api.
 */

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

export const OPENAPI_VERSION = "3.1.0";
/** The API's own version: /api/v1, described as 1.x; raised when something is added. */
export const API_VERSION = "1.1.0";
export const BEARER_SCHEME = "apiToken";
export const COOKIE_SCHEME = "session";

function parameterObject(parameters: Record<string, Parameter> | undefined, text: (key: Parameter["text"]) => string, path: boolean) {
  if (!parameters) return undefined;
  const shape: Record<string, z.ZodType> = {};
  for (const [name, parameter] of Object.entries(parameters)) {
    const described = parameter.schema.describe(text(parameter.text));
    shape[name] = path || parameter.required ? described : described.optional();
  }
  return z.object(shape);
}

function responsesOf(operation: Operation, statusText: (status: Status) => string): Record<string, ResponseConfig> {
  const responses: Record<string, ResponseConfig> = {};
  for (const [key, spec] of Object.entries(operation.responses)) {
    const status = Number(key) as Status;
    const content: NonNullable<ResponseConfig["content"]> = {};
    if (spec?.schema) content["application/json"] = { schema: spec.schema };
    for (const media of spec?.media ?? []) content[media] = { schema: media === "application/pdf" || media === "application/zip" ? { type: "string", contentMediaType: media } : { type: "string" } };
    responses[key] = { description: statusText(status), ...(Object.keys(content).length > 0 ? { content } : {}) };
  }
  return responses;
}

export function buildOpenApiDocument(options: { locale: Locale; serverUrl?: string }): OpenApiDocument {
  const t = messages(options.locale).api;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", BEARER_SCHEME, { type: "http", scheme: "bearer", description: t.securityBearer });
  registry.registerComponent("securitySchemes", COOKIE_SCHEME, { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: t.securityCookie });
  for (const operation of OPERATIONS) {
    const text = t.operations[operation.id];
    const route: RouteConfig = {
      method: operation.method,
      path: operation.path,
      operationId: operation.id,
      summary: text.summary,
      description: `${text.description}\n\n${operation.access === "public" ? t.noAccount : operation.access === "account" ? t.needsAccount : t.needsWrite}`,
      tags: [t.tags[operation.tag]],
      security: operation.access === "public" ? [] : [{ [BEARER_SCHEME]: [] }, { [COOKIE_SCHEME]: [] }],
      request: {
        params: parameterObject(operation.params, (key) => t.params[key], true),
        query: parameterObject(operation.query, (key) => t.params[key], false),
        body: operation.body ? { required: operation.body.required, content: { "application/json": { schema: operation.body.schema } } } : undefined,
      },
      responses: responsesOf(operation, (status) => t.statuses[status]),
    };
    registry.registerPath(route);
  }
  const tags = [...new Set(OPERATIONS.map((operation) => operation.tag))].map((tag) => ({ name: t.tags[tag] }));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: OPENAPI_VERSION,
    info: { title: t.title, version: API_VERSION, description: t.description },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : undefined,
    tags,
  });
}
