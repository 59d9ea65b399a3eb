import {
  ACCOUNT,
  apiGatewayGrants,
  editServerlessYml,
  onlyWebsocketApi,
  serviceWith,
  sls,
  slsOk,
  summarize,
  useFakeAws,
} from './support';
import { summarizeServed } from '../support/api-summary';
import { EXPECTED_SMALL, SMALL } from './small-service';

const LAMBDA_AUTHORIZER = 'authorizer: { name: auth, identitySources: route.request.header.Auth }';
/** serverless.yml with this authorizer line (or none) on the $connect event. */
const connectWith = (authorizer: string) => (yml: string) =>
  yml
    .replace(/^ *authorizer: .*\n/m, '')
    .replace(
      'routeKey: $connect\n',
      `routeKey: $connect\n${authorizer && `          ${authorizer}\n`}`,
    );

describe('authorizer: aws_iam on $connect', () => {
  const aws = useFakeAws();

  test('switching $connect between a Lambda authorizer, aws_iam and none converges, with no stale authorizer or grant', async () => {
    const service = serviceWith(SMALL);
    const expectConnect = (authorizer: string | undefined, authorizers: object) => {
      const { apiId } = onlyWebsocketApi(aws());
      const { draft, live } = {
        draft: summarize(aws().apigw.draft(apiId)),
        live: summarizeServed(aws().apigw.live(apiId, 'dev')!),
      };
      for (const summary of [draft, live]) {
        expect(summary.routes.$connect).toEqual({ function: 'tide-dev-conn', authorizer });
        expect(summary.authorizers).toEqual(authorizers);
        // The other routes are untouched by the switch.
        expect(summary.routes.ping).toEqual(EXPECTED_SMALL.routes.ping);
      }
      return `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}`;
    };

    await slsOk(service, 'deploy');
    let executeApi = expectConnect('CUSTOM:auth', EXPECTED_SMALL.authorizers);
    expect(apiGatewayGrants(aws(), 'tide-dev-auth')).toEqual([`${executeApi}/authorizers/*`]);

    editServerlessYml(service, connectWith('authorizer: aws_iam'));
    const output = await slsOk(service, 'deploy');
    executeApi = expectConnect('AWS_IAM', {});
    expect(apiGatewayGrants(aws(), 'tide-dev-auth')).toEqual([]);
    expect(output).toContain('removed 1 invoke permissions no longer needed');

    editServerlessYml(service, connectWith(''));
    await slsOk(service, 'deploy');
    expectConnect(undefined, {});

    editServerlessYml(service, connectWith('authorizer: aws_iam'));
    await slsOk(service, 'deploy');
    expectConnect('AWS_IAM', {});

    editServerlessYml(service, connectWith(LAMBDA_AUTHORIZER));
    await slsOk(service, 'deploy');
    executeApi = expectConnect('CUSTOM:auth', EXPECTED_SMALL.authorizers);
    expect(apiGatewayGrants(aws(), 'tide-dev-auth')).toEqual([`${executeApi}/authorizers/*`]);

    // Converged: the next deploy changes nothing.
    const unchanged = await slsOk(service, 'deploy');
    expect(unchanged).toContain('already serves the current routes; nothing to deploy');
  });

  test('sls info marks the route', async () => {
    const service = serviceWith(SMALL.replace(LAMBDA_AUTHORIZER, 'authorizer: aws_iam'));
    await slsOk(service, 'deploy');
    expect(await slsOk(service, 'info')).toContain('$connect -> tide-dev-conn (AWS_IAM)');
  });

  test('on another route it is ignored with a warning; any other string is an error', async () => {
    const service = serviceWith(
      SMALL.replace(LAMBDA_AUTHORIZER, 'authorizer: aws_iam').replace(
        'routeKey: $default',
        'routeKey: $default\n          authorizer: aws_iam',
      ),
    );
    const output = await slsOk(service, 'deploy');
    expect(output).toContain(
      'function "talk", events[0] (websocket): the authorizer on route "$default" is ignored; API Gateway runs authorizers on the $connect route only',
    );

    editServerlessYml(service, (yml) => yml.replace('authorizer: aws_iam', 'authorizer: iam'));
    const result = await sls(service, 'deploy');
    expect(result.error?.message).toContain(
      'function "conn", events[0] (websocket): authorizer must be "aws_iam" (SigV4-signed connections) or an object with "name" or "arn" (a Lambda authorizer), got "iam"',
    );
  });
});
