import type { ApiGatewayV2 } from 'aws-sdk';
import { createHash } from 'crypto';
import type { DesiredApi } from '../desired-state';
import type { ResolvedIds } from './apply-draft-plan';

/**
 * A stage records, in its description, the fingerprint of the draft it was deployed from and
 * the deployment it was given. A deploy that finds both unchanged needs no new deployment;
 * anything else (a failed earlier deploy, a stage edited by hand) gets one.
 */
const MARKER = /serverless-websockets-plugin state ([0-9a-f]+) deployment (\S+)/;

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

export function stageDescription(fingerprint: string, deploymentId: string): string {
  return `Managed by serverless-websockets-plugin state ${fingerprint} deployment ${deploymentId}`;
}

export function stageServesDraft(
  stage: ApiGatewayV2.GetStageResponse,
  fingerprint: string,
): boolean {
  const marker = stage.Description?.match(MARKER);
  return !!marker && marker[1] === fingerprint && marker[2] === stage.DeploymentId;
}
