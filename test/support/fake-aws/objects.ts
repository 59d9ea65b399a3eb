/**
 * Copies plain data (objects, arrays, dates) deeply and keeps anything else (streams, buffers)
 * by reference, so state never shares objects with callers and request bodies survive.
 */
export function clonePlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => clonePlain(item) as unknown) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = clonePlain(item);
    return copy as T;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The fields of `source` named in `keys` whose value is not undefined ("update only what is given"). */
export function pickDefined<S extends object, K extends keyof S>(
  source: S,
  keys: readonly K[],
): Partial<Pick<S, K>> {
  const picked: Partial<Pick<S, K>> = {};
  for (const key of keys) {
    if (source[key] !== undefined) picked[key] = source[key];
  }
  return picked;
}
