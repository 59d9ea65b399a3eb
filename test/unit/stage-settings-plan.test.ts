import {
  FRAMEWORK_ACCESS_LOG_FORMAT,
  planStageSettings,
  wantedStageSettings,
} from '../../src/reconcile/stage-settings-plan';
import type { LogsConfig } from '../../src/config/read-production';

const UNSET = { DataTraceEnabled: false, DetailedMetricsEnabled: false, LoggingLevel: 'OFF' };
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/websocket/x';
const ALL_LOGS: LogsConfig = {
  accessLogging: true,
  executionLogging: true,
  fullExecutionData: true,
  level: 'INFO',
};

describe('wantedStageSettings', () => {
  it("is AWS's defaults with an empty description when nothing is configured", () => {
    expect(wantedStageSettings({ tags: {} }, [{ routeKey: 'a' }])).toEqual({
      Description: '',
      DefaultRouteSettings: UNSET,
      RouteSettings: {},
    });
  });

  it('maps throttling and logs; route settings log like the default route', () => {
    const wanted = wantedStageSettings(
      { tags: {}, description: 'd', throttling: { burstLimit: 5 }, logs: ALL_LOGS },
      [{ routeKey: 'a', throttling: { rateLimit: 2 } }, { routeKey: 'b' }],
      LOG_GROUP,
    );
    const logging = { DataTraceEnabled: true, DetailedMetricsEnabled: false, LoggingLevel: 'INFO' };
    expect(wanted).toEqual({
      Description: 'd',
      DefaultRouteSettings: { ...logging, ThrottlingBurstLimit: 5 },
      RouteSettings: { a: { ...logging, ThrottlingRateLimit: 2 } },
      AccessLogSettings: { DestinationArn: LOG_GROUP, Format: FRAMEWORK_ACCESS_LOG_FORMAT },
    });
  });

  it('turns off data trace without full execution data, and everything without execution logging', () => {
    const levelOnly = wantedStageSettings(
      { tags: {}, logs: { ...ALL_LOGS, fullExecutionData: false, level: 'ERROR' } },
      [],
      LOG_GROUP,
    );
    expect(levelOnly.DefaultRouteSettings).toEqual({ ...UNSET, LoggingLevel: 'ERROR' });
    const accessOnly = wantedStageSettings(
      { tags: {}, logs: { ...ALL_LOGS, executionLogging: false, format: '$context.requestId' } },
      [],
      LOG_GROUP,
    );
    expect(accessOnly.DefaultRouteSettings).toEqual(UNSET);
    expect(accessOnly.AccessLogSettings?.Format).toBe('$context.requestId');
  });
});

describe('planStageSettings', () => {
  const wanted = wantedStageSettings(
    { tags: {}, description: 'd', throttling: { burstLimit: 5 }, logs: ALL_LOGS },
    [{ routeKey: 'a', throttling: { rateLimit: 2 } }],
    LOG_GROUP,
  );

  it('writes nothing for a stage that holds the wanted settings', () => {
    const plan = planStageSettings(wanted, { ...wanted, StageName: 'dev' });
    expect(plan).toEqual({ update: {}, deleteRouteSettings: [], deleteAccessLogSettings: false });
  });

  it('treats a missing description, and default fields left out, as what AWS reports', () => {
    const nothing = wantedStageSettings({ tags: {} }, []);
    expect(planStageSettings(nothing, { DefaultRouteSettings: {} }).update).toEqual({});
  });

  it('updates only what differs and deletes what is no longer wanted', () => {
    const plan = planStageSettings(wantedStageSettings({ tags: {} }, []), {
      ...wanted,
      RouteSettings: { ...wanted.RouteSettings, gone: UNSET },
    });
    expect(plan).toEqual({
      update: { Description: '', DefaultRouteSettings: UNSET },
      deleteRouteSettings: ['a', 'gone'],
      deleteAccessLogSettings: true,
    });
  });

  it('sends only the changed route settings', () => {
    const plan = planStageSettings(wanted, {
      ...wanted,
      RouteSettings: { a: { ...UNSET, ThrottlingRateLimit: 3 } },
      AccessLogSettings: undefined,
    });
    expect(plan.update).toEqual({
      RouteSettings: wanted.RouteSettings,
      AccessLogSettings: wanted.AccessLogSettings,
    });
  });
});
