/**
 * Atom 1.0 (RFC 4287) feeds of published versions. Built as text with every value escaped,
 * and characters XML 1.0 forbids removed, so that no stored title or summary can break the
 * document a feed reader parses.
 */
import { escapeHtml, escapeXml, stripXmlForbidden } from "../escape";

export interface AtomEntry {
  /** A permanent IRI (the version's permalink). */
  id: string;
  title: string;
  updated: Date;
  /** Where the entry points readers (the version's diff). */
  link: string;
  summary: string;
  /** Plain-text lines shown as the entry's content, one paragraph each. */
  details: readonly string[];
  authorName: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** The feed's own URL (rel="self"). */
  selfUrl: string;
  /** The page the feed describes (rel="alternate"). */
  pageUrl: string;
  authorName: string;
  language: string;
  /** Newest first. */
  entries: readonly AtomEntry[];
  /** Used when there are no entries. */
  fallbackUpdated: Date;
}

export function buildAtomFeed(feed: AtomFeed): string {
  const updated = feed.entries[0]?.updated ?? feed.fallbackUpdated;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">`,
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle>${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    `  <author><name>${escapeXml(feed.authorName)}</name></author>`,
    ...feed.entries.map(entryXml),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}

function entryXml(entry: AtomEntry): string {
  // The content is HTML carried as escaped text (type="html"): escaped once as HTML, once as XML.
  const html = entry.details.map((line) => `<p>${escapeHtml(stripXmlForbidden(line))}</p>`).join("");
  return [
    `  <entry>`,
    `    <id>${escapeXml(entry.id)}</id>`,
    `    <title>${escapeXml(entry.title)}</title>`,
    `    <updated>${entry.updated.toISOString()}</updated>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(entry.link)}"/>`,
    `    <author><name>${escapeXml(entry.authorName)}</name></author>`,
    `    <summary>${escapeXml(entry.summary)}</summary>`,
    `    <content type="html">${escapeXml(html)}</content>`,
    `  </entry>`,
  ].join("\n");
}
