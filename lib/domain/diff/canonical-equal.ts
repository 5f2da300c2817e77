/**
 * Equality exactly as canonicalJson() sees values (strings compared after NFC, object keys
 * unordered, null and undefined members absent), computed without serializing: comparing a
 * 100k-word handbook with itself this way takes a few milliseconds and allocates nothing
 * unless two strings differ in their bytes.
 *
 * Every block of both snapshots passes through here once, so each step is kept cheap: one
 * typeof per side instead of a chain of type tests, and members or items that are the same
 * value are not compared by a recursive call.
 */
export function canonicalEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  const leftType = typeof left;
  const rightType = typeof right;
  if (leftType === "string" || rightType === "string") {
    return leftType === rightType && (left as string).normalize("NFC") === (right as string).normalize("NFC");
  }
  if (leftType !== "object" || rightType !== "object" || left === null || right === null) return false;
  const leftIsArray = Array.isArray(left);
  if (leftIsArray !== Array.isArray(right)) return false;
  if (leftIsArray) return arraysCanonicallyEqual(left as unknown[], right as unknown[]);
  return objectsCanonicallyEqual(left as Record<string, unknown>, right as Record<string, unknown>);
}

function arraysCanonicallyEqual(left: readonly unknown[], right: readonly unknown[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    const item = left[index];
    const other = right[index];
    if (item !== other && !canonicalEqual(item, other)) return false;
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
    const other = right[key];
    if (value !== other && !canonicalEqual(value, other)) return false;
  }
  let presentOnRight = 0;
  for (const key in right) {
    const value = right[key];
    if (value !== undefined && value !== null) presentOnRight++;
  }
  return presentOnLeft === presentOnRight;
}
