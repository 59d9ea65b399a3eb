import type { AuthorizerConfig, RouteConfig, WebsocketConfig } from '../../src/config/types';
import { desiredApi, ownershipTags, statementId, type DeployTarget } from '../../src/desired-state';

const ACCOUNT = '123456789012';
const AUTH_HEADER = 'route.request.header.Auth';
const SHARED_AUTHORIZER_ARN = 'arn:aws:lambda:us-east-1:999999999999:function:shared-auth';

function config(overrides: Partial<WebsocketConfig> = {}): WebsocketConfig {
  return {
    name: 'chat-dev-websockets-api',
    routeSelectionExpression: '$request.body.action',
    routes: [],
    authorizers: [],
    production: { tags: {} },
    warnings: [],
    ...overrides,
  };
}

function route(routeKey: string, functionKey: string, extra: Partial<RouteConfig> = {}) {
  return { routeKey, functionKey, ...extra };
}

const serviceAuthorizer: AuthorizerConfig = {
  name: 'auth',
  label: 'function "connect", events[0] (websocket)',
  function: { kind: 'service', functionKey: 'auth' },
  identitySource: [AUTH_HEADER],
  managedExternally: false,
};

const arnAuthorizer: AuthorizerConfig = {
  name: 'shared-auth',
  label: 'function "connect", events[0] (websocket)',
  function: { kind: 'arn', arn: SHARED_AUTHORIZER_ARN },
  identitySource: [AUTH_HEADER],
  managedExternally: false,
};

function target(overrides: Partial<DeployTarget> = {}): DeployTarget {
  return {
    service: 'chat',
    stage: 'dev',
    region: 'us-east-1',
    accountId: ACCOUNT,
    functionNames: {
      connect: 'chat-dev-connect',
      message: 'chat-dev-message',
      auth: 'chat-dev-auth',
    },
    ...overrides,
  };
}

/** The URI API Gateway invokes for a function, spelled out by hand. */
function invocationUri(partition: string, region: string, functionArn: string): string {
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

function functionArn(partition: string, region: string, name: string): string {
  return `arn:${partition}:lambda:${region}:${ACCOUNT}:function:${name}`;
}

const chatRoutes = [
  route('$connect', 'connect', { authorizerName: 'auth' }),
  route('$disconnect', 'connect'),
  route('$default', 'message', { routeResponseSelectionExpression: '$default' }),
  route('sendMessage', 'message'),
];

describe('desiredApi', () => {
  it('carries the name, route selection expression, stage and ownership tags', () => {
    const desired = desiredApi(
      config({ name: 'my-api', routeSelectionExpression: '$request.body.type' }),
      target({ service: 'chat', stage: 'prod' }),
    );
    expect(desired.name).toBe('my-api');
    expect(desired.routeSelectionExpression).toBe('$request.body.type');
    expect(desired.stageName).toBe('prod');
    expect(desired.tags).toEqual(ownershipTags('chat', 'prod'));
    expect(Object.values(desired.tags).sort()).toEqual(['chat', 'prod']);
  });

  it('wants one integration per function, however many routes it serves', () => {
    const desired = desiredApi(
      config({ routes: chatRoutes, authorizers: [serviceAuthorizer] }),
      target(),
    );
    const connectUri = invocationUri(
      'aws',
      'us-east-1',
      functionArn('aws', 'us-east-1', 'chat-dev-connect'),
    );
    const messageUri = invocationUri(
      'aws',
      'us-east-1',
      functionArn('aws', 'us-east-1', 'chat-dev-message'),
    );
    expect(desired.integrations).toEqual([{ uri: connectUri }, { uri: messageUri }]);
    expect(desired.routes).toEqual([
      { routeKey: '$connect', integrationUri: connectUri, authorizerName: 'auth' },
      { routeKey: '$disconnect', integrationUri: connectUri },
      {
        routeKey: '$default',
        integrationUri: messageUri,
        routeResponseSelectionExpression: '$default',
      },
      { routeKey: 'sendMessage', integrationUri: messageUri },
    ]);
  });

  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('builds URIs and ARNs in %s with the %s partition', (region, partition) => {
    const desired = desiredApi(
      config({
        routes: [route('$connect', 'connect', { authorizerName: 'auth' })],
        authorizers: [serviceAuthorizer],
      }),
      target({ region }),
    );
    expect(desired.integrations).toEqual([
      { uri: invocationUri(partition, region, functionArn(partition, region, 'chat-dev-connect')) },
    ]);
    expect(desired.authorizers).toEqual([
      {
        name: 'auth',
        uri: invocationUri(partition, region, functionArn(partition, region, 'chat-dev-auth')),
        identitySource: [AUTH_HEADER],
      },
    ]);
    expect(desired.integrations[0].uri).toMatch(
      new RegExp(
        `^arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/arn:${partition}:lambda:`,
      ),
    );
  });

  it('invokes an authorizer given by ARN through that ARN', () => {
    const desired = desiredApi(
      config({
        routes: [route('$connect', 'connect', { authorizerName: 'shared-auth' })],
        authorizers: [arnAuthorizer],
      }),
      target(),
    );
    expect(desired.authorizers).toEqual([
      {
        name: 'shared-auth',
        uri: invocationUri('aws', 'us-east-1', SHARED_AUTHORIZER_ARN),
        identitySource: [AUTH_HEADER],
      },
    ]);
  });

  it('grants invoke once per integrated function and authorizer rights to a service authorizer', () => {
    const desired = desiredApi(
      config({ routes: chatRoutes, authorizers: [serviceAuthorizer] }),
      target(),
    );
    const invoke = statementId('invoke', 'chat', 'dev');
    const authorizer = statementId('authorizer', 'chat', 'dev');
    expect(desired.permissions).toEqual([
      { functionName: 'chat-dev-connect', statementId: invoke, sourcePath: '*' },
      { functionName: 'chat-dev-message', statementId: invoke, sourcePath: '*' },
      { functionName: 'chat-dev-auth', statementId: authorizer, sourcePath: 'authorizers/*' },
    ]);
    expect(invoke).not.toBe(authorizer);
  });

  it('grants an ARN authorizer its rights by ARN', () => {
    const desired = desiredApi(
      config({
        routes: [route('$connect', 'connect', { authorizerName: 'shared-auth' })],
        authorizers: [arnAuthorizer],
      }),
      target(),
    );
    expect(desired.permissions).toEqual([
      {
        functionName: 'chat-dev-connect',
        statementId: statementId('invoke', 'chat', 'dev'),
        sourcePath: '*',
      },
      {
        functionName: SHARED_AUTHORIZER_ARN,
        statementId: statementId('authorizer', 'chat', 'dev'),
        sourcePath: 'authorizers/*',
      },
    ]);
  });

  it('wants nothing for a config without routes', () => {
    const desired = desiredApi(config(), target());
    expect(desired.integrations).toEqual([]);
    expect(desired.routes).toEqual([]);
    expect(desired.permissions).toEqual([]);
  });
});

describe('statementId', () => {
  const VALID = /^[A-Za-z0-9_-]{1,100}$/;

  it.each([
    ['a short name', 'chat', 'dev'],
    ['characters Lambda refuses', 'my.service', 'dev/1 (blue)'],
    ['a very long service name', 's'.repeat(150), 'dev'],
    ['a very long stage name', 'chat', 'x'.repeat(300)],
  ])('is at most 100 safe characters for %s', (_, service, stage) => {
    expect(statementId('invoke', service, stage)).toMatch(VALID);
    expect(statementId('authorizer', service, stage)).toMatch(VALID);
  });

  it('differs per service, stage and kind', () => {
    const longPrefix = 'p'.repeat(120);
    const ids = [
      statementId('invoke', 'chat', 'dev'),
      statementId('invoke', 'chat', 'prod'),
      statementId('invoke', 'mail', 'dev'),
      statementId('authorizer', 'chat', 'dev'),
      statementId('invoke', `${longPrefix}-a`, 'dev'),
      statementId('invoke', `${longPrefix}-b`, 'dev'),
      statementId('invoke', 'chat', `${longPrefix}-a`),
      statementId('invoke', 'chat', `${longPrefix}-b`),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same for the same service, stage and kind', () => {
    expect(statementId('invoke', 'chat', 'dev')).toBe(statementId('invoke', 'chat', 'dev'));
  });

  // KNOWN BUG (see report): service and stage are joined with "-", which both may contain, so
  // two services sharing an ARN authorizer can get one statement id and overwrite each other.
  it('differs when a hyphen moves between service and stage', () => {
    expect(statementId('authorizer', 'my-app', 'dev')).not.toBe(
      statementId('authorizer', 'my', 'app-dev'),
    );
  });
});
