import { callbackUrl, executeApiArn } from '../arns';
import type { TalkBackSettings } from '../config/talk-back-settings';

/**
 * What `sls deploy` adds to the framework's compiled CloudFormation template once the API id is
 * known: the callback URL in every function's environment and the right to use `@connections`
 * on this API and stage in the role the framework creates. Pure: edits the template it is given.
 */

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface CompiledTemplate {
  Resources: Record<string, TemplateResource>;
}

export interface IamStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

/** A function of the service as the template holds it, and the role the user gave it, if any. */
export interface CompiledFunction {
  key: string;
  logicalId: string;
  /** Where the user's own role is set (e.g. `provider.role`); undefined for the framework's. */
  userRoleSource?: string;
}

export interface ApiLocation {
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
}

/** `@connections` of this API and stage only, every verb (POST send, GET read, DELETE close). */
export function manageConnectionsStatement(api: ApiLocation): IamStatement {
  return {
    Effect: 'Allow',
    Action: ['execute-api:ManageConnections'],
    Resource: [
      executeApiArn(api.region, api.accountId, api.apiId, `${api.stage}/*/@connections/*`),
    ],
  };
}

function environmentVariables(resource: TemplateResource): Record<string, unknown> {
  const properties = (resource.Properties ??= {});
  const environment = (properties.Environment ??= {}) as { Variables?: Record<string, unknown> };
  return (environment.Variables ??= {});
}

function addToRole(template: CompiledTemplate, roleLogicalId: string, statement: IamStatement) {
  const role = template.Resources[roleLogicalId];
  if (role?.Type !== 'AWS::IAM::Role') return false;
  const properties = (role.Properties ??= {});
  const policies = (properties.Policies ??= []) as { PolicyDocument?: { Statement?: unknown[] } }[];
  if (policies.length === 0) {
    policies.push({ PolicyDocument: { Statement: [] } });
  }
  const document = (policies[0].PolicyDocument ??= {});
  (document.Statement ??= []).push(statement);
  return true;
}

/** Adds the variable and the statement; returns what the user should hear. */
export function addTalkBack(
  template: CompiledTemplate,
  functions: CompiledFunction[],
  settings: TalkBackSettings,
  api: ApiLocation,
  roleLogicalId: string,
): string[] {
  const warnings: string[] = [];
  const { endpointVariable } = settings;
  if (endpointVariable) {
    const url = callbackUrl(api.region, api.apiId, api.stage);
    const keptByUser: string[] = [];
    for (const fn of functions) {
      const resource = template.Resources[fn.logicalId];
      if (resource?.Type !== 'AWS::Lambda::Function') continue;
      const variables = environmentVariables(resource);
      if (variables[endpointVariable] === undefined) variables[endpointVariable] = url;
      else if (variables[endpointVariable] !== url) keptByUser.push(fn.key);
    }
    if (keptByUser.length > 0) {
      warnings.push(
        `${endpointVariable} is set in serverless.yml for ${keptByUser.join(', ')}, so the plugin left it as it is instead of setting it to ${url}`,
      );
    }
  }

  if (settings.manageConnections) {
    const statement = manageConnectionsStatement(api);
    const ownRoles = functions.filter((fn) => fn.userRoleSource !== undefined);
    if (ownRoles.length < functions.length) addToRole(template, roleLogicalId, statement);
    if (ownRoles.length > 0) {
      const sources = [...new Set(ownRoles.map((fn) => fn.userRoleSource))].join(', ');
      warnings.push(
        `${ownRoles.map((fn) => fn.key).join(', ')} run with a role of your own (${sources}), which the plugin does not change; to let them use @connections, add this statement to it: ${JSON.stringify(statement)} (or set provider.websocketApiManageConnections: false to silence this)`,
      );
    }
  }
  return warnings;
}
