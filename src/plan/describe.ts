import type { ApiGatewayV2 } from 'aws-sdk';
import { functionArnOfInvocationUri, functionNameOfArn } from '../arns';
import type { DomainPlan } from '../commands/domain';
import type { ApiPlan } from '../commands/ensure-api';
import type { LogGroupStepPlan } from '../commands/logs';
import type { PermissionsPlan } from '../commands/permissions';
import type { StagePlan } from '../commands/stage';
import type { DesiredRoute } from '../desired-state';
import { DOMAIN_TAG } from '../reconcile/domain-plan';
import { ROUTE_RESPONSE_KEY, type DraftPlan } from '../reconcile/draft-plan';
import { integrationTarget, type ExistingDraft } from '../reconcile/existing-state';
import type { ResolvedPermission, Retirement } from '../reconcile/permission-plan';
import type { TagsPlan } from '../reconcile/tags-plan';
import { create, remove, update, type Change } from './changes';

/**
 * One describe function per step of the deploy: it turns that step's plan (the very object the
 * deploy's apply takes) into the changes `sls websockets plan` shows, one per write. Pure.
 */

/** The function an integration or authorizer URI invokes, by name when it is an ARN. */
function functionOf(uri: string | undefined): string {
  const arn = functionArnOfInvocationUri(uri);
  return (arn && functionNameOfArn(arn)) ?? arn ?? uri ?? '(none)';
}

/** An untagResource and a tagResource are a change each. */
export function describeTags(owner: string, { tag, untag }: TagsPlan): Change[] {
  const names = Object.keys(tag);
  return [
    ...(untag.length > 0 ? [update('tags', owner, `remove ${untag.join(', ')}`)] : []),
    ...(names.length > 0 ? [update('tags', owner, `set ${names.join(', ')}`)] : []),
  ];
}

export function describeApiPlan({ wanted, existing }: ApiPlan): Change[] {
  if (!existing) {
    return [create('api', wanted.name, `route selection ${wanted.routeSelectionExpression}`)];
  }
  const { api, duplicates } = existing.found;
  const changes: Change[] = duplicates
    .filter((duplicate) => !duplicate.serving)
    .map((duplicate) =>
      remove('api', `${duplicate.api.ApiId}`, 'a duplicate tagged for this stage, serving nothing'),
    );
  if (existing.settings.updateSettings) {
    const what = [
      api.Name !== wanted.name && `name ${api.Name} -> ${wanted.name}`,
      api.RouteSelectionExpression !== wanted.routeSelectionExpression &&
        `route selection ${api.RouteSelectionExpression} -> ${wanted.routeSelectionExpression}`,
      (api.Description ?? '') !== wanted.description && 'description',
    ].filter(Boolean);
    changes.push(update('api', api.ApiId, what.join(', ')));
  }
  return [...changes, ...describeTags(`api ${api.ApiId}`, existing.settings.tags)];
}

function authorizationOf(route: {
  authorizerName?: string;
  iamAuthorization?: true;
}): string | undefined {
  if (route.authorizerName) return `authorizer ${route.authorizerName}`;
  return route.iamAuthorization ? 'aws_iam' : undefined;
}

function routeCreation(route: DesiredRoute): Change {
  const extras = [
    authorizationOf(route),
    route.routeResponseSelectionExpression && 'two-way',
  ].filter(Boolean);
  const target = functionOf(route.integrationUri);
  return create(
    'route',
    route.routeKey,
    extras.length ? `${target}, ${extras.join(', ')}` : target,
  );
}

/** What an update of an existing route changes, read against the draft as it is. */
function routeUpdate(routeId: string, desired: DesiredRoute, existing: ExistingDraft): Change {
  const route = existing.routes.find((r) => r.RouteId === routeId);
  const integration = existing.integrations.find(
    (i) => route?.Target === integrationTarget(i.IntegrationId ?? ''),
  );
  const currentTarget = integration
    ? functionOf(integration.IntegrationUri)
    : `${route?.Target ?? 'none'} (missing)`;
  const wantedTarget = functionOf(desired.integrationUri);
  const authorizer = existing.authorizers.find((a) => a.AuthorizerId === route?.AuthorizerId);
  const currentAuthorization = {
    CUSTOM: `authorizer ${authorizer?.Name ?? `${route?.AuthorizerId} (missing)`}`,
    AWS_IAM: 'aws_iam',
  }[route?.AuthorizationType ?? ''];
  const wantedAuthorization = authorizationOf(desired) ?? 'none';
  const what = [
    currentTarget !== wantedTarget && `target ${currentTarget} -> ${wantedTarget}`,
    (currentAuthorization ?? 'none') !== wantedAuthorization &&
      `authorization ${currentAuthorization ?? 'none'} -> ${wantedAuthorization}`,
    (route?.RouteResponseSelectionExpression || undefined) !==
      desired.routeResponseSelectionExpression && 'two-way',
  ].filter(Boolean);
  // Same function, new integration (the old one is a duplicate): the route is repointed.
  return update('route', desired.routeKey, what.join(', ') || 'target repointed');
}

const integrationIdentity = (integration: ApiGatewayV2.Integration) =>
  `${functionOf(integration.IntegrationUri)} (${integration.IntegrationId})`;

export function describeDraftPlan(plan: DraftPlan, existing: ExistingDraft): Change[] {
  const recreated = new Set(plan.routesToCreate.map((route) => route.routeKey));
  return [
    ...plan.integrationsToCreate.map((i) => create('integration', functionOf(i.uri))),
    ...plan.integrationsToUpdate.map(({ desired }) =>
      update('integration', functionOf(desired.uri), 'type -> AWS_PROXY POST'),
    ),
    ...plan.authorizersToSetAside.map(({ authorizerId, name }) =>
      update(
        'authorizer',
        existing.authorizers.find((a) => a.AuthorizerId === authorizerId)?.Name ?? authorizerId,
        `renamed ${name}: its function changed; a new one takes the name, this one goes once the stage is live`,
      ),
    ),
    ...plan.authorizersToCreate.map((a) => create('authorizer', a.name, functionOf(a.uri))),
    ...plan.authorizersToUpdate.map(({ desired }) =>
      update(
        'authorizer',
        desired.name,
        `REQUEST, function ${functionOf(desired.uri)}, identity sources ${desired.identitySource.join(', ')}`,
      ),
    ),
    ...plan.routesToDelete.map((route) =>
      remove(
        'route',
        route.RouteKey ?? '(no key)',
        recreated.has(route.RouteKey ?? '')
          ? 'recreated: its authorization or two-way setting cannot be unset in place'
          : undefined,
      ),
    ),
    ...plan.routesToCreate.map(routeCreation),
    ...plan.routesToUpdate.map(({ routeId, desired }) => routeUpdate(routeId, desired, existing)),
    ...plan.routeResponsesToCreate.map((key) => create('route response', key, ROUTE_RESPONSE_KEY)),
    ...plan.integrationsToDelete.map((i) => remove('integration', integrationIdentity(i))),
    ...plan.authorizersToDelete.map((a) => remove('authorizer', `${a.Name} (${a.AuthorizerId})`)),
  ];
}

const grantsFor = (permission: ResolvedPermission) =>
  permission.sourceArn.endsWith('/authorizers/*') ? 'authorizers' : 'routes';

export function describePermissions(permissions: PermissionsPlan): Change[] {
  if (permissions.optimistic) {
    return permissions.wanted.map((permission) =>
      create(
        'permission',
        permission.functionName,
        `API Gateway may invoke it for ${grantsFor(permission)}`,
        'added without a read: a statement of an older API is found by the add, then replaced',
      ),
    );
  }
  const { plan } = permissions;
  return [
    ...plan.toAdd.map((permission) =>
      create(
        'permission',
        permission.functionName,
        `API Gateway may invoke it for ${grantsFor(permission)}`,
      ),
    ),
    ...plan.toReplace.map((permission) =>
      update('permission', permission.functionName, undefined, 'SourceArn points at an older API'),
    ),
  ];
}

export function describeRetirement({ revocations }: Retirement): Change[] {
  return revocations.map(({ functionArn }) =>
    remove(
      'permission',
      functionNameOfArn(functionArn) ?? functionArn,
      'no longer needed; taken off once the stage is live (nothing if it is gone already)',
    ),
  );
}

export function describeLogGroup(step: LogGroupStepPlan | undefined): Change[] {
  if (!step) return [];
  const { name, retentionInDays } = step.wanted;
  if (step.createFirst) {
    return [
      create(
        'log group',
        name,
        undefined,
        'created without a read: if it exists already, it is read then',
      ),
      ...(retentionInDays === undefined
        ? []
        : [update('log group', name, `retention -> ${retentionInDays} days`)]),
    ];
  }
  const { plan } = step;
  return [
    ...(plan.create ? [create('log group', name)] : []),
    ...(plan.putRetentionInDays === undefined
      ? []
      : [update('log group', name, `retention -> ${plan.putRetentionInDays} days`)]),
    ...(plan.deleteRetention ? [update('log group', name, 'retention -> forever')] : []),
  ];
}

export function describeStage({ deployment, newDeployment, existing }: StagePlan): Change[] {
  const { stageName } = deployment;
  if (!existing) return [create('stage', stageName, 'new deployment')];
  const { settings, tags } = existing;
  const changed = Object.keys(settings.update).map((field) =>
    field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(),
  );
  const what = [newDeployment && 'new deployment', ...changed].filter(Boolean);
  return [
    ...(what.length > 0 ? [update('stage', stageName, what.join(', '))] : []),
    ...settings.deleteRouteSettings.map((routeKey) =>
      update('stage', stageName, `remove the settings of route ${routeKey}`),
    ),
    ...(settings.deleteAccessLogSettings ? [update('stage', stageName, 'access logging off')] : []),
    ...describeTags(`stage ${stageName}`, tags),
  ];
}

export function describeDomain({ apiId, stageName, target, release }: DomainPlan): Change[] {
  const changes: Change[] = [];
  if (target) {
    const { domain, existing, mapping, upsertRecord, tagApi } = target;
    const where = `${domain.name}/${domain.basePath ?? ''}`;
    if (!existing) changes.push(create('domain', domain.name, 'REGIONAL, TLS 1.2'));
    if (mapping.create) changes.push(create('api mapping', where, `stage ${stageName}`));
    if (mapping.updateId) changes.push(update('api mapping', mapping.updateId, `-> ${where}`));
    mapping.deleteIds.forEach((id) =>
      changes.push(remove('api mapping', `${id} of ${domain.name}`)),
    );
    if (upsertRecord) {
      changes.push(
        update('dns record', domain.name, `A alias in hosted zone ${domain.hostedZoneId}`),
      );
    }
    if (tagApi) changes.push(update('tags', `api ${apiId}`, `set ${DOMAIN_TAG}`));
  }
  if (release) {
    release.cleanup?.deleteIds.forEach((id) =>
      changes.push(remove('api mapping', `${id} of ${release.name}`)),
    );
    if (release.cleanup?.deleteDomain) changes.push(remove('domain', release.name));
    if (release.untagApi) changes.push(update('tags', `api ${apiId}`, `remove ${DOMAIN_TAG}`));
  }
  return changes;
}
