/**
 * Citable identifiers in the manner of the European Legislation Identifier (ELI): one URI per
 * work (the document), per expression (a version, or the text in force on a day) and per language,
 * from one documented template (README, "Citable identifiers"):
 *
 *   {base}/eli/cam-nang/{document}                       the work
 *   {base}/eli/cam-nang/{document}/v{n}[/{lang}]         version n
 *   {base}/eli/cam-nang/{document}/{YYYY-MM-DD}[/{lang}] the text in force on that day
 *
 * where {lang} is ISO 639-2: `vie` (the authentic text) or `eng` (the interface language).
 * Every URI resolves: /eli/… redirects to the reader's page for it.
 */
export const ELI_TYPE = "cam-nang";
export const ELI_LANGUAGES = { vie: "vi", eng: "en" } as const;
export type EliLanguage = keyof typeof ELI_LANGUAGES;

export type EliTarget =
  | { document: string }
  | { document: string; version: number; language?: EliLanguage }
  | { document: string; date: string; language?: EliLanguage };

export function eliUri(base: string, target: EliTarget): string {
  const root = `${base.replace(/\/+$/, "")}/eli/${ELI_TYPE}/${target.document}`;
  if ("version" in target) return `${root}/v${target.version}${target.language ? `/${target.language}` : ""}`;
  if ("date" in target) return `${root}/${target.date}${target.language ? `/${target.language}` : ""}`;
  return root;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERSION = /^v([1-9][0-9]{0,8})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The target of the path segments after /eli/, or null when they follow no template. */
export function parseEliPath(segments: readonly string[]): EliTarget | null {
  const [type, document, expression, language, ...rest] = segments;
  if (type !== ELI_TYPE || !document || !SLUG.test(document) || rest.length > 0) return null;
  if (expression === undefined) return { document };
  if (language !== undefined && !(language in ELI_LANGUAGES)) return null;
  const lang = language as EliLanguage | undefined;
  const version = VERSION.exec(expression);
  if (version) return { document, version: Number(version[1]), ...(lang ? { language: lang } : {}) };
  if (DAY.test(expression)) return { document, date: expression, ...(lang ? { language: lang } : {}) };
  return null;
}

/** The reader's path an identifier stands for. */
export function readerPathFor(target: EliTarget): string {
  if ("version" in target) return `/${target.document}/v/${target.version}`;
  if ("date" in target) return `/${target.document}/ngay/${target.date}`;
  return `/${target.document}`;
}

export interface LegislationFacts {
  base: string;
  document: { slug: string; title: string };
  version: { number: number; publishedOn: string; effectiveFrom: string; supersededOn: string | null; hash: string };
  inForce: boolean;
  legalBasis: string | null;
  /** The edition the version is read as (its name and stable address), if it is. */
  edition?: { name: string; url: string } | null;
}

/**
 * schema.org `Legislation` for a version page (JSON-LD): both dates, the version, what it is
 * based on (the version it amends, or the work for the first one, and the legal basis given).
 */
export function legislationJsonLd(facts: LegislationFacts): Record<string, unknown> {
  const { base, document, version } = facts;
  const work = eliUri(base, { document: document.slug });
  const basedOn: unknown[] = [version.number > 1 ? eliUri(base, { document: document.slug, version: version.number - 1 }) : work];
  if (facts.legalBasis) basedOn.push({ "@type": "Legislation", name: facts.legalBasis });
  return {
    "@context": "https://schema.org",
    "@type": "Legislation",
    "@id": eliUri(base, { document: document.slug, version: version.number }),
    name: document.title,
    legislationIdentifier: eliUri(base, { document: document.slug, version: version.number }),
    legislationType: "Cẩm nang",
    version: String(version.number),
    legislationDate: version.publishedOn,
    datePublished: version.publishedOn,
    legislationDateOfApplicability: version.effectiveFrom,
    ...(version.supersededOn ? { expires: version.supersededOn } : {}),
    legislationLegalForce: facts.inForce ? "https://schema.org/InForce" : "https://schema.org/NotInForce",
    inLanguage: "vi",
    isPartOf: work,
    isBasedOn: basedOn,
    workExample: eliUri(base, { document: document.slug, version: version.number, language: "vie" }),
    url: `${base.replace(/\/+$/, "")}/${document.slug}/v/${version.number}`,
    identifier: { "@type": "PropertyValue", propertyID: "sha256", value: version.hash },
    ...(facts.edition ? { alternateName: facts.edition.name, sameAs: facts.edition.url } : {}),
  };
}

/** JSON for a <script type="application/ld+json">: no "</script>" or "<!--" can close it early. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}
