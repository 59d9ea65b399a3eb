import type { ApiGatewayV2 } from 'aws-sdk';
import { createHash } from 'crypto';
import type { DesiredApi } from '../desired-state';
import type { ResolvedIds } from './apply-draft-plan';

/**
 * Each deployment the plugin makes records, in its description, the fingerprint of the draft it
 * was made from. A deploy that finds the stage serving a deployment with the current fingerprint
 * needs no new deployment; anything else (a failed earlier deploy, another deployment put on the
 * stage by hand) gets one. The stage's own description is the user's.
 */
const MARKER = /serverless-websockets-plugin state ([0-9a-f]+)/;

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

export function deploymentDescription(fingerprint: string): string {
  return `serverless-websockets-plugin state ${fingerprint}`;
}

export function deploymentHasFingerprint(
  deployment: ApiGatewayV2.Deployment,
  fingerprint: string,
): boolean {
  return deployment.Description?.match(MARKER)?.[1] === fingerprint;
}
