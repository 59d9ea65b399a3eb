import * as fs from 'fs';
import * as path from 'path';

/** The example service (example/serverless.yml and its handlers). */
export const EXAMPLE_DIR = path.resolve(__dirname, '..', '..', 'example');

/** Sets `provider.<key>` in a serverless.yml whose provider block has a `name: aws` line. */
export function withProviderSetting(yml: string, key: string, value: string): string {
  const existing = new RegExp(`^  ${key}: .*$`, 'm');
  if (existing.test(yml)) return yml.replace(existing, `  ${key}: ${value}`);
  return yml.replace(/^ {2}name: aws$/m, `  name: aws\n  ${key}: ${value}`);
}

/** The resource types of the CloudFormation template `sls package` wrote. */
export function packagedResourceTypes(servicePath: string): string[] {
  const file = path.join(servicePath, '.serverless', 'cloudformation-template-update-stack.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    Resources: Record<string, { Type: string }>;
  };
  return Object.values(template.Resources).map((resource) => resource.Type);
}

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
