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
