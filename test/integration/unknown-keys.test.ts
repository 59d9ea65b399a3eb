import {
  clubService,
  onlyWebsocketApi,
  serviceWith,
  sls,
  slsOk,
  summarize,
  useFakeAws,
} from './support';

const WARNING =
  'function "chat", events[0] (websocket): unknown key "routeResponseSelectionExpresion" is ignored; did you mean routeResponseSelectionExpression?';

const misspelt = (topLevel = '') =>
  serviceWith(
    topLevel +
      clubService(
        '',
        `  chat:
    handler: handler.chat
    events:
      - websocket:
          routeKey: ping
          routeResponseSelectionExpresion: $default
`,
      ),
  );

const occurrences = (output: string, text: string) => output.split(text).length - 1;

describe('misspelt keys (in-process framework 1.83.3: its schema accepts any websocket event object)', () => {
  const aws = useFakeAws();

  test('sls deploy warns once, naming the key and the likely key, and deploys without it', async () => {
    const output = await slsOk(misspelt(), 'deploy');

    expect(occurrences(output, WARNING)).toBe(1);
    const { apiId } = onlyWebsocketApi(aws());
    expect(summarize(aws().apigw.live(apiId, 'dev')!).routes).toEqual({
      ping: { function: 'club-dev-chat' },
    });
  });

  test('sls package warns once too', async () => {
    const output = await slsOk(misspelt(), 'package');

    expect(occurrences(output, WARNING)).toBe(1);
  });

  test('configValidationMode: error stops the command before any AWS write', async () => {
    const result = await sls(misspelt('configValidationMode: error\n'), 'deploy');

    expect(result.error?.message).toContain(
      'function "chat", events[0] (websocket): unknown key "routeResponseSelectionExpresion"; did you mean routeResponseSelectionExpression?',
    );
    expect(aws().calls.filter((call) => call.write)).toEqual([]);
  });
});
