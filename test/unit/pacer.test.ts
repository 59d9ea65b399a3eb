import { pacedRequest, RequestPacer } from '../../src/aws/pacer';
import type { AwsRequest } from '../../src/aws/request';

/** A clock that only moves when the pacer sleeps: no test here waits for real time. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
    now: () => now,
  };
}

const throttled = () =>
  Object.assign(new Error('Rate exceeded'), { code: 'TooManyRequestsException', statusCode: 429 });

describe('RequestPacer', () => {
  it('lets the burst go at once (less the calls that can be in flight), then paces at the rate', async () => {
    const time = virtualTime();
    const pacer = new RequestPacer({ ratePerSecond: 10, burst: 40 }, time.clock, time.sleep);
    for (let n = 0; n < 38; n += 1) await pacer.acquire('createRoute');
    expect(time.now()).toBe(0);
    for (let n = 0; n < 10; n += 1) await pacer.acquire('createRoute');
    expect(time.now()).toBeCloseTo(1000);
  });

  it('spaces createDeployment 5 s apart', async () => {
    const time = virtualTime();
    const pacer = new RequestPacer({ ratePerSecond: 10, burst: 40 }, time.clock, time.sleep);
    await pacer.acquire('createDeployment');
    await pacer.acquire('createDeployment');
    expect(time.now()).toBe(5000);
  });

  it('empties its bucket and halves the rate on a 429, and recovers on successes', async () => {
    const time = virtualTime();
    const pacer = new RequestPacer({ ratePerSecond: 10, burst: 40 }, time.clock, time.sleep);
    pacer.throttled('createRoute');
    expect(pacer.ratePerSecond).toBe(5);
    await pacer.acquire('createRoute');
    expect(time.now()).toBeCloseTo(200);
    for (let n = 0; n < 100; n += 1) pacer.served();
    expect(pacer.ratePerSecond).toBe(10);
  });
});

describe('pacedRequest', () => {
  it('sends API Gateway calls again on 429 until AWS serves them; other services pass through', async () => {
    const time = virtualTime();
    const answers = ['429', '429', 'ok'];
    const calls: string[] = [];
    const request: AwsRequest = (service, method) => {
      calls.push(`${service}.${method}`);
      if (service === 'ApiGatewayV2' && answers.shift() === '429')
        return Promise.reject(throttled());
      return Promise.resolve({ ok: true });
    };
    const paced = pacedRequest(
      request,
      new RequestPacer({ ratePerSecond: 10, burst: 40 }, time.clock, time.sleep),
    );
    await expect(paced('ApiGatewayV2', 'createRoute', {})).resolves.toEqual({ ok: true });
    expect(calls).toEqual([
      'ApiGatewayV2.createRoute',
      'ApiGatewayV2.createRoute',
      'ApiGatewayV2.createRoute',
    ]);
    expect(time.now()).toBeGreaterThan(0);
    const lambdaError = Object.assign(new Error('throttled'), { code: 'TooManyRequestsException' });
    const lambda: AwsRequest = () => Promise.reject(lambdaError);
    await expect(
      pacedRequest(lambda, new RequestPacer({ ratePerSecond: 1, burst: 1 }))(
        'Lambda',
        'addPermission',
        {},
      ),
    ).rejects.toBe(lambdaError);
  });

  it('gives up after 10 retries, and does not retry other errors', async () => {
    const time = virtualTime();
    let attempts = 0;
    const alwaysThrottled: AwsRequest = () => {
      attempts += 1;
      return Promise.reject(throttled());
    };
    const pacer = new RequestPacer({ ratePerSecond: 10, burst: 40 }, time.clock, time.sleep);
    await expect(
      pacedRequest(alwaysThrottled, pacer)('ApiGatewayV2', 'getApis', {}),
    ).rejects.toMatchObject({
      code: 'TooManyRequestsException',
    });
    expect(attempts).toBe(11);
    // Framework-wrapped (provider.request with its retries off) counts as a 429 too.
    attempts = 0;
    const conflict: AwsRequest = () => {
      attempts += 1;
      return Promise.reject(
        Object.assign(new Error('x'), {
          providerError: { code: 'ConflictException', statusCode: 429 },
        }),
      );
    };
    await expect(
      pacedRequest(conflict, pacer)('ApiGatewayV2', 'createAuthorizer', {}),
    ).rejects.toThrow('x');
    expect(attempts).toBe(1);
  });
});
