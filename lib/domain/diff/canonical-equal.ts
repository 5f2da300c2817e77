/**
 * Equality exactly as canonicalJson() sees values (strings compared after NFC, object keys
 * unordered, null and undefined members absent), computed without serializing: comparing a
 * 100k-word handbook with itself this way takes a few milliseconds and allocates nothing
 * unless two strings differ in their bytes.
 */
export function canonicalEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left === "string" || typeof right === "string") return stringsCanonicallyEqual(left, right);
  if (Array.isArray(left) || Array.isArray(right)) return arraysCanonicallyEqual(left, right);
  if (isObject(left) && isObject(right)) return objectsCanonicallyEqual(left, right);
  return false;
}

function stringsCanonicallyEqual(left: unknown, right: unknown): boolean {
  if (typeof left !== "string" || typeof right !== "string") return false;
  return left.normalize("NFC") === right.normalize("NFC");
}

function arraysCanonicallyEqual(left: unknown, right: unknown): boolean {
  if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    if (!canonicalEqual(left[index], right[index])) return false;
  }
  return true;
}

function objectsCanonicallyEqual(left: Record<string, unknown>, right: Record<string, unknown>): boolean {
  let presentOnLeft = 0;
  // for...in walks own and inherited enumerable keys; parsed JSON and plain literals have
  // no inherited ones, and it allocates no key array, unlike Object.keys.
  for (const key in left) {
    const value = left[key];
    if (value === undefined || value === null) continue;
    presentOnLeft++;
    if (!canonicalEqual(value, right[key])) return false;
  }
  let presentOnRight = 0;
  for (const key in right) {
    const value = right[key];
    if (value !== undefined && value !== null) presentOnRight++;
  }
  return presentOnLeft === presentOnRight;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}
