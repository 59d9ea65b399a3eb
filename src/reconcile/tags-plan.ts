import { pickBy } from 'lodash';
import { RESERVED_TAG_PREFIX } from '../config/read-production';

/**
 * The tags of the API and of its stage. Beside the ownership tags, the plugin keeps the names of
 * the user's tags it put there in one more tag, so that a tag removed from serverless.yml is
 * removed from AWS while tags someone else put there are left alone. Pure.
 */
export const MANAGED_TAGS_TAG = `${RESERVED_TAG_PREFIX}tags`;

export type Tags = Record<string, string>;

export interface TagsPlan {
  /** Tags to add or change (one tagResource call), empty when none. */
  tag: Tags;
  /** Tag names to remove (one untagResource call), empty when none. */
  untag: string[];
}

/** Ownership tags, the user's tags and, when there are any, the list of their names. */
export function wantedTags(ownership: Tags, user: Tags): Tags {
  const names = Object.keys(user).sort();
  // Tag names hold no spaces (read-production.ts rejects them), so a space separates them.
  return names.length === 0
    ? { ...user, ...ownership }
    : { ...user, ...ownership, [MANAGED_TAGS_TAG]: names.join(' ') };
}

/** The names listed in the managed-tags tag of existing tags. */
function managedNames(existing: Tags): string[] {
  return existing[MANAGED_TAGS_TAG]?.split(' ').filter(Boolean) ?? [];
}

export function planTags(wanted: Tags, existing: Tags = {}): TagsPlan {
  const tag = pickBy(wanted, (value, name) => existing[name] !== value);
  const noLongerWanted = [...managedNames(existing), MANAGED_TAGS_TAG].filter(
    (name) => !(name in wanted) && name in existing,
  );
  return { tag, untag: noLongerWanted };
}

export const countTagWrites = (plan: TagsPlan): number =>
  (Object.keys(plan.tag).length > 0 ? 1 : 0) + (plan.untag.length > 0 ? 1 : 0);
