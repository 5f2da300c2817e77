/**
 * A small least-recently-used map for values derived from published versions. Versions are
 * immutable (append-only tables), so anything computed from a version id alone never goes
 * stale; the bound only limits memory.
 */
export class BoundedMemo<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(private readonly capacity: number) {}

  async get(key: string, compute: () => Promise<Value>): Promise<Value> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const value = await compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
