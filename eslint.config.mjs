// Lint and layering. The element types and the allowed imports below say exactly what the
// README's architecture map says; a page importing lib/db, or lib/domain importing anything of
// the project, fails `npm run lint` (run by `npm test`).
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

/** Each folder's role; a file belongs to the first pattern that matches it. */
const ELEMENTS = [
  { type: "domain", pattern: "lib/domain/**" },
  { type: "i18n", pattern: "lib/i18n/**" },
  { type: "errors", pattern: "lib/errors.ts", mode: "full" },
  { type: "policies", pattern: "lib/policies/**" },
  { type: "editor", pattern: "lib/editor/**" },
  { type: "db", pattern: "lib/db/**" },
  { type: "auth", pattern: "lib/auth/**" },
  { type: "services", pattern: "lib/services/**" },
  { type: "http", pattern: "lib/http/**" },
  // The web app's client of the collaboration server (where browsers connect, the internal API).
  { type: "collab-client", pattern: ["lib/collab/client.ts", "lib/collab/config.ts"], mode: "full" },
  { type: "collab", pattern: "lib/collab/**" },
  { type: "cli", pattern: "lib/cli/**" },
  { type: "ops", pattern: "lib/ops/**" },
  { type: "testing", pattern: "lib/testing/**" },
  { type: "lib", pattern: "lib/*/**" },
  { type: "components", pattern: "components/**" },
  { type: "app", pattern: "app/**" },
  { type: "proxy", pattern: "proxy.ts", mode: "full" },
  { type: "e2e", pattern: "e2e/**" },
];

/** The foundations every layer may use: pure logic, words, and the error type. */
const FOUNDATION = ["domain", "i18n", "errors"];

/** Who may import whom. Anything not listed is refused. */
const IMPORT_RULES = [
  { from: "domain", allow: ["domain"] },
  { from: "i18n", allow: ["domain", "i18n"] },
  { from: "errors", allow: ["i18n"] },
  { from: "policies", allow: [...FOUNDATION, "policies"] },
  { from: "editor", allow: [...FOUNDATION, "editor"] },
  { from: "db", allow: [...FOUNDATION, "db"] },
  // ...and may build the shapes the permission rules take.
  { from: "db", allow: ["policies"], importKind: "type" },
  { from: "auth", allow: [...FOUNDATION, "policies", "db", "auth"] },
  { from: "services", allow: [...FOUNDATION, "policies", "db", "editor", "auth", "services", "lib"] },
  { from: "collab", allow: [...FOUNDATION, "policies", "db", "editor", "auth", "services", "collab", "collab-client", "lib"] },
  { from: "collab-client", allow: [...FOUNDATION, "auth", "collab-client"] },
  { from: "collab-client", allow: ["services"], importKind: "type" },
  { from: "lib", allow: [...FOUNDATION, "policies", "db", "editor", "auth", "services", "lib"] },
  { from: "http", allow: [...FOUNDATION, "policies", "auth", "services", "http", "lib"] },
  { from: "cli", allow: [...FOUNDATION, "policies", "db", "editor", "auth", "services", "ops", "cli", "lib"] },
  { from: "ops", allow: [...FOUNDATION, "db", "services", "ops", "lib"] },
  { from: "testing", allow: [...FOUNDATION, "policies", "db", "editor", "auth", "services", "collab", "testing", "lib"] },
  // Components render; they take data as props and never reach the database or the use cases.
  { from: "components", allow: [...FOUNDATION, "policies", "editor", "components"] },
  // ...but may name the shapes of what services return.
  { from: "components", allow: ["services"], importKind: "type" },
  // Pages, routes and actions load through services, authorize through policies, render components.
  { from: "app", allow: [...FOUNDATION, "policies", "auth", "services", "http", "editor", "components", "collab-client", "app"] },
  { from: "proxy", allow: [...FOUNDATION, "http", "services"] },
  // End-to-end specs and benchmarks arrange through any layer and start the product as ops does;
  // the hostile suite takes its expectations from the permission module.
  { from: "e2e", allow: ["domain", "e2e", "testing", "collab", "editor", "db", "services", "auth", "policies", "i18n", "errors", "ops", "http", "lib"] },
];

export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "lib/db/generated/**", "data/**", "bench-results/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "**/*.mjs", "**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { boundaries },
    settings: {
      "boundaries/elements": ELEMENTS,
      "boundaries/include": ["app/**", "components/**", "lib/**", "e2e/**", "proxy.ts"],
      "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
    },
    rules: {
      // Control characters are matched on purpose (XML validity, canonical statements, link safety).
      "no-control-regex": "off",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "boundaries/element-types": ["error", { default: "disallow", rules: IMPORT_RULES }],
    },
  },
  {
    // Integration tests (and their helpers) arrange through any layer; domain tests stay pure.
    files: ["**/*.test.ts", "lib/**/test-helpers.ts", "lib/**/test-support.ts", "lib/**/fixtures/**"],
    rules: {
      "boundaries/element-types": [
        "error",
        {
          default: "disallow",
          rules: IMPORT_RULES.map((rule) =>
            rule.from === "domain" ? rule : { from: rule.from, allow: ELEMENTS.map((element) => element.type).filter((type) => type !== "app" && type !== "e2e") },
          ),
        },
      ],
    },
  },
);
