import { readTalkBackSettings, userRoleOf } from '../../src/config/talk-back-settings';
import type { ServiceDescription } from '../../src/config/types';
import { ConfigurationError } from '../../src/errors';
import {
  addTalkBack,
  type CompiledTemplate,
  manageConnectionsStatement,
} from '../../src/talk-back/compiled-template';

const service = (
  provider: Record<string, unknown>,
  functions: ServiceDescription['functions'] = { chat: {} },
): ServiceDescription => ({ service: 'chat', stage: 'dev', provider, functions });

const API = { region: 'eu-west-1', accountId: '123456789012', apiId: 'abc123', stage: 'dev' };
const URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev';
const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/*/@connections/*';

function template(chatVariables?: Record<string, unknown>): CompiledTemplate {
  return {
    Resources: {
      IamRoleLambdaExecution: {
        Type: 'AWS::IAM::Role',
        Properties: { Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow' }] } }] },
      },
      ChatLambdaFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: chatVariables ? { Environment: { Variables: chatVariables } } : {},
      },
      CronLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: {} },
    },
  };
}

const FUNCTIONS = [
  { key: 'chat', logicalId: 'ChatLambdaFunction' },
  { key: 'cron', logicalId: 'CronLambdaFunction' },
];
const ON = { manageConnections: true, endpointVariable: 'WEBSOCKET_API_ENDPOINT' };

describe('readTalkBackSettings', () => {
  it('defaults to both, and reads the opt-outs and the rename', () => {
    expect(readTalkBackSettings(service({}))).toEqual(ON);
    expect(
      readTalkBackSettings(
        service({ websocketApiManageConnections: false, websocketApiEndpointVariable: 'WS_URL' }),
      ),
    ).toEqual({ manageConnections: false, endpointVariable: 'WS_URL' });
    expect(readTalkBackSettings(service({ websocketApiEndpointVariable: false }))).toEqual({
      manageConnections: true,
      endpointVariable: undefined,
    });
  });

  it('reports every wrong value at once', () => {
    const read = () =>
      readTalkBackSettings(
        service({ websocketApiManageConnections: 'no', websocketApiEndpointVariable: 'A-B' }),
      );
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(/2 problems[\s\S]*got "no"[\s\S]*got "A-B"/);
  });
});

describe('userRoleOf', () => {
  it.each<[string, Record<string, unknown>, ServiceDescription['functions'], string | undefined]>([
    ['the framework role', {}, { chat: {} }, undefined],
    ['framework role statements', { iam: { role: { statements: [] } } }, { chat: {} }, undefined],
    ['provider.iam.role as a name', { iam: { role: 'mine' } }, { chat: {} }, 'provider.iam.role'],
    ['provider.role', { role: 'arn:aws:iam::1:role/x' }, { chat: {} }, 'provider.role'],
    ['a function role', { role: 'x' }, { chat: { role: 'y' } }, 'function "chat" role'],
  ])('%s', (_, provider, functions, source) => {
    expect(userRoleOf(service(provider, functions), 'chat')?.source).toBe(source);
  });
});

describe('addTalkBack', () => {
  it('sets the URL in every function and scopes the statement to the API and stage', () => {
    const compiled = template({ KEEP: 'me' });
    expect(addTalkBack(compiled, FUNCTIONS, ON, API, 'IamRoleLambdaExecution')).toEqual([]);
    expect(compiled.Resources.ChatLambdaFunction.Properties).toEqual({
      Environment: { Variables: { KEEP: 'me', WEBSOCKET_API_ENDPOINT: URL } },
    });
    expect(compiled.Resources.CronLambdaFunction.Properties).toEqual({
      Environment: { Variables: { WEBSOCKET_API_ENDPOINT: URL } },
    });
    expect(compiled.Resources.IamRoleLambdaExecution.Properties).toEqual({
      Policies: [
        {
          PolicyDocument: {
            Statement: [
              { Effect: 'Allow' },
              { Effect: 'Allow', Action: ['execute-api:ManageConnections'], Resource: [ARN] },
            ],
          },
        },
      ],
    });
  });

  it("keeps the user's variable, with a warning", () => {
    const compiled = template({ WEBSOCKET_API_ENDPOINT: { Ref: 'Mine' } });
    const warnings = addTalkBack(compiled, FUNCTIONS, ON, API, 'IamRoleLambdaExecution');
    expect(compiled.Resources.ChatLambdaFunction.Properties).toEqual({
      Environment: { Variables: { WEBSOCKET_API_ENDPOINT: { Ref: 'Mine' } } },
    });
    expect(warnings).toEqual([
      `WEBSOCKET_API_ENDPOINT is set in serverless.yml for chat, so the plugin left it as it is instead of setting it to ${URL}`,
    ]);
  });

  it("changes no role of the user's and names the statement to add", () => {
    const compiled = template();
    delete compiled.Resources.IamRoleLambdaExecution;
    const own = FUNCTIONS.map((fn) => ({ ...fn, userRoleSource: 'provider.role' }));
    const [warning] = addTalkBack(compiled, own, ON, API, 'IamRoleLambdaExecution');
    expect(Object.keys(compiled.Resources)).toEqual(['ChatLambdaFunction', 'CronLambdaFunction']);
    expect(warning).toContain('chat, cron run with a role of your own (provider.role)');
    expect(warning).toContain(JSON.stringify(manageConnectionsStatement(API)));
  });

  it('adds nothing that is turned off', () => {
    const compiled = template();
    const before = JSON.stringify(compiled);
    const off = { manageConnections: false, endpointVariable: undefined };
    expect(addTalkBack(compiled, FUNCTIONS, off, API, 'IamRoleLambdaExecution')).toEqual([]);
    expect(JSON.stringify(compiled)).toBe(before);
  });

  it.each([
    ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-east-1', 'aws-us-gov', 'amazonaws.com'],
  ])('builds ARN and URL for %s', (region, partition, suffix) => {
    const compiled = template();
    addTalkBack(compiled, FUNCTIONS, ON, { ...API, region }, 'IamRoleLambdaExecution');
    expect(
      (compiled.Resources.CronLambdaFunction.Properties?.Environment as { Variables: object })
        .Variables,
    ).toEqual({ WEBSOCKET_API_ENDPOINT: `https://abc123.execute-api.${region}.${suffix}/dev` });
    expect(manageConnectionsStatement({ ...API, region }).Resource).toEqual([
      `arn:${partition}:execute-api:${region}:123456789012:abc123/dev/*/@connections/*`,
    ]);
  });
});
