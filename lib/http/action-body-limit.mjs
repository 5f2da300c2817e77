/**
 * The server actions' body limit, shared by next.config.js (Next's own `bodySizeLimit`, and the
 * rewrites that send over-limit and chunked action posts to app/api/action-body/route.ts) and that
 * route. Plain JavaScript, because next.config.js loads it without a TypeScript step.
 *
 * Chapter imports arrive through a server action; a long chapter in Markdown or DOCX exceeds
 * Next's 1 MB default, and the import service enforces its own limit (2 MiB, MAX_IMPORT_BYTES)
 * below this one, so 3 MiB is the import with its form around it.
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

/**
 * A regular expression source matching exactly the decimal integers greater than `limit`
 * (leading zeros allowed, as HTTP's Content-Length grammar allows them). Next's `has` header
 * conditions (next.config.js rewrites) compare header values by regular expression only, so a
 * size limit is written this way: more significant digits than the limit has, or as many digits
 * and a larger one at the first place they differ.
 *
 * @param {number} limit a non-negative safe integer
 * @returns {string} a source to anchor as `^(?:…)$`; it is one group already
 */
export function decimalAbovePattern(limit) {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`not a non-negative safe integer: ${limit}`);
  const digits = String(limit);
  const alternatives = [`[1-9][0-9]{${digits.length},}`];
  for (let place = 0; place < digits.length; place += 1) {
    const digit = Number(digits[place]);
    if (digit === 9) continue;
    const rest = digits.length - place - 1;
    const larger = digit + 1 === 9 ? "9" : `[${digit + 1}-9]`;
    const tail = rest === 0 ? "" : rest === 1 ? "[0-9]" : `[0-9]{${rest}}`;
    alternatives.push(`${digits.slice(0, place)}${larger}${tail}`);
  }
  return `0*(?:${alternatives.join("|")})`;
}

/** The Content-Length values of server action posts over the limit, for a `has` condition. */
export const OVER_ACTION_LIMIT_CONTENT_LENGTH = decimalAbovePattern(SERVER_ACTION_BODY_LIMIT_BYTES);
