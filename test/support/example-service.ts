/** What example/serverless.yml deploys, in the terms of api-summary.ts. */

export const exampleFunction = (name: string): string => `websockets-chat-dev-${name}`;

export const EXAMPLE_API = {
  routes: {
    $connect: { function: exampleFunction('connection'), authorizer: 'CUSTOM:authorize' },
    $disconnect: { function: exampleFunction('connection') },
    $default: { function: exampleFunction('fallback') },
    message: { function: exampleFunction('message') },
    ping: {
      function: exampleFunction('ping'),
      routeResponseSelectionExpression: '$default',
      routeResponses: ['$default'],
    },
  },
  integrations: ['connection', 'fallback', 'message', 'ping'].map(
    (name) => `AWS_PROXY POST ${exampleFunction(name)}`,
  ),
  authorizers: {
    authorize: {
      type: 'REQUEST',
      function: exampleFunction('authorize'),
      identitySource: ['route.request.querystring.token'],
    },
  },
};
