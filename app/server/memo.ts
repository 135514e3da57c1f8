/**
 * A bounded memo for pure computations a page repeats on every load (a rule's
 * one-line summary, what a saved configuration version holds): the answer by
 * key, forgetting the earliest stored first. Only for values that a key
 * determines for good (immutable inputs), so that nothing here goes stale.
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, compute: () => V): V {
    if (this.entries.has(key)) return this.entries.get(key)!;
    const value = compute();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
