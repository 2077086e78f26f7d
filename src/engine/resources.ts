/** Objects capabilities keep for the server's lifetime, across reloads (connection pools, a recorder), closed at shutdown. */

export class Resources {
  private readonly kept = new Map<string, unknown>();

  keep<T>(key: string, make: () => T): T {
    if (this.kept.has(key)) return this.kept.get(key) as T;
    const made = make();
    this.kept.set(key, made);
    return made;
  }

  /** The object kept under `key`, without making one. */
  get<T>(key: string): T | undefined {
    return this.kept.get(key) as T | undefined;
  }

  /** Closes every kept object that can be closed; one failing does not stop the rest. */
  async close(): Promise<void> {
    const closing = [...this.kept.values()].map(async (v) => {
      const closable = v as { close?: () => unknown } | null;
      if (closable && typeof closable.close === 'function') await closable.close();
    });
    this.kept.clear();
    await Promise.allSettled(closing);
  }
}
