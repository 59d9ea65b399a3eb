import { readDomain } from '../../src/config/read-domain';
import { readProductionConfig } from '../../src/config/read-production';

const read = (provider: Record<string, unknown>) => {
  const problems: string[] = [];
  return { config: readProductionConfig(provider, problems), problems };
};

describe('readProductionConfig', () => {
  it('reads nothing into nothing', () => {
    expect(read({})).toEqual({ config: { tags: {} }, problems: [] });
  });

  it('merges tags (websocketApiTags wins) and writes numbers as text', () => {
    const { config } = read({ tags: { a: 'x', n: 1 }, websocketApiTags: { a: 'y' } });
    expect(config.tags).toEqual({ a: 'y', n: '1' });
  });

  it("gives logs the framework's defaults, with or without the object form", () => {
    const defaults = {
      accessLogging: true,
      executionLogging: true,
      fullExecutionData: true,
      level: 'INFO',
      retentionInDays: 14,
    };
    expect(read({ logs: { websocket: true }, logRetentionInDays: 14 }).config.logs).toEqual(
      defaults,
    );
    expect(read({ logs: { websocket: { level: 'ERROR' } } }).config.logs).toMatchObject({
      level: 'ERROR',
      executionLogging: true,
    });
    expect(read({ logs: { websocket: false } }).config.logs).toBeUndefined();
    // The framework's other log keys are not this plugin's.
    expect(read({ logs: { restApi: true } }).config.logs).toBeUndefined();
  });

  it('reports every problem at once, naming the key', () => {
    const { problems } = read({
      websocketApiThrottling: { burstLimit: -1, rateLimit: 'x', extra: 1 },
      logs: { websocket: { level: 'DEBUG' } },
      websocketApiDescription: 'x'.repeat(1025),
    });
    expect(problems).toEqual([
      expect.stringContaining('provider.websocketApiDescription'),
      expect.stringContaining('provider.websocketApiThrottling.extra'),
      expect.stringContaining('provider.websocketApiThrottling.burstLimit'),
      expect.stringContaining('provider.websocketApiThrottling.rateLimit'),
      expect.stringContaining('provider.logs.websocket.level'),
    ]);
  });
});

describe('readDomain', () => {
  it('keeps the name in lower case without the trailing dot', () => {
    const problems: string[] = [];
    expect(
      readDomain(
        {
          name: 'WS.Example.com.',
          certificateArn: 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc',
          basePath: 'v1.chat-(beta)',
        },
        problems,
      ),
    ).toEqual({
      name: 'ws.example.com',
      certificateArn: 'arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc',
      basePath: 'v1.chat-(beta)',
    });
    expect(problems).toEqual([]);
  });

  it.each([
    [{ certificateArn: 'x' }, ['.name', '.certificateArn']],
    ['ws.example.com', ['must be an object']],
    [
      { name: 'localhost', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/a' },
      ['.name'],
    ],
    [
      {
        name: 'a.b.com',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/a',
        path: 'x',
      },
      ['.path is not a setting'],
    ],
  ])('refuses %j', (given, keys) => {
    const problems: string[] = [];
    expect(readDomain(given, problems)).toBeUndefined();
    expect(problems).toEqual(keys.map((key) => expect.stringContaining(key)));
  });
});
