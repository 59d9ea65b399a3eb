import { Page, PageRequest, ErrorFactory, paginate } from './pagination';

/**
 * An id-keyed store that remembers creation order (what AWS list calls return) and pages
 * through it. Replacing an item keeps its place; deleting and re-adding an id moves it last.
 */
export class Collection<T> {
  private readonly entries = new Map<string, { seq: number; value: T }>();
  private lastSeq = 0;

  /** `scope` identifies this list inside page tokens, e.g. `routes:<apiId>`. */
  constructor(readonly scope: string) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): T | undefined {
    return this.entries.get(id)?.value;
  }

  set(id: string, value: T): void {
    const existing = this.entries.get(id);
    if (existing) {
      existing.value = value;
      return;
    }
    this.lastSeq += 1;
    this.entries.set(id, { seq: this.lastSeq, value });
  }

  delete(id: string): boolean {
    return this.entries.delete(id);
  }

  values(): T[] {
    return [...this.entries.values()].map((entry) => entry.value);
  }

  find(predicate: (value: T) => boolean): T | undefined {
    return this.values().find(predicate);
  }

  page(request: PageRequest, invalid: ErrorFactory): Page<T> {
    const ordered = [...this.entries.values()].map((entry) => [entry.seq, entry.value] as const);
    return paginate(ordered, this.scope, request, invalid);
  }
}
