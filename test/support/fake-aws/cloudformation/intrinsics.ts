import { isPlainObject } from '../objects';

/** What intrinsic functions read: parameters, pseudo parameters, resources, exports, mappings. */
export interface IntrinsicEnv {
  ref(name: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  importValue(name: string): unknown;
  findInMap(map: string, topKey: string, secondKey: string): unknown;
}

type Intrinsic = (arg: unknown, env: IntrinsicEnv) => unknown;

/**
 * Resolves the intrinsic functions a Serverless template uses. Conditions are not evaluated:
 * Fn::If takes its first branch. `AWS::NoValue` (undefined) drops the key or item.
 */
export function resolveIntrinsics(value: unknown, env: IntrinsicEnv): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveIntrinsics(item, env)).filter((item) => item !== undefined);
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  const intrinsic = keys.length === 1 ? INTRINSICS[keys[0]] : undefined;
  if (intrinsic) return intrinsic(value[keys[0]], env);
  const resolved: Record<string, unknown> = {};
  for (const key of keys) {
    const item = resolveIntrinsics(value[key], env);
    if (item !== undefined) resolved[key] = item;
  }
  return resolved;
}

/** Logical ids an expression depends on (Ref, Fn::GetAtt, ${X} in Fn::Sub). */
export function referencedNames(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((item) => referencedNames(item, found));
  } else if (isPlainObject(value)) {
    for (const [key, arg] of Object.entries(value)) {
      if (key === 'Ref' && typeof arg === 'string') found.add(arg);
      else if (key === 'Fn::GetAtt') found.add(getAttArgs(arg)[0]);
      else if (key === 'Fn::Sub') subNames(arg).forEach((name) => found.add(name));
      else referencedNames(arg, found);
    }
  }
  return found;
}

const str = (value: unknown): string =>
  value === undefined || value === null ? '' : String(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function getAttArgs(arg: unknown): [string, string] {
  if (Array.isArray(arg)) return [str(arg[0]), str(arg[1])];
  const text = str(arg);
  const dot = text.indexOf('.');
  return [text.slice(0, dot), text.slice(dot + 1)];
}

function subNames(arg: unknown): string[] {
  const template = str(Array.isArray(arg) ? arg[0] : arg);
  const locals = Array.isArray(arg) && isPlainObject(arg[1]) ? Object.keys(arg[1]) : [];
  return [...template.matchAll(/\$\{([^!}][^}]*)\}/g)]
    .map((match) => match[1].split('.')[0])
    .filter((name) => !locals.includes(name));
}

function sub(arg: unknown, env: IntrinsicEnv): string {
  const template = str(Array.isArray(arg) ? arg[0] : arg);
  const locals = Array.isArray(arg)
    ? (resolveIntrinsics(arg[1], env) as Record<string, unknown>)
    : {};
  return template.replace(/\$\{(!?)([^}]*)\}/g, (_match, literal: string, name: string) => {
    if (literal) return `\${${name}}`;
    if (locals && name in locals) return str(locals[name]);
    const dot = name.indexOf('.');
    return str(dot > 0 ? env.getAtt(name.slice(0, dot), name.slice(dot + 1)) : env.ref(name));
  });
}

const INTRINSICS: Record<string, Intrinsic> = {
  Ref: (arg, env) => env.ref(str(arg)),
  'Fn::GetAtt': (arg, env) => env.getAtt(...getAttArgs(resolveIntrinsics(arg, env))),
  'Fn::Join': (arg, env) => {
    const [delimiter, items] = list(arg);
    return list(resolveIntrinsics(items, env)).map(str).join(str(delimiter));
  },
  'Fn::Sub': sub,
  'Fn::Select': (arg, env) => {
    const [index, items] = list(resolveIntrinsics(arg, env));
    return list(items)[Number(index)];
  },
  'Fn::Split': (arg, env) => {
    const [delimiter, text] = list(resolveIntrinsics(arg, env));
    return str(text).split(str(delimiter));
  },
  'Fn::ImportValue': (arg, env) => env.importValue(str(resolveIntrinsics(arg, env))),
  'Fn::FindInMap': (arg, env) => {
    const [map, top, second] = list(resolveIntrinsics(arg, env)).map(str);
    return env.findInMap(map, top, second);
  },
  'Fn::If': (arg, env) => resolveIntrinsics(list(arg)[1], env),
  'Fn::Base64': (arg, env) => resolveIntrinsics(arg, env),
  'Fn::GetAZs': () => [],
};
