import { readDomain, type DomainConfig } from './read-domain';

/**
 * The settings an operator needs once an API takes real traffic: description, tags, throttling
 * and logs (`provider.*` and the event's `throttling`). Each reader appends problems, naming the
 * key, to the caller's list, so that every problem is reported at once before any AWS write.
 */

/** Stage or route throttling, as API Gateway takes it: requests per second and burst size. */
export interface Throttling {
  burstLimit?: number;
  rateLimit?: number;
}

/** `provider.logs.websocket`, as the framework reads it (every flag defaults to true). */
export interface LogsConfig {
  accessLogging: boolean;
  executionLogging: boolean;
  fullExecutionData: boolean;
  level: LogLevel;
  /** Access log format; the framework's format when not set. */
  format?: string;
  /** `provider.logRetentionInDays`; the log group keeps its events forever when not set. */
  retentionInDays?: number;
}

export type LogLevel = 'INFO' | 'ERROR';

export interface ProductionConfig {
  /** `provider.websocketApiDescription`; none when not set. */
  description?: string;
  /** `provider.tags` merged with `provider.websocketApiTags` (which wins). */
  tags: Record<string, string>;
  /** `provider.websocketApiThrottling`: the stage's default route settings. */
  throttling?: Throttling;
  logs?: LogsConfig;
  domain?: DomainConfig;
}

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const shown = (value: unknown): string => JSON.stringify(value);

/** Keys the plugin keeps for itself (ownership and bookkeeping tags). */
export const RESERVED_TAG_PREFIX = 'serverless-websockets-plugin:';

/** API Gateway's limits: description 1024 characters; tag keys 128, values 256, 50 per resource. */
const DESCRIPTION_MAX = 1024;
const TAG_KEY = /^[\p{L}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
/** The plugin's own tags (ownership and the list of managed keys) count against AWS's 50. */
const USER_TAGS_MAX = 47;

const LOG_LEVELS: readonly LogLevel[] = ['INFO', 'ERROR'];
/** The values CloudWatch Logs accepts for a log group's retention. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

function readDescription(provider: Raw, problems: string[]): string | undefined {
  const { websocketApiDescription: description } = provider;
  if (description === undefined) return undefined;
  if (typeof description !== 'string' || description.length > DESCRIPTION_MAX) {
    problems.push(
      `provider.websocketApiDescription must be a string of at most ${DESCRIPTION_MAX} characters, got ${shown(description)}`,
    );
    return undefined;
  }
  return description;
}

function readTagMap(key: string, given: unknown, problems: string[]): Record<string, string> {
  if (given === undefined) return {};
  if (!isRecord(given)) {
    problems.push(`${key} must be a map of tag names to values, got ${shown(given)}`);
    return {};
  }
  const tags: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (!TAG_KEY.test(name) || name.startsWith('aws:') || name.startsWith(RESERVED_TAG_PREFIX)) {
      problems.push(
        `${key}: tag name ${shown(name)} must be 1 to 128 letters, digits or _.:/=+-@ (no spaces), and not start with "aws:" or "${RESERVED_TAG_PREFIX}"`,
      );
    } else if (typeof text !== 'string' || !TAG_VALUE.test(text)) {
      problems.push(
        `${key}.${name} must be a string of at most 256 letters, digits, spaces or _.:/=+-@, got ${shown(value)}`,
      );
    } else {
      tags[name] = text;
    }
  }
  return tags;
}

function readTags(provider: Raw, problems: string[]): Record<string, string> {
  const tags = {
    ...readTagMap('provider.tags', provider.tags, problems),
    ...readTagMap('provider.websocketApiTags', provider.websocketApiTags, problems),
  };
  if (Object.keys(tags).length > USER_TAGS_MAX) {
    problems.push(
      `provider.tags and provider.websocketApiTags hold ${Object.keys(tags).length} tags together; API Gateway allows 50 per resource, ${50 - USER_TAGS_MAX} of which the plugin uses`,
    );
  }
  return tags;
}

/** Reads `{ burstLimit, rateLimit }` at `key`; undefined when not given or invalid. */
export function readThrottling(
  key: string,
  given: unknown,
  problems: string[],
): Throttling | undefined {
  if (given === undefined) return undefined;
  if (!isRecord(given)) {
    problems.push(`${key} must be an object with burstLimit and/or rateLimit, got ${shown(given)}`);
    return undefined;
  }
  const throttling: Throttling = {};
  const { burstLimit, rateLimit, ...unknown } = given;
  for (const name of Object.keys(unknown)) {
    problems.push(`${key}.${name} is not a throttling setting (burstLimit, rateLimit)`);
  }
  if (burstLimit !== undefined) {
    if (Number.isInteger(burstLimit) && (burstLimit as number) >= 0) {
      throttling.burstLimit = burstLimit as number;
    } else {
      problems.push(
        `${key}.burstLimit must be a whole number of 0 or more, got ${shown(burstLimit)}`,
      );
    }
  }
  if (rateLimit !== undefined) {
    if (typeof rateLimit === 'number' && Number.isFinite(rateLimit) && rateLimit >= 0) {
      throttling.rateLimit = rateLimit;
    } else {
      problems.push(`${key}.rateLimit must be a number of 0 or more, got ${shown(rateLimit)}`);
    }
  }
  return Object.keys(throttling).length > 0 ? throttling : undefined;
}

function readFlag(key: string, value: unknown, problems: string[]): boolean {
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  problems.push(`${key} must be true or false, got ${shown(value)}`);
  return true;
}

function readRetention(provider: Raw, problems: string[]): number | undefined {
  const { logRetentionInDays: days } = provider;
  if (days === undefined) return undefined;
  if (typeof days === 'number' && RETENTION_DAYS.includes(days)) return days;
  problems.push(
    `provider.logRetentionInDays must be one of ${RETENTION_DAYS.join(', ')}, got ${shown(days)}`,
  );
  return undefined;
}

/** `provider.logs.websocket`: `true`, or an object (the framework's key and defaults). */
function readLogs(provider: Raw, problems: string[]): LogsConfig | undefined {
  const logs = isRecord(provider.logs) ? provider.logs.websocket : undefined;
  if (logs === undefined || logs === false) return undefined;
  const key = 'provider.logs.websocket';
  if (logs !== true && !isRecord(logs)) {
    problems.push(`${key} must be true or an object, got ${shown(logs)}`);
    return undefined;
  }
  const given: Raw = logs === true ? {} : logs;
  const { level = 'INFO', format } = given;
  if (!LOG_LEVELS.includes(level as LogLevel)) {
    problems.push(`${key}.level must be one of ${LOG_LEVELS.join(', ')}, got ${shown(level)}`);
  }
  if (
    format !== undefined &&
    (typeof format !== 'string' || format.includes('\n') || !format.includes('$context.requestId'))
  ) {
    problems.push(
      `${key}.format must be a one-line string that includes $context.requestId (API Gateway requires it), got ${shown(format)}`,
    );
  }
  const read: LogsConfig = {
    accessLogging: readFlag(`${key}.accessLogging`, given.accessLogging, problems),
    executionLogging: readFlag(`${key}.executionLogging`, given.executionLogging, problems),
    fullExecutionData: readFlag(`${key}.fullExecutionData`, given.fullExecutionData, problems),
    level: LOG_LEVELS.includes(level as LogLevel) ? (level as LogLevel) : 'INFO',
    retentionInDays: readRetention(provider, problems),
  };
  if (typeof format === 'string') read.format = format;
  return read;
}

export function readProductionConfig(provider: Raw, problems: string[]): ProductionConfig {
  const config: ProductionConfig = { tags: readTags(provider, problems) };
  const description = readDescription(provider, problems);
  if (description !== undefined) config.description = description;
  const throttling = readThrottling(
    'provider.websocketApiThrottling',
    provider.websocketApiThrottling,
    problems,
  );
  if (throttling) config.throttling = throttling;
  const logs = readLogs(provider, problems);
  if (logs) config.logs = logs;
  const domain = readDomain(provider.websocketApiDomain, problems);
  if (domain) config.domain = domain;
  return config;
}
