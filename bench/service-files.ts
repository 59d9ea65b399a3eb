import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REGION, STAGE } from './settings';
import type { FunctionSpec, RouteSpec, ServiceSpec } from './service-model';

/** Writes a spec out as a service directory: serverless.yml and one handler file per function. */

// JSON strings are valid YAML scalars, and keep `$connect` and friends unambiguous.
const q = (value: string) => JSON.stringify(value);

function renderRoute(route: RouteSpec): string[] {
  const lines = ['      - websocket:', `          routeKey: ${q(route.routeKey)}`];
  if (route.twoWay) lines.push(`          routeResponseSelectionExpression: ${q('$default')}`);
  if (route.authorizer) {
    lines.push(
      '          authorizer:',
      `            name: ${q(route.authorizer)}`,
      '            identitySources:',
      `              - ${q('route.request.querystring.token')}`,
    );
  }
  return lines;
}

function renderFunction(fn: FunctionSpec): string[] {
  const lines = [`  ${fn.key}:`, `    handler: handlers/${fn.key}.handler`];
  if (fn.routes.length > 0) lines.push('    events:', ...fn.routes.flatMap(renderRoute));
  return lines;
}

/** The production settings of a spec with `production` (the account has the role and the zone). */
export const PRODUCTION_PROVIDER_LINES = [
  '  logs:',
  '    websocket: true',
  '  logRetentionInDays: 14',
  '  websocketApiDescription: benchmark',
  '  tags: { team: bench }',
  "  websocketApiTags: { cost-center: '42' }",
  '  websocketApiThrottling: { burstLimit: 500, rateLimit: 1000 }',
  '  websocketApiDomain:',
  '    name: ws.bench.example.com',
  '    certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/bench',
  '    basePath: chat',
  '    hostedZoneId: ZBENCH',
];

export function renderServerlessYml(spec: ServiceSpec): string {
  return [
    `service: ${spec.service}`,
    'plugins:',
    '  - serverless-websockets-plugin',
    'provider:',
    '  name: aws',
    '  runtime: nodejs20.x',
    `  region: ${REGION}`,
    `  stage: ${STAGE}`,
    ...(spec.production ? PRODUCTION_PROVIDER_LINES : []),
    'functions:',
    ...spec.functions.flatMap(renderFunction),
    '',
  ].join('\n');
}

export function writeServerlessYml(servicePath: string, spec: ServiceSpec): void {
  fs.writeFileSync(path.join(servicePath, 'serverless.yml'), renderServerlessYml(spec));
}

/**
 * (Re)writes every function's handler file. A new `version` changes every file's content, so
 * the framework uploads new code and updates every function.
 */
export function writeHandlers(servicePath: string, spec: ServiceSpec, version: number): void {
  const dir = path.join(servicePath, 'handlers');
  fs.mkdirSync(dir, { recursive: true });
  for (const fn of spec.functions) {
    fs.writeFileSync(
      path.join(dir, `${fn.key}.js`),
      `'use strict';\n// ${fn.key}, version ${version}\nexports.handler = async () => ({ statusCode: 200 });\n`,
    );
  }
}

/** A fresh temp directory holding the service at handler version 1. */
export function createServiceDir(spec: ServiceSpec): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), `${spec.service}-`));
  writeServerlessYml(dir, spec);
  writeHandlers(dir, spec, 1);
  return dir;
}
