import leven from 'leven';
import {
  PLUGIN_AUTHORIZER_SCHEMA,
  PLUGIN_EVENT_SCHEMA,
  PROVIDER_PROPERTIES,
} from '../framework/config-schema';

/**
 * Keys the plugin does not know, where a slip of the keyboard would otherwise go unnoticed:
 * `routeResponseSelectionExpresion: $default` deploys a one-way route without a word. The known
 * keys are the properties of the plugin's schema (framework/config-schema.ts), so that a key
 * added there is known here too.
 */

/** The keys of a plugin `websocket` event. */
export const EVENT_KEYS: readonly string[] = Object.keys(PLUGIN_EVENT_SCHEMA.properties ?? {});
/** The keys of an event's Lambda `authorizer` object. */
export const AUTHORIZER_KEYS: readonly string[] = Object.keys(
  PLUGIN_AUTHORIZER_SCHEMA.properties ?? {},
);
/** The plugin's `provider` keys. */
export const PROVIDER_KEYS: readonly string[] = Object.keys(PROVIDER_PROPERTIES);

/**
 * Provider keys that are clearly meant for the plugin: its prefix, in any case. The framework's
 * own websocket keys (`websocketsApiName`, `websocketsApiRouteSelectionExpression`, read by
 * serverless-offline too) have an "s" and are not the plugin's.
 */
const PLUGIN_PROVIDER_KEY = /^websocketApi/i;

/**
 * The known key `key` was most likely meant to be, when it is close enough to be a slip: past
 * the start both share (keys share prefixes such as `websocketApi`), at most a third of the
 * rest of its letters differ (at least two may), case aside. Pure.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let closest: string | undefined;
  let closestDistance = Infinity;
  const typed = key.toLowerCase();
  for (const candidate of known) {
    const meant = candidate.toLowerCase();
    let shared = 0;
    while (shared < typed.length && typed[shared] === meant[shared]) shared += 1;
    const distance = leven(typed.slice(shared), meant.slice(shared));
    const allowed = Math.max(2, Math.floor((typed.length - shared) / 3));
    if (distance <= allowed && distance < closestDistance) {
      closest = candidate;
      closestDistance = distance;
    }
  }
  return closest;
}

/** Where the keys sit, and what becomes of an unknown one. */
export interface KeyPlace {
  /** The object's place, as in the plugin's other messages. */
  where: string;
  /** Shown before each key, e.g. `authorizer.`. */
  path?: string;
  /** True when the key is only warned about (the plugin reads on without it). */
  ignored: boolean;
}

/** One message per key of `given` outside `known`, naming the place and the likely key. Pure. */
export function unknownKeyMessages(
  given: Record<string, unknown>,
  known: readonly string[],
  { where, path = '', ignored }: KeyPlace,
): string[] {
  return Object.keys(given)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const closest = closestKey(key, known);
      const hint = closest
        ? `did you mean ${path}${closest}?`
        : `the known keys are ${known.join(', ')}`;
      return `${where}: unknown key "${path}${key}"${ignored ? ' is ignored' : ''}; ${hint}`;
    });
}

/** The provider keys meant for the plugin (`websocketApi...`) that it does not know. Pure. */
export function unknownProviderKeyMessages(
  provider: Record<string, unknown>,
  ignored: boolean,
): string[] {
  const ours = Object.fromEntries(
    Object.entries(provider).filter(([key]) => PLUGIN_PROVIDER_KEY.test(key)),
  );
  return unknownKeyMessages(ours, PROVIDER_KEYS, { where: 'provider', ignored });
}
