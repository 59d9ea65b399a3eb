import type { ApiGatewayV2 } from 'aws-sdk';
import { createHash } from 'crypto';
import type { DesiredApi } from '../desired-state';
import type { ResolvedIds } from './apply-draft-plan';
import { integrationTarget, type ExistingDraft } from './existing-state';

/**
 * Each deployment the plugin makes records, in its description, what it holds: the fingerprint
 * of the draft it was made from, and what its routes are. API Gateway cannot show a
 * deployment's content, so this record is the only way to tell what a stage serves.
 *
 * The fingerprint: a deploy that finds the stage serving a deployment with the current
 * fingerprint needs no new deployment; anything else (a failed earlier deploy, another
 * deployment put on the stage by hand) gets one. The stage's own description is the user's.
 *
 * The routes: a digest of the whole set, and (when they fit) one entry per route, read by
 * `sls info` to mark what is only in the draft. The description holds at most 1024 characters
 * (the Terraform AWS provider's check of AWS's limit, "Must be less than or equal to 1024
 * characters": registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_deployment).
 *
 * Format: `serverless-websockets-plugin state <fingerprint> routes <digest>[ <entries>]`; the
 * fingerprint part is the one earlier versions wrote.
 */
const PREFIX = 'serverless-websockets-plugin state';
const MARKER = /serverless-websockets-plugin state ([0-9a-f]+)/;
const ROUTES =
  /^serverless-websockets-plugin state [0-9a-f]+ routes ([\w-]{8})(?: ((?:[\w-]{6})+))?$/;
export const DEPLOYMENT_DESCRIPTION_MAX = 1024;
/** An entry: which route (3 characters of a hash of its key), then what it is (3 more). */
const KEY_PART = 3;
const ENTRY = 6;

/** A short hash of the desired draft and the ids it resolved to. Pure. */
export function draftFingerprint(desired: DesiredApi, ids: ResolvedIds): string {
  const content = {
    name: desired.name,
    routeSelectionExpression: desired.routeSelectionExpression,
    integrations: desired.integrations.map((i) => [i.uri, ids.integrationIdByUri[i.uri]]),
    authorizers: desired.authorizers.map((a) => [a, ids.authorizerIdByName[a.name]]),
    routes: desired.routes.map((r) => [r, ids.routeIdByKey[r.routeKey]]),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

/**
 * What a client gets from a route: its key, the function behind it, who may connect (`NONE`,
 * `AWS_IAM`, or the authorizer with its function and identity sources) and whether it answers.
 * Built alike from the desired state (deploy) and from the draft as AWS holds it (`sls info`).
 */
export interface RouteContent {
  routeKey: string;
  integrationUri: string;
  authorization: 'NONE' | 'AWS_IAM' | { name: string; uri: string; identitySource: string[] };
  twoWay: boolean;
}

/** The routes of the desired draft. Pure. */
export function desiredRouteContents(desired: DesiredApi): RouteContent[] {
  const authorizers = new Map(desired.authorizers.map((a) => [a.name, a]));
  return desired.routes.map((route) => {
    const authorizer = route.authorizerName ? authorizers.get(route.authorizerName) : undefined;
    return {
      routeKey: route.routeKey,
      integrationUri: route.integrationUri,
      authorization: authorizer
        ? { name: authorizer.name, uri: authorizer.uri, identitySource: authorizer.identitySource }
        : route.iamAuthorization
          ? 'AWS_IAM'
          : 'NONE',
      twoWay: !!route.routeResponseSelectionExpression,
    };
  });
}

/** A route of the draft as AWS holds it. Pure. */
export function draftRouteContent(
  route: ApiGatewayV2.Route,
  { integrations, authorizers }: Pick<ExistingDraft, 'integrations' | 'authorizers'>,
): RouteContent {
  const integration = integrations.find(
    (i) => integrationTarget(i.IntegrationId ?? '') === route.Target,
  );
  const authorizer = authorizers.find((a) => a.AuthorizerId === route.AuthorizerId);
  return {
    routeKey: route.RouteKey ?? '',
    integrationUri: integration?.IntegrationUri ?? '',
    authorization:
      route.AuthorizationType === 'CUSTOM' && authorizer
        ? {
            name: authorizer.Name ?? '',
            uri: authorizer.AuthorizerUri ?? '',
            identitySource: authorizer.IdentitySource ?? [],
          }
        : route.AuthorizationType === 'AWS_IAM'
          ? 'AWS_IAM'
          : 'NONE',
    twoWay: !!route.RouteResponseSelectionExpression,
  };
}

/** URL-safe base64 of a SHA-256 (by hand: Node 14 before 14.18 has no `base64url`). */
const hash = (text: string) =>
  createHash('sha256').update(text).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');

/** The same text for the same route, wherever the content was read from. */
const canonical = ({ routeKey, integrationUri, authorization, twoWay }: RouteContent) =>
  JSON.stringify([routeKey, integrationUri, authorization, twoWay]);

/** A route's entry in the record. Pure. */
export function routeEntry(content: RouteContent): string {
  return (
    hash(content.routeKey).slice(0, KEY_PART) + hash(canonical(content)).slice(0, ENTRY - KEY_PART)
  );
}

/** The part of an entry that tells which route it is. */
export const entryRoute = (entry: string): string => entry.slice(0, KEY_PART);

/** A digest of a whole set of routes, whatever their order. Pure. */
export function routesDigest(contents: RouteContent[]): string {
  const all = contents.map((content) => hash(canonical(content))).sort();
  return hash(all.join(' ')).slice(0, 8);
}

/** What a deployment records; built by the deploy from the desired state. */
export interface DeploymentRecord {
  fingerprint: string;
  routes: RouteContent[];
}

export function deploymentRecord(desired: DesiredApi, ids: ResolvedIds): DeploymentRecord {
  return { fingerprint: draftFingerprint(desired, ids), routes: desiredRouteContents(desired) };
}

/** The description of a new deployment; the per-route entries are left out when too long. */
export function deploymentDescription({ fingerprint, routes }: DeploymentRecord): string {
  const summary = `${PREFIX} ${fingerprint} routes ${routesDigest(routes)}`;
  const listed = `${summary} ${routes.map(routeEntry).join('')}`;
  return listed.length <= DEPLOYMENT_DESCRIPTION_MAX ? listed : summary;
}

/**
 * True for a deployment made from this draft, by this version of the plugin (one made by an
 * earlier version records no routes, so the next deploy makes a new one for `sls info`).
 */
export function deploymentHasFingerprint(
  deployment: ApiGatewayV2.Deployment,
  fingerprint: string,
): boolean {
  return (
    deployment.Description?.match(MARKER)?.[1] === fingerprint &&
    recordedRoutes(deployment) !== undefined
  );
}

/** The routes a deployment records. */
export type RecordedRoutes =
  | { kind: 'listed'; digest: string; entries: ReadonlySet<string> }
  | { kind: 'summarized'; digest: string };

/** What a deployment's description says of its routes; undefined when it says nothing. */
export function recordedRoutes(deployment: ApiGatewayV2.Deployment): RecordedRoutes | undefined {
  const match = deployment.Description?.match(ROUTES);
  if (!match) return undefined;
  const [, digest, entries] = match;
  if (entries === undefined) return { kind: 'summarized', digest };
  const list = entries.match(new RegExp(`.{${ENTRY}}`, 'g')) ?? [];
  return { kind: 'listed', digest, entries: new Set(list) };
}

/** True for a description the plugin wrote (any version). */
export const isPluginDeployment = (deployment: ApiGatewayV2.Deployment): boolean =>
  MARKER.test(deployment.Description ?? '');
