'use strict';

// The Node.js 20 Lambda runtime ships the AWS SDK v3 clients.
const {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} = require('@aws-sdk/client-apigatewaymanagementapi');

/**
 * $connect authorizer: clients connect with ?token=<CHAT_TOKEN>. Every handler of the
 * connection sees the context in event.requestContext.authorizer.
 */
exports.authorize = async (event) => {
  const token = (event.queryStringParameters || {}).token;
  const effect = token && token === process.env.CHAT_TOKEN ? 'Allow' : 'Deny';
  return {
    principalId: 'chat-user',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: event.methodArn }],
    },
    context: { user: 'chat-user' },
  };
};

/** $connect and $disconnect. */
exports.connection = async (event) => {
  console.log(event.requestContext.eventType, event.requestContext.connectionId);
  return { statusCode: 200 };
};

/** $default: any message whose action matches no route. */
exports.fallback = async (event) => {
  console.log('unrouted message', event.body);
  return { statusCode: 200 };
};

/** {"action":"message","text":"hi"}: echoed back through the @connections callback URL. */
exports.message = async (event) => {
  const { domainName, stage, connectionId } = event.requestContext;
  // Under `sls offline` the plugin sets WEBSOCKET_API_ENDPOINT to serverless-offline's local
  // @connections endpoint; on AWS the callback URL is the API's own.
  const endpoint = process.env.WEBSOCKET_API_ENDPOINT || `https://${domainName}/${stage}`;
  const client = new ApiGatewayManagementApiClient({ endpoint });
  const { text } = JSON.parse(event.body || '{}');
  const { user } = event.requestContext.authorizer || {};
  await client.send(
    new PostToConnectionCommand({
      ConnectionId: connectionId,
      Data: JSON.stringify({ echo: text, from: user }),
    }),
  );
  return { statusCode: 200 };
};

/** {"action":"ping"}: a two-way route, the return value goes back to the client. */
exports.ping = async () => ({ statusCode: 200, body: JSON.stringify({ pong: Date.now() }) });
