interface ObjectHash {
  (object: unknown, options?: { ignoreUnknown?: boolean }): string;
  sha1(object: unknown): string;
}

const probe = { asyncMethod: async () => undefined };

/**
 * Lets framework 1.35-1.38 deploy on Node 20, as they do on the Node versions of their time.
 *
 * Their `provider.request` hashes every call's params with object-hash 1.3.1, which throws
 * 'Unknown object type "asyncfunction"' on the async stream methods Node 16.14+ added, so every
 * S3 upload (a file stream) fails inside the framework, before the plugin runs. object-hash 2
 * (framework 1.50+) hashes such values like `ignoreUnknown` does; this gives the old copy the
 * same option. It changes nothing on versions whose object-hash copes.
 *
 * Call after the framework's modules were forgotten and before its executable loads, so the
 * framework picks up the patched instance from the module cache.
 */
export function patchLegacyObjectHash(frameworkDir: string): boolean {
  let objectHash: ObjectHash;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    objectHash = require(require.resolve('object-hash', { paths: [frameworkDir] })) as ObjectHash;
  } catch {
    return false; // this version does not use object-hash
  }
  try {
    objectHash.sha1(probe);
    return false;
  } catch {
    objectHash.sha1 = (object) => objectHash(object, { ignoreUnknown: true });
    return true;
  }
}
