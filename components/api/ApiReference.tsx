import type { Messages } from "@/lib/i18n/messages";

/**
 * The API reference page's body: the OpenAPI document (built by lib/http/openapi/document.ts in
 * the reader's language) rendered as operations grouped by tag, with their parameters, request
 * body and responses, and the named schemas they refer to. No script and nothing from elsewhere.
 */

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  pattern?: string;
  format?: string;
  additionalProperties?: Schema | boolean;
  maxLength?: number;
  minLength?: number;
  default?: unknown;
}
interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface OperationObject {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
export interface ApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: { name: string }[];
  paths?: Record<string, Record<string, OperationObject> | undefined>;
  components?: { schemas?: Record<string, unknown> };
}

const refName = (ref: string) => ref.replace("#/components/schemas/", "");
const anchorOf = (name: string) => `schema-${name}`;

function typeLabel(schema: Schema): React.ReactNode {
  if (schema.$ref) return <a href={`#${anchorOf(refName(schema.$ref))}`}>{refName(schema.$ref)}</a>;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    return variants.map((variant, index) => (
      <span key={index}>
        {index > 0 ? " | " : ""}
        {typeLabel(variant)}
      </span>
    ));
  }
  if (schema.allOf) return schema.allOf.map((part, index) => <span key={index}>{index > 0 ? " & " : ""}{typeLabel(part)}</span>);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  if (type === "array") return <>{"array<"}{schema.items ? typeLabel(schema.items) : "any"}{">"}</>;
  if (type === "object" && !schema.properties && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    return <>{"map<string, "}{typeLabel(schema.additionalProperties)}{">"}</>;
  }
  const detail = [schema.format, schema.pattern ? `/${schema.pattern}/` : null, schema.maxLength !== undefined ? `≤ ${schema.maxLength}` : null].filter(Boolean).join(", ");
  return <>{type ?? "any"}{detail ? <span className="meta"> ({detail})</span> : null}</>;
}

function SchemaView({ schema, t, depth = 0 }: { schema: Schema; t: Messages["api"]; depth?: number }) {
  const inner = !schema.$ref && schema.type === "array" && schema.items && !schema.items.$ref ? schema.items : schema;
  if (!inner.properties || depth > 4) return <p><code>{typeLabel(schema)}</code>{schema.description ? ` — ${schema.description}` : null}</p>;
  return (
    <>
      {inner !== schema ? <p><code>array</code></p> : null}
      <table className="data">
        <thead>
          <tr><th>{t.name}</th><th>{t.type}</th><th /></tr>
        </thead>
        <tbody>
          {Object.entries(inner.properties).map(([name, property]) => (
            <tr key={name}>
              <td><code>{name}</code></td>
              <td>
                <code>{typeLabel(property)}</code>
                {property.description ? <div className="meta">{property.description}</div> : null}
                {!property.$ref && (property.properties || property.items?.properties) ? <SchemaView schema={property} t={t} depth={depth + 1} /> : null}
              </td>
              <td className="meta">{inner.required?.includes(name) ? t.required : t.optional}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const METHOD_ORDER = ["get", "put", "post", "patch", "delete"];

function operationsByTag(document: ApiDocument) {
  const groups = new Map<string, { method: string; path: string; operation: OperationObject }[]>();
  for (const tag of document.tags ?? []) groups.set(tag.name, []);
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHOD_ORDER) {
      const operation = item?.[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? "";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, operation });
    }
  }
  return groups;
}

export function ApiReference({ document, t }: { document: ApiDocument; t: Messages["api"] }) {
  const groups = operationsByTag(document);
  const schemas = Object.entries(document.components?.schemas ?? {}) as [string, Schema][];
  return (
    <div className="api-reference">
      <nav aria-label={t.contents}>
        <h2>{t.contents}</h2>
        <ul>
          {[...groups].map(([tag, operations]) => (
            <li key={tag}>
              {tag}
              <ul>
                {operations.map(({ method, path, operation }) => (
                  <li key={operation.operationId}>
                    <a href={`#${operation.operationId}`}><code>{method.toUpperCase()} {path}</code></a> — {operation.summary}
                  </li>
                ))}
              </ul>
            </li>
          ))}
          <li><a href="#schemas">{t.schemas}</a></li>
        </ul>
      </nav>
      {[...groups].map(([tag, operations]) => (
        <section key={tag}>
          <h2>{tag}</h2>
          {operations.map(({ method, path, operation }) => (
            <article key={operation.operationId} id={operation.operationId} className="api-operation">
              <h3><code>{method.toUpperCase()} {path}</code></h3>
              <p><strong>{operation.summary}</strong></p>
              {(operation.description ?? "").split("\n\n").map((paragraph, index) => <p key={index}>{paragraph}</p>)}
              {operation.parameters && operation.parameters.length > 0 ? (
                <>
                  <h4>{t.parameters}</h4>
                  <table className="data">
                    <thead><tr><th>{t.name}</th><th>{t.location}</th><th>{t.type}</th><th /></tr></thead>
                    <tbody>
                      {operation.parameters.map((parameter) => (
                        <tr key={`${parameter.in}-${parameter.name}`}>
                          <td><code>{parameter.name}</code></td>
                          <td>{t.locations[parameter.in]}</td>
                          <td><code>{parameter.schema ? typeLabel(parameter.schema) : "string"}</code><div className="meta">{parameter.description}</div></td>
                          <td className="meta">{parameter.required ? t.required : t.optional}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              ) : null}
              {operation.requestBody ? (
                <>
                  <h4>{t.requestBody} <span className="meta">({operation.requestBody.required ? t.required : t.optional})</span></h4>
                  {Object.entries(operation.requestBody.content).map(([media, { schema }]) => (
                    <div key={media}><p className="meta"><code>{media}</code></p><SchemaView schema={schema} t={t} /></div>
                  ))}
                </>
              ) : null}
              <h4>{t.responses}</h4>
              <table className="data">
                <tbody>
                  {Object.entries(operation.responses).map(([status, response]) => (
                    <tr key={status}>
                      <td><code>{status}</code></td>
                      <td>
                        {response.description}
                        {Object.entries(response.content ?? {}).map(([media, { schema }]) => (
                          <div key={media} className="meta"><code>{media}</code> <code>{typeLabel(schema)}</code></div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </article>
          ))}
        </section>
      ))}
      <section id="schemas">
        <h2>{t.schemas}</h2>
        {schemas.map(([name, schema]) => (
          <article key={name} id={anchorOf(name)}>
            <h3><code>{name}</code></h3>
            <SchemaView schema={schema} t={t} />
          </article>
        ))}
      </section>
    </div>
  );
}
