import { deployApi } from '../../src/commands/deploy';
import type { LockTiming } from '../../src/commands/deploy-lock';
import type { ServiceDescription } from '../../src/config/types';
import {
  DEPLOY_LOCK_STAGE,
  lockDescription,
  LOCK_LEASE_MS,
  LOCK_POLL_MS,
  LOCK_WAIT_MS,
} from '../../src/reconcile/deploy-lock';
import { directContext } from '../support/command-context';
import { SMALL } from './small-service';
import type { FakeAws } from '../support/fake-aws';
import {
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  sls,
  slsOk,
  summarize,
  useFakeAws,
  websocketApis,
} from './support';

/**
 * Concurrent deploys of one stage take turns on the deploy lock (src/commands/deploy-lock.ts).
 * Two framework runs cannot share this process, so two reconciles (the deploy's after-stack
 * step) run at once, each with its own context, as two `sls deploy` processes would.
 */

/** Service "duel" stage "dev": function key -> its route keys, and a route selection expression. */
function duel(routes: Record<string, string[]>, expression: string): ServiceDescription {
  return {
    service: 'duel',
    stage: 'dev',
    provider: { name: 'aws', websocketApiRouteSelectionExpression: expression },
    functions: Object.fromEntries(
      Object.entries(routes).map(([key, routeKeys]) => [
        key,
        { events: routeKeys.map((routeKey) => ({ websocket: { routeKey } })) },
      ]),
    ),
  };
}

const FIRST = duel({ a: ['$connect', 'hello'] }, '$request.body.action');
const CONFIG_A = duel({ a: ['$connect', 'alpha'], b: ['$disconnect'] }, '$request.body.action');
const CONFIG_B = duel({ b: ['$connect', 'beta'] }, '$request.body.type');

/** What the API holds after a deploy of `config`: routes (function per route) and expression. */
const deployedAs = (config: ServiceDescription) => ({
  routes: Object.fromEntries(
    Object.entries(config.functions).flatMap(([key, definition]) =>
      (definition.events ?? []).map((event) => [
        (event as { websocket: { routeKey: string } }).websocket.routeKey,
        { function: `duel-dev-${key}` },
      ]),
    ),
  ),
  expression: config.provider.websocketApiRouteSelectionExpression,
});

function apiAsDeployed(aws: FakeAws) {
  const { apiId, api } = onlyWebsocketApi(aws);
  const live = aws.apigw.live(apiId, 'dev');
  return {
    draft: {
      routes: summarize(aws.apigw.draft(apiId)).routes,
      expression: api.RouteSelectionExpression,
    },
    live: live && summarize(live).routes,
  };
}

const lockStageOf = (aws: FakeAws) =>
  aws.apigw.api(onlyWebsocketApi(aws).apiId)?.stages.get(DEPLOY_LOCK_STAGE);

/** The draft holds `config` and the stage serves it; the lock was given back. */
function expectServing(aws: FakeAws, config: ServiceDescription): void {
  expect(apiAsDeployed(aws)).toEqual({
    draft: deployedAs(config),
    live: deployedAs(config).routes,
  });
  expect(lockStageOf(aws)).toBeUndefined();
}

/** A lock held by another deploy, taken `ageMs` ago. */
function holdLock(aws: FakeAws, ageMs: number) {
  const since = new Date(Date.now() - ageMs);
  onlyWebsocketApi(aws).stages.set(DEPLOY_LOCK_STAGE, {
    StageName: DEPLOY_LOCK_STAGE,
    Description: lockDescription({
      token: 'theirs',
      host: 'ci-7',
      pid: 4242,
      since: since.toISOString(),
    }),
    CreatedDate: since,
  });
  return since.toISOString();
}

/**
 * A virtual clock. `sleep` moves it on, and (with `until`) also waits, in real time, for that
 * condition: a waiting deploy resumes once the other has given the lock back, however long it
 * took in real time, so that no outcome depends on timing.
 */
function virtualTiming(until?: () => boolean) {
  let now = Date.now();
  const slept: number[] = [];
  const timing: LockTiming = {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
      while (until && !until()) await new Promise((resolve) => setTimeout(resolve, 2));
    },
  };
  const advance = (ms: number) => (now += ms);
  return { timing, slept, advance };
}

describe('concurrent deploys of one stage', () => {
  // Latency, so that the two reconciles' calls interleave.
  const aws = useFakeAws({ latencyMs: 2, latencyJitterMs: 6, apiQuotas: { stages: 2 } });

  beforeEach(() => {
    for (const key of ['a', 'b']) aws().lambda.addFunction(`duel-dev-${key}`);
  });

  test('two deploys with different configs: the stage serves exactly one of them, the second waited', async () => {
    await deployApi(directContext(FIRST).context);
    const { timing } = virtualTiming(() => !lockStageOf(aws()));
    const a = directContext(CONFIG_A);
    const b = directContext(CONFIG_B);

    await Promise.all([
      deployApi(a.context, undefined, timing),
      deployApi(b.context, undefined, timing),
    ]);

    const waited = [a, b].filter(({ lines }) =>
      lines.some((line) => line.includes('waiting up to')),
    );
    expect(waited).toHaveLength(1);
    // The one that waited deployed last: its config is the one served, nothing of the other's.
    expectServing(aws(), waited[0] === a ? CONFIG_A : CONFIG_B);
    expect(waited[0].lines).toContainEqual(
      expect.stringMatching(
        /^info: another deploy of this stage is under way \(host ".+", pid \d+, since \S+\); waiting up to 5 minutes/,
      ),
    );
    expect(
      onlyWebsocketApi(aws())
        .stages.values()
        .map((stage) => stage.StageName),
    ).toEqual(['dev']);
  });

  test('a lock held by a live deploy: the deploy waits, then fails naming the holder and how to clear it', async () => {
    await deployApi(directContext(FIRST).context);
    const before = apiAsDeployed(aws());
    const since = holdLock(aws(), 60_000);
    const { timing, slept } = virtualTiming();
    const { context, lines } = directContext(CONFIG_A);
    aws().resetCalls();

    const failing = deployApi(context, undefined, timing);

    const { apiId } = onlyWebsocketApi(aws());
    await expect(failing).rejects.toThrow(
      `serverless-websockets-plugin could not take the deploy lock of service "duel" stage "dev" (stage "sls-websockets-lock" of API ${apiId}): ` +
        `another deploy of this stage still holds it after 5 minutes (host "ci-7", pid 4242, since ${since}). ` +
        `If that deploy is no longer running, delete the lock and deploy again: ` +
        `aws apigatewayv2 delete-stage --api-id ${apiId} --stage-name sls-websockets-lock --region us-east-1`,
    );
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBe(LOCK_WAIT_MS);
    expect(slept.every((ms) => ms <= LOCK_POLL_MS)).toBe(true);
    expect(lines.filter((line) => line.includes('waiting up to'))).toHaveLength(1);
    // Nothing changed: the draft, the stage and the other deploy's lock are as they were.
    expect(pluginWrites(aws())).toEqual([]);
    expect(apiAsDeployed(aws())).toEqual(before);
    expect(lockStageOf(aws())?.Description).toContain('"token":"theirs"');
  });

  test('a lock older than the lease is broken with a warning, and the deploy goes ahead', async () => {
    await deployApi(directContext(FIRST).context);
    const since = holdLock(aws(), LOCK_LEASE_MS + 60_000);
    const { context, lines } = directContext(CONFIG_B);

    await deployApi(context, undefined, virtualTiming().timing);

    expect(lines).toContainEqual(
      `warning: broke the deploy lock of API ${onlyWebsocketApi(aws()).apiId} held by host "ci-7", pid 4242, since ${since}: older than 15 minutes, that deploy was stopped before it could give the lock back`,
    );
    expectServing(aws(), CONFIG_B);
  });

  test('a failed reconcile gives the lock back: the next deploy does not wait', async () => {
    await deployApi(directContext(FIRST).context);
    aws().failNext(
      { service: 'ApiGatewayV2', operation: 'createRoute' },
      { code: 'BadRequestException', message: 'Injected failure' },
    );

    await expect(deployApi(directContext(CONFIG_A).context)).rejects.toThrow(/Injected failure/);
    expect(lockStageOf(aws())).toBeUndefined();

    const { timing, slept } = virtualTiming();
    const next = directContext(CONFIG_A);
    await deployApi(next.context, undefined, timing);
    expect(slept).toEqual([]);
    expectServing(aws(), CONFIG_A);
  });

  test('a lock whose createStage answer was lost and sent again is known as its own: no wait', async () => {
    await deployApi(directContext(FIRST).context);
    let lost = false;
    const { context, lines } = directContext(CONFIG_A, {
      around: (send) => async (service, method, params) => {
        const takesLock = (params as { StageName?: string }).StageName === DEPLOY_LOCK_STAGE;
        if (method !== 'createStage' || !takesLock || lost) return send(service, method, params);
        lost = true;
        // AWS created the stage but the answer never came; the request layer sent it again.
        await send(service, method, params);
        return send(service, method, params);
      },
    });
    const { timing, slept } = virtualTiming();

    await deployApi(context, undefined, timing);

    expect(lost).toBe(true);
    expect(
      aws()
        .callsTo('ApiGatewayV2')
        .filter((call) => call.error),
    ).toEqual([expect.objectContaining({ operation: 'createStage', error: 'ConflictException' })]);
    expect(slept).toEqual([]);
    expect(lines.filter((line) => line.includes('lock'))).toEqual([]);
    expectServing(aws(), CONFIG_A);
  });

  test('a deploy that ran past the lease and lost its lock leaves the new holder’s lock alone', async () => {
    await deployApi(directContext(FIRST).context);
    const { timing, advance } = virtualTiming();
    let since = '';
    const { context, lines } = directContext(CONFIG_A, {
      around: (send) => async (service, method, params) => {
        // The reconcile's first step, under the lock: 16 minutes go by, and another deploy
        // breaks the lock and takes it.
        if (method === 'getApi' && !since) {
          advance(LOCK_LEASE_MS + 60_000);
          onlyWebsocketApi(aws()).stages.delete(DEPLOY_LOCK_STAGE);
          since = holdLock(aws(), 0);
        }
        return send(service, method, params);
      },
    });

    await deployApi(context, undefined, timing);

    expect(lines).toContainEqual(
      `warning: the deploy lock of API ${onlyWebsocketApi(aws()).apiId} was broken during this deploy, which took longer than 15 minutes; it is now held by host "ci-7", pid 4242, since ${since}`,
    );
    expect(lockStageOf(aws())?.Description).toContain('"token":"theirs"');
  });

  test('a lock that cannot be given back is a warning with the command that clears it', async () => {
    await deployApi(directContext(FIRST).context);
    aws().failNext(
      { service: 'ApiGatewayV2', operation: 'deleteStage' },
      { code: 'BadRequestException', message: 'Injected failure' },
    );
    const { context, lines } = directContext(CONFIG_A);

    await deployApi(context);

    const { apiId } = onlyWebsocketApi(aws());
    expect(lines).toContainEqual(
      `warning: serverless-websockets-plugin could not give back the deploy lock: BadRequestException: Injected failure. ` +
        `The next deploy waits for it up to 5 minutes; to clear it now: ` +
        `aws apigatewayv2 delete-stage --api-id ${apiId} --stage-name sls-websockets-lock --region us-east-1`,
    );
    expect(apiAsDeployed(aws())).toEqual({
      draft: deployedAs(CONFIG_A),
      live: deployedAs(CONFIG_A).routes,
    });
    expect(lockStageOf(aws())).toBeDefined();
  });

  test('the lock counts toward the stages per API: without room, the deploy says so before any change', async () => {
    await deployApi(directContext(FIRST).context);
    const before = apiAsDeployed(aws());
    // AWS's quota is 10 stages per API; the stand-in's is lowered to what the API already has.
    aws()
      .apigw.api(onlyWebsocketApi(aws()).apiId)!
      .stages.set('handmade', { StageName: 'handmade' });
    aws().resetCalls();

    await expect(deployApi(directContext(CONFIG_A).context)).rejects.toThrow(
      /^serverless-websockets-plugin could not take the deploy lock of service "duel" stage "dev" \(stage "sls-websockets-lock" of API \w+\): ConflictException: Maximum number of Stages for this API has been reached/,
    );
    expect(pluginWrites(aws())).toEqual([]);
    expect(apiAsDeployed(aws())).toEqual(before);
  });

  test('a first deploy that waited for one that reconciled its new API reads the draft it finds', async () => {
    // Both found no API; this one created it, the other (its stack done first) reconciled it.
    const first = directContext(CONFIG_A);
    await deployApi(first.context);
    const { apiId } = onlyWebsocketApi(aws());
    const { context } = directContext(CONFIG_B);

    await deployApi(context, { apiId, isNew: true, accountId: '123456789012' });

    expectServing(aws(), CONFIG_B);
  });
});

describe('the deploy lock in other commands', () => {
  const aws = useFakeAws();
  const service = () => serviceWith(SMALL);

  test('sls info shows the service stage only, while a lock is held', async () => {
    const path = service();
    await slsOk(path, 'deploy');
    holdLock(aws(), 1000);

    const output = await slsOk(path, 'info');

    expect(output).toContain(
      `wss://${onlyWebsocketApi(aws()).apiId}.execute-api.us-east-1.amazonaws.com/dev`,
    );
    expect(output).not.toContain(DEPLOY_LOCK_STAGE);
    expect(output).not.toContain('lock');
  });

  test('sls remove deletes the API, and the lock with it', async () => {
    const path = service();
    await slsOk(path, 'deploy');
    holdLock(aws(), 1000);

    await slsOk(path, 'remove');

    expect(websocketApis(aws())).toEqual([]);
  });

  test('a service stage named like the lock is refused before any AWS write', async () => {
    const result = await sls(service(), 'deploy', '--stage', DEPLOY_LOCK_STAGE);

    expect(result.error?.message).toBe(
      'serverless-websockets-plugin: stage "sls-websockets-lock" is the name of the plugin\'s deploy lock stage; deploy with another --stage',
    );
    expect(aws().calls.filter((call) => call.write && call.service === 'ApiGatewayV2')).toEqual([]);
  });
});
