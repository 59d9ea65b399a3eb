/**
 * `sls offline` serving this plugin's routes: serverless-offline started for real (a child
 * process on free loopback ports) in a copy of example/, driven by a real WebSocket client.
 * One test file per framework + serverless-offline pair (`<framework>-<version>.test.ts`), so
 * that jest runs two at a time; `npm run test:offline` (installs cached in .cache/offline,
 * the plugin packed once by global-setup.ts).
 */
import { packagedResourceTypes } from '../support/example-service';
import { AwsTrap } from './aws-trap';
import {
  offlineInstall,
  offlineSetup,
  prepareOfflineSetup,
  setupName,
  type OfflineSetup,
} from './offline-install';
import {
  childEnv,
  FrameworkProcess,
  freeOfflinePorts,
  portOptions,
  type OfflinePorts,
  waitFor,
} from './offline-process';
import { OfflineService, type ProbeCall, type ServiceVariant } from './offline-service';
import { Client, connect } from './ws-client';

const TOKEN = 'change-me'; // example/serverless.yml's CHAT_TOKEN
const SHARED_AUTHORIZER = 'arn:aws:lambda:us-east-1:123456789012:function:shared-auth';
const IDENTITY_WARNING = 'does not check the identity sources (route.request.querystring.token)';
const ARN_WARNING = 'is given by arn';
const EXPRESSION_WARNING = 'serverless-offline routes only by a field of the JSON message';
/** What the plugin prints on its deploy path; none of it may appear under `sls offline`. */
const DEPLOY_PATH = /deploying the WebSocket API|WebSockets: deployed|could not|wss:\/\//;

/** How many times `text` occurs in `output`. */
const occurrences = (output: string, text: string) => output.split(text).length - 1;

const isJson = (expected: Record<string, unknown>) => (message: string) => {
  try {
    return expect.objectContaining(expected).asymmetricMatch(JSON.parse(message));
  } catch {
    return false;
  }
};

interface Served {
  service: OfflineService;
  offline: FrameworkProcess;
  ports: OfflinePorts;
  url: string;
}

/** The tests of one setup of OFFLINE_SETUPS. */
export function describeOffline(framework: OfflineSetup['framework'], version: string): void {
  const setup = offlineSetup(framework, version);
  describe(`sls offline on ${setupName(setup)}`, () => {
    const install = offlineInstall(setup);
    let trap: AwsTrap;

    beforeAll(async () => {
      prepareOfflineSetup(setup);
      trap = await AwsTrap.start();
    }, 300_000);

    afterAll(() => trap?.stop());

    /**
     * serverless-offline serving a fresh copy of the example for the tests of the enclosing
     * describe block: started (and ready) before them, stopped and removed after them.
     */
    function serveForBlock(
      name: string,
      variant: Omit<ServiceVariant, 'runtime'>,
      command: string[],
    ): Served {
      const served = {} as Served;
      beforeAll(async () => {
        const service = OfflineService.create(install.projectDir, name, {
          runtime: setup.runtime,
          ...variant,
        });
        const ports = await freeOfflinePorts();
        const offline = FrameworkProcess.start(
          install,
          service.dir,
          [...command, ...portOptions(ports)],
          childEnv(trap.env()),
        );
        Object.assign(served, {
          service,
          ports,
          offline,
          url: `ws://localhost:${ports.websocket}`,
        });
        await offline.ready();
      }, 120_000);
      afterAll(async () => {
        await served.offline?.stop();
        served.service?.remove();
      }, 30_000);
      return served;
    }

    describe('the example (authorizer by name, routed by $request.body.action), `sls offline start`', () => {
      const served = serveForBlock('example', { probe: true }, ['offline', 'start']);

      it('refuses a connection without a token or with a wrong one (the authorizer denies: 403)', async () => {
        expect(await Client.open(served.url)).toEqual({ refusedWith: 403 });
        expect(await Client.open(`${served.url}?token=wrong`)).toEqual({ refusedWith: 403 });
        // Offline runs the authorizer even without the identity source (AWS answers 401 itself).
        expect(served.service.calls().filter((call) => call.handler === 'authorize')).toHaveLength(
          2,
        );
        expect(served.service.calls().filter((call) => call.handler === 'connection')).toHaveLength(
          0,
        );
      });

      it('serves every route of a connection admitted by the authorizer, which its handlers see', async () => {
        const client = await connect(`${served.url}?token=${TOKEN}`);
        const connected = await served.service.call(
          (call) => call.eventType === 'CONNECT' && call.handler === 'connection',
        );
        const { connectionId } = connected;
        const fromConnection = (call: ProbeCall) => call.connectionId === connectionId;

        // Two-way route: the handler's body comes back.
        client.send({ action: 'ping' });
        await client.receive(isJson({ pong: expect.any(Number) }));

        // The handler posts to @connections/<id>; the message reaches the client.
        client.send({ action: 'message', text: 'hi' });
        expect(JSON.parse(await client.receive(isJson({ echo: 'hi' })))).toEqual({
          echo: 'hi',
          from: 'chat-user',
        });

        // $default: no matching action, no action, not JSON.
        for (const frame of ['{"action":"nope"}', '{"text":"no action"}', 'not json']) {
          client.send(frame);
          await served.service.call(
            (call) => fromConnection(call) && call.handler === 'fallback' && call.body === frame,
          );
        }

        await client.close();
        await served.service.call(
          (call) => fromConnection(call) && call.eventType === 'DISCONNECT',
        );

        // (serverless-offline gives $default handlers the selected key as routeKey, AWS gives
        // "$default"; the event types are the same.)
        const [authorized, ...handled] = served.service.calls().filter(fromConnection);
        expect([authorized, ...handled].map((call) => `${call.handler} ${call.eventType}`)).toEqual(
          [
            'authorize CONNECT',
            'connection CONNECT',
            'ping MESSAGE',
            'message MESSAGE',
            'fallback MESSAGE',
            'fallback MESSAGE',
            'fallback MESSAGE',
            'connection DISCONNECT',
          ],
        );
        for (const call of handled) {
          expect(call.authorizer).toMatchObject({ principalId: 'chat-user', user: 'chat-user' });
          expect(call).toMatchObject({
            isOffline: 'true',
            endpoint: `http://localhost:${served.ports.websocket}`,
          });
        }
      });

      it('warns once that identity sources are not checked, and about nothing else', () => {
        expect(occurrences(served.offline.output, IDENTITY_WARNING)).toBe(1);
        expect(served.offline.output).not.toContain(ARN_WARNING);
        expect(served.offline.output).not.toContain(EXPRESSION_WARNING);
        expect(served.offline.output).not.toMatch(/route 'undefined/);
      });

      it('makes no AWS call and never enters the deploy path', () => {
        expect(trap.requests).toEqual([]);
        expect(served.offline.output).not.toMatch(DEPLOY_PATH);
      });
    });

    describe('authorizer by arn, a custom route selection expression, serverless-offline listed first, `sls offline`', () => {
      const served = serveForBlock(
        'custom',
        {
          probe: true,
          authorizerArn: SHARED_AUTHORIZER,
          routeSelectionExpression: '$request.body.type',
          offlineFirst: true,
        },
        ['offline'],
      );

      it('leaves $connect open and routes by the configured expression', async () => {
        const client = await connect(served.url);
        const { connectionId } = await served.service.call((call) => call.eventType === 'CONNECT');

        client.send({ type: 'ping' });
        await client.receive(isJson({ pong: expect.any(Number) }));
        const routedByAction = JSON.stringify({ action: 'ping' });
        client.send(routedByAction);
        await served.service.call(
          (call) =>
            call.connectionId === connectionId &&
            call.handler === 'fallback' &&
            call.body === routedByAction,
        );
        await client.close();
        await served.service.call(
          (call) => call.connectionId === connectionId && call.eventType === 'DISCONNECT',
        );
        expect(served.service.calls().filter((call) => call.handler === 'authorize')).toEqual([]);
      });

      it('warns once that $connect is open locally, and about nothing else', () => {
        expect(occurrences(served.offline.output, ARN_WARNING)).toBe(1);
        expect(served.offline.output).toContain('$connect is open locally');
        expect(served.offline.output).not.toContain(IDENTITY_WARNING);
        expect(served.offline.output).not.toContain(EXPRESSION_WARNING);
      });

      it('makes no AWS call and never enters the deploy path', () => {
        expect(trap.requests).toEqual([]);
        expect(served.offline.output).not.toMatch(DEPLOY_PATH);
      });
    });

    it('would catch an AWS call: the trap records those of `sls info`', async () => {
      const service = OfflineService.create(install.projectDir, 'info', { runtime: setup.runtime });
      const infoTrap = await AwsTrap.start();
      const info = FrameworkProcess.start(install, service.dir, ['info'], childEnv(infoTrap.env()));
      try {
        const seen = () => infoTrap.requests.find((request) => request.includes('cloudformation.'));
        await waitFor(seen, 60_000, () => `a CloudFormation call; printed:\n${info.output}`);
      } finally {
        await info.stop();
        await infoTrap.stop();
        service.remove();
      }
    }, 90_000);

    it('leaves `sls package` as it is with serverless-offline in the plugins', async () => {
      const service = OfflineService.create(install.projectDir, 'package', {
        runtime: setup.runtime,
      });
      try {
        const packaging = FrameworkProcess.start(
          install,
          service.dir,
          ['package'],
          childEnv(trap.env()),
        );
        expect(await packaging.finished(120_000)).toBe(0);
        const types = packagedResourceTypes(service.dir);
        expect(types.filter((type) => type === 'AWS::Lambda::Function')).toHaveLength(5);
        expect(types.filter((type) => type.startsWith('AWS::ApiGatewayV2::'))).toEqual([]);
        expect(packaging.output).not.toContain(IDENTITY_WARNING);
        expect(trap.requests).toEqual([]);
      } finally {
        service.remove();
      }
    }, 150_000);
  });
}
