import type { FakeAws } from '../support/fake-aws';
import { pluginWrites, slsOk } from './support';

/** The service of the production-settings tests: `$default` and `message` on one function. */
export const productionService = (
  providerSettings: string,
  messageEventSettings = '',
) => `service: tide
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  runtime: nodejs20.x${providerSettings}
functions:
  talk:
    handler: handler.talk
    events:
      - websocket:
          routeKey: $default
      - websocket:
          routeKey: message${messageEventSettings}
`;

/** What AWS reports for route settings with no logging. */
export const NO_LOGGING = {
  DataTraceEnabled: false,
  DetailedMetricsEnabled: false,
  LoggingLevel: 'OFF',
};

/** Deploys the service again, expects no write to AWS, and returns the deploy's output. */
export async function expectRedeployWritesNothing(aws: FakeAws, service: string): Promise<string> {
  aws.resetCalls();
  const output = await slsOk(service, 'deploy');
  expect(pluginWrites(aws)).toEqual([]);
  return output;
}
