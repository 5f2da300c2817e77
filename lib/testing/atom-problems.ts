import { DOMParser } from "@xmldom/xmldom";

const ATOM = "http://www.w3.org/2005/Atom";

/** Children of `parent` in the Atom namespace named `name`. */
function children(parent: Element, name: string): Element[] {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1 && (node as Element).localName === name && (node as Element).namespaceURI === ATOM);
}

/**
 * What a feed validator checks first (RFC 4287 §4.1.1, §4.1.2): the document parses as XML with a
 * strict parser (any warning or error fails); the feed has exactly one id, title and updated; every
 * entry has exactly one id, title and updated, an author of its own or the feed's, and a link or
 * content; dates are RFC 3339; ids are absolute IRIs. Returns the problems found.
 */
export function atomProblems(xml: string): string[] {
  const problems: string[] = [];
  const report = (level: string) => (message: string) => problems.push(`${level}: ${message}`);
  const parsed = new DOMParser({ errorHandler: { warning: report("warning"), error: report("error"), fatalError: report("fatal") } }).parseFromString(xml, "application/xml");
  const feed = parsed.documentElement;
  if (!feed || feed.localName !== "feed" || feed.namespaceURI !== ATOM) return [...problems, "the root is not an Atom feed"];
  const once = (parent: Element, name: string, where: string) => {
    const found = children(parent, name);
    if (found.length !== 1) problems.push(`${where} has ${found.length} <${name}>`);
    return found[0];
  };
  const checkCommon = (parent: Element, where: string) => {
    const id = once(parent, "id", where)?.textContent ?? "";
    if (!/^[a-z][a-z0-9+.-]*:/i.test(id)) problems.push(`${where}: id ${JSON.stringify(id)} is not an absolute IRI`);
    once(parent, "title", where);
    const updated = once(parent, "updated", where)?.textContent ?? "";
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(updated)) problems.push(`${where}: updated ${JSON.stringify(updated)} is not RFC 3339`);
  };
  checkCommon(feed, "feed");
  const feedHasAuthor = children(feed, "author").some((author) => children(author, "name").length === 1);
  children(feed, "entry").forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    checkCommon(entry, where);
    if (!feedHasAuthor && !children(entry, "author").some((author) => children(author, "name").length === 1)) problems.push(`${where} has no author, nor has the feed`);
    if (children(entry, "content").length === 0 && !children(entry, "link").some((link) => (link.getAttribute("rel") ?? "alternate") === "alternate")) problems.push(`${where} has neither content nor an alternate link`);
  });
  return problems;
}
