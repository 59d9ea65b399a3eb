import { statementId } from '../../src/desired-state';
import {
  ACCOUNT,
  apiGatewayGrants,
  editServerlessYml,
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  serviceYml,
  sls,
  slsOk,
  summarize,
  useFakeAws,
} from './support';

/**
 * Authorizers given by ARN in another region or account, and no stale grants: every statement
 * the plugin made and no longer needs is removed, on deploy and on remove.
 */

const OTHER_ACCOUNT = '210987654321';
const arnOf = (name: string, region = 'us-east-1', account = ACCOUNT) =>
  `arn:aws:lambda:${region}:${account}:function:${name}`;

/** Service `gate`: $connect on `conn` with this authorizer block (or none), `talk` on $default. */
function gateService(authorizer: string | undefined, extraFunctions = ''): string {
  const authorizerLines = authorizer
    ? `\n          authorizer:\n${authorizer
        .trim()
        .split('\n')
        .map((line) => `            ${line.trim()}`)
        .join('\n')}`
    : '';
  return serviceYml(
    'gate',
    '',
    `  auth:
    handler: handler.auth
  auth2:
    handler: handler.auth2
  conn:
    handler: handler.conn
    events:
      - websocket:
          routeKey: $connect${authorizerLines}
  talk:
    handler: handler.talk
    events:
      - websocket:
          routeKey: $default
${extraFunctions}`,
  );
}

const byArn = (arn: string, extra = '') => `arn: ${arn}
identitySources: [route.request.header.Auth]
${extra}`;
const byName = (name: string) => `name: ${name}
identitySources: [route.request.header.Auth]`;

const AUTHORIZER_SID = (stage = 'dev') => statementId('authorizer', 'gate', stage);
const executeApi = (apiId: string) => `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}`;

describe('an authorizer given by ARN in another region', () => {
  const aws = useFakeAws();

  test('is called through a URI in its own region, and granted by that region’s Lambda', async () => {
    const arn = arnOf('central-auth', 'eu-west-1');
    aws().lambda.addFunction('central-auth', { region: 'eu-west-1' });
    const service = serviceWith(gateService(byArn(arn)));

    await slsOk(service, 'deploy');

    const { apiId } = onlyWebsocketApi(aws());
    const [authorizer] = aws().apigw.draft(apiId).authorizers;
    expect(authorizer.AuthorizerUri).toBe(
      `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`,
    );
    expect(apiGatewayGrants(aws(), arn)).toEqual([`${executeApi(apiId)}/authorizers/*`]);
    expect(summarize(aws().apigw.live(apiId, 'dev')!).routes.$connect).toEqual({
      function: 'gate-dev-conn',
      authorizer: 'CUSTOM:central-auth',
    });

    // Converged: the grant is found in that region on the next deploy.
    aws().resetCalls();
    await slsOk(service, 'deploy');
    expect(pluginWrites(aws())).toEqual([]);

    // `sls remove` takes the statement off the function, which outlives the stack.
    await slsOk(service, 'remove');
    expect(aws().lambda.statements(arn)).toEqual([]);
    expect(aws().lambda.hasFunction(arn)).toBe(true);
  });
});

describe('an authorizer given by ARN in another account', () => {
  const aws = useFakeAws();
  const arn = arnOf('central-auth', 'us-east-2', OTHER_ACCOUNT);
  beforeEach(() =>
    aws().lambda.addFunction('central-auth', { region: 'us-east-2', accountId: OTHER_ACCOUNT }),
  );

  test('without managedExternally: refused before any write, with the command its owner runs', async () => {
    const result = await sls(serviceWith(gateService(byArn(arn))), 'deploy');

    const command = `aws lambda add-permission --function-name ${arn} --statement-id ${AUTHORIZER_SID()} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:us-east-1:${ACCOUNT}:<apiId>/authorizers/* --region us-east-2`;
    expect(result.error?.message).toContain(
      `function "conn", events[0] (websocket): authorizer.arn ${arn} belongs to account ${OTHER_ACCOUNT}, not to the deploying account ${ACCOUNT}, so the plugin cannot grant API Gateway the permission to invoke it. Have the function's owner run\n      ${command}\n    and set authorizer.managedExternally: true (<apiId>: this service and stage have no API yet;`,
    );
    expect(aws().calls.filter((call) => call.write)).toEqual([]);
  });

  test('on an existing API the command names its id', async () => {
    const service = serviceWith(gateService(undefined));
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());
    editServerlessYml(service, () => gateService(byArn(arn)));
    aws().resetCalls();

    const result = await sls(service, 'deploy');

    expect(result.error?.message).toContain(
      `--source-arn ${executeApi(apiId)}/authorizers/* --region us-east-2\n    and set authorizer.managedExternally: true`,
    );
    expect(aws().calls.filter((call) => call.write)).toEqual([]);
  });

  test('with managedExternally: deployed, and no grant attempted', async () => {
    const service = serviceWith(gateService(byArn(arn, 'managedExternally: true')));

    await slsOk(service, 'deploy');

    const { apiId } = onlyWebsocketApi(aws());
    expect(summarize(aws().apigw.live(apiId, 'dev')!).authorizers).toEqual({
      'central-auth': {
        type: 'REQUEST',
        function: 'central-auth',
        identitySource: ['route.request.header.Auth'],
      },
    });
    const touched = () =>
      aws()
        .callsTo('Lambda')
        .filter((call) => JSON.stringify(call.params).includes('central-auth'));
    expect(touched()).toEqual([]);

    // Nor does `sls remove` try to take a statement back there.
    await slsOk(service, 'remove');
    expect(touched()).toEqual([]);
  });
});

describe('an authorizer ARN whose partition or region is not real', () => {
  const aws = useFakeAws();

  test.each([
    ['arn:aws:lambda:us-esat-1:123456789012:function:auth', 'its region "us-esat-1"'],
    ['arn:aws-moon:lambda:us-east-1:123456789012:function:auth', 'its partition "aws-moon"'],
  ])('%s is refused before any AWS call', async (arn, reason) => {
    const result = await sls(serviceWith(gateService(byArn(arn))), 'deploy');
    expect(result.error?.message).toContain(
      `function "conn", events[0] (websocket): authorizer.arn "${arn}": ${reason}`,
    );
    expect(aws().calls.filter((call) => call.service !== 'S3')).toEqual([]);
  });

  test('another partition is refused before any write', async () => {
    const arn = 'arn:aws-cn:lambda:cn-north-1:123456789012:function:auth';
    const result = await sls(serviceWith(gateService(byArn(arn))), 'deploy');
    expect(result.error?.message).toContain(
      `authorizer.arn ${arn} is in partition aws-cn, the API in aws (region us-east-1); API Gateway cannot call a function in another partition`,
    );
    expect(aws().calls.filter((call) => call.write)).toEqual([]);
  });
});

describe('no stale grants', () => {
  const aws = useFakeAws();

  test('a function that loses its websocket events loses its invoke statement', async () => {
    const service = serviceWith(
      gateService(
        undefined,
        `  extra:
    handler: handler.extra
    events:
      - websocket:
          routeKey: extra
`,
      ),
    );
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());
    expect(apiGatewayGrants(aws(), 'gate-dev-extra')).toEqual([`${executeApi(apiId)}/*`]);

    editServerlessYml(service, () =>
      gateService(undefined, '  extra:\n    handler: handler.extra\n'),
    );
    const output = await slsOk(service, 'deploy');

    expect(apiGatewayGrants(aws(), 'gate-dev-extra')).toEqual([]);
    expect(apiGatewayGrants(aws(), 'gate-dev-talk')).toEqual([`${executeApi(apiId)}/*`]);
    expect(summarize(aws().apigw.draft(apiId)).integrations).toEqual([
      'AWS_PROXY POST gate-dev-conn',
      'AWS_PROXY POST gate-dev-talk',
    ]);
    expect(output).toContain('removed 1 invoke permissions no longer needed');
  });

  test('an authorizer moved to another function, then removed: each old function loses its statement', async () => {
    const service = serviceWith(gateService(byName('auth')));
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());
    const authorizerGrant = [`${executeApi(apiId)}/authorizers/*`];
    expect(apiGatewayGrants(aws(), 'gate-dev-auth')).toEqual(authorizerGrant);

    // Moved: the same authorizer name on another function.
    editServerlessYml(service, () =>
      gateService('name: auth2\nidentitySources: [route.request.header.Auth]'),
    );
    await slsOk(service, 'deploy');
    expect(apiGatewayGrants(aws(), 'gate-dev-auth')).toEqual([]);
    expect(apiGatewayGrants(aws(), 'gate-dev-auth2')).toEqual(authorizerGrant);
    expect(summarize(aws().apigw.draft(apiId)).authorizers).toEqual({
      auth2: {
        type: 'REQUEST',
        function: 'gate-dev-auth2',
        identitySource: ['route.request.header.Auth'],
      },
    });

    // Moved to an ARN of another region, under the name it had.
    const central = arnOf('central-auth', 'eu-west-1');
    aws().lambda.addFunction('central-auth', { region: 'eu-west-1' });
    editServerlessYml(service, () => gateService(byArn(central, 'name: auth2')));
    await slsOk(service, 'deploy');
    expect(apiGatewayGrants(aws(), 'gate-dev-auth2')).toEqual([]);
    expect(apiGatewayGrants(aws(), central)).toEqual(authorizerGrant);
    expect(summarize(aws().apigw.live(apiId, 'dev')!).routes.$connect).toEqual({
      function: 'gate-dev-conn',
      authorizer: 'CUSTOM:auth2',
    });

    // Removed.
    editServerlessYml(service, () => gateService(undefined));
    await slsOk(service, 'deploy');
    expect(apiGatewayGrants(aws(), central)).toEqual([]);
    expect(aws().apigw.draft(apiId).authorizers).toEqual([]);
  });

  test.each(['createDeployment', 'updateStage', 'deleteAuthorizer'])(
    'a deploy that removes the authorizer and fails at %s leaves no stale statement after the re-run',
    async (operation) => {
      const service = serviceWith(gateService(byName('auth')));
      await slsOk(service, 'deploy');
      editServerlessYml(service, () => gateService(undefined));
      aws().failNext({ service: 'ApiGatewayV2', operation });

      expect((await sls(service, 'deploy')).error?.message).toContain('Injected failure');
      await slsOk(service, 'deploy');

      const { apiId } = onlyWebsocketApi(aws());
      expect(apiGatewayGrants(aws(), 'gate-dev-auth')).toEqual([]);
      expect(aws().apigw.draft(apiId).authorizers).toEqual([]);
      aws().resetCalls();
      await slsOk(service, 'deploy');
      expect(pluginWrites(aws())).toEqual([]);
    },
  );

  test('sls remove takes the statement off an authorizer given by ARN', async () => {
    const arn = arnOf('shared-auth');
    aws().lambda.addFunction('shared-auth');
    const service = serviceWith(gateService(byArn(arn)));
    await slsOk(service, 'deploy');
    expect(apiGatewayGrants(aws(), arn)).toHaveLength(1);

    await slsOk(service, 'remove');

    expect(aws().lambda.statements(arn)).toEqual([]);
  });

  test('many stages sharing an authorizer hold one statement each, and none once removed', async () => {
    const arn = arnOf('shared-auth');
    aws().lambda.addFunction('shared-auth');
    const service = serviceWith(gateService(byArn(arn)));
    const stages = ['a', 'b', 'c'];
    for (const stage of stages) await slsOk(service, 'deploy', '--stage', stage);
    for (const stage of stages) await slsOk(service, 'deploy', '--stage', stage);
    expect(
      aws()
        .lambda.statements(arn)
        .map((statement) => statement.Sid)
        .sort(),
    ).toEqual(stages.map((stage) => AUTHORIZER_SID(stage)).sort());

    await slsOk(service, 'remove', '--stage', 'a');
    await slsOk(service, 'remove', '--stage', 'b');

    expect(
      aws()
        .lambda.statements(arn)
        .map((statement) => statement.Sid),
    ).toEqual([AUTHORIZER_SID('c')]);
  });

  test('a full resource policy fails the step, saying what fills it', async () => {
    const arn = arnOf('shared-auth');
    aws().lambda.addFunction('shared-auth');
    // Other services' stages have filled the policy.
    for (let stage = 0; ; stage += 1) {
      try {
        aws().lambda.addPermission({
          FunctionName: arn,
          StatementId: `websockets-authorizer-other-stage${stage}-0123abcd`,
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:api${stage}/authorizers/*`,
        });
      } catch {
        break;
      }
    }
    const filled = aws().lambda.statements(arn).length;

    const result = await sls(serviceWith(gateService(byArn(arn))), 'deploy');

    expect(result.error?.message).toContain(
      `could not allow API Gateway to invoke function ${arn}: its resource policy is full (Lambda allows 20 KB per function, not raisable); it holds ${filled} statements, ${filled} of them for API Gateway, ${filled} made by serverless-websockets-plugin (one per service, stage and kind: websockets-authorizer-other-stage0-0123abcd,`,
    );
    expect(result.error?.message).toContain(
      `Remove the statements no longer needed with \`aws lambda remove-permission --function-name ${arn} --statement-id <id>\``,
    );
    expect(result.error?.message).toContain('PolicyLengthExceededException');
  });
});
