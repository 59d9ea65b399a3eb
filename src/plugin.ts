import type Serverless from 'serverless';
import type Plugin from 'serverless/classes/Plugin';
import { ApiGatewayClient } from './aws/apigateway';
import { CloudWatchLogsClient } from './aws/cloudwatch-logs';
import { Route53Client } from './aws/route53';
import { LambdaClient } from './aws/lambda';
import { frameworkAwsRequest, type FrameworkAwsProvider } from './aws/framework-request';
import { pacedRequest, RequestPacer } from './aws/pacer';
import type { CommandContext } from './commands/context';
import { deployApi } from './commands/deploy';
import { checkStageIsNotTheLock } from './commands/deploy-lock';
import type { ReadyApi } from './commands/ensure-api';
import {
  describeDeployTimeAdditions,
  keepEndpointVariable,
  compiledStackOf,
  prepareDeploy,
} from './commands/talk-back';
import { showInfo } from './commands/info';
import { planDeploy } from './commands/plan';
import { removeApi } from './commands/remove';
import { isPluginEvent, readRequestPacing, readWebsocketConfig } from './config/read-config';
import { readTalkBackSettings } from './config/talk-back-settings';
import type { ServiceDescription } from './config/types';
import { AwsStepError, ConfigurationError } from './errors';
import { frameworkValidation, registerConfigSchema } from './framework/config-schema';
import { setSuccessExitCode } from './framework/exit-code';
import { createPluginLog, type PluginLog } from './log';
import { serveRoutesOffline } from './offline/serve-offline';

type FunctionEvents = { events?: unknown[] };

/**
 * The plugin's entry point: registers the hooks and hands each command its context. Turns the
 * plugin's own errors into the framework's error class, so that `sls` prints them cleanly.
 *
 * Works on Serverless Framework 1.35 to 3.x: every hook used here exists on all of them, the
 * configuration schema is extended where the framework validates serverless.yml (1.83+), and
 * output goes through 3.x's logging utilities when the framework passes them (see log.ts).
 */
export class ServerlessWebsocketsPlugin implements Plugin {
  readonly hooks: Plugin.Hooks;
  /** 2.x/3.x/osls validate a command's options against these (each needs a `type`). */
  readonly commands: Plugin.Commands = {
    websockets: {
      usage: 'Commands of serverless-websockets-plugin',
      commands: {
        plan: {
          usage: 'Shows every change `sls deploy` would make to the WebSocket API, and makes none',
          lifecycleEvents: ['plan'],
          options: {
            'detailed-exitcode': {
              usage: 'Exit with 2 when a deploy would change something, 0 when not, 1 on error',
              type: 'boolean',
            },
          },
        },
      },
    },
  };
  private readonly log: PluginLog;
  /** This plugin's events, set aside while the framework's websocket compiler runs. */
  private hiddenEvents = new Map<FunctionEvents, unknown[]>();
  /** The API found or created before the stack update, for the reconcile after it. */
  private readyApi: ReadyApi | undefined;

  constructor(
    private readonly serverless: Serverless,
    private readonly options: Serverless.Options & {
      noDeploy?: boolean;
      'detailed-exitcode'?: boolean;
    },
    logging?: Plugin.Logging,
  ) {
    this.log = createPluginLog(serverless, logging);
    registerConfigSchema(serverless);
    // serverless-offline reads the events in its offline:start:init (`sls offline start`) or
    // offline:start (`sls offline`) hook; `before:` runs first, whatever the plugin order.
    const serveOffline = () =>
      this.guard(() => serveRoutesOffline(serverless, options, this.describeService(), this.log));
    this.hooks = {
      // Validating here fails `sls deploy` before CloudFormation is touched.
      'before:package:compileEvents': () => this.guard(() => this.validateAndHideEvents()),
      'after:package:compileEvents': () => this.restoreEvents(),
      'after:package:finalize': () => this.guard(() => this.afterPackage()),
      // Runs after the framework's own hook has loaded the compiled template (also --package).
      'before:deploy:deploy': () => this.guard(() => this.beforeDeploy()),
      'after:deploy:deploy': () =>
        this.guard(() =>
          this.options.noDeploy
            ? undefined
            : this.withProgress('deploying the WebSocket API', (context) =>
                deployApi(context, this.readyApi),
              ),
        ),
      'before:deploy:function:deploy': () =>
        this.guard(() => keepEndpointVariable(this.context(), this.options.function as string)),
      'after:info:info': () => this.guard(() => showInfo(this.context())),
      // Before the stack goes, so that a missing stack does not keep the API alive.
      'before:remove:remove': () =>
        this.guard(() => this.withProgress('removing the WebSocket API', removeApi)),
      'websockets:plan:plan': () => this.guard(() => this.plan()),
      'before:offline:start': serveOffline,
      'before:offline:start:init': serveOffline,
    };
  }

  /**
   * The framework (1.38+) compiles `websocket` events into its own API and rejects events
   * without `route`, so this plugin's events are hidden from it while it runs.
   */
  private validateAndHideEvents(): void {
    // Said here for `sls package` too; `sls deploy` repeats them later (the log says each once).
    readWebsocketConfig(this.describeService()).warnings.forEach((w) => this.log.warning(w));
    readTalkBackSettings(this.describeService());
    for (const definition of this.functionDefinitions()) {
      const events = definition.events ?? [];
      if (!events.some(isPluginEvent)) continue;
      this.hiddenEvents.set(definition, events);
      definition.events = events.filter((event) => !isPluginEvent(event));
    }
  }

  private async beforeDeploy(): Promise<void> {
    const service = this.describeService();
    readWebsocketConfig(service);
    checkStageIsNotTheLock(service.stage);
    // 1.x `--noDeploy`: the framework deploys nothing, so neither does the plugin (here and after).
    if (this.options.noDeploy) return;
    this.readyApi = await prepareDeploy(this.context(), compiledStackOf(this.serverless));
  }

  private async plan(): Promise<void> {
    // The same configuration errors as `sls deploy`, before any AWS call.
    readTalkBackSettings(this.describeService());
    const { lines, changes } = await planDeploy(this.context());
    this.log.text(lines);
    if (this.options['detailed-exitcode'] && changes > 0) setSuccessExitCode(2);
  }

  private afterPackage(): void {
    const commands = (this.serverless as { processedInput?: { commands?: string[] } })
      .processedInput?.commands;
    if (commands?.[0] === 'package') describeDeployTimeAdditions(this.context());
  }

  private restoreEvents(): void {
    for (const [definition, events] of this.hiddenEvents) definition.events = events;
    this.hiddenEvents.clear();
  }

  private functionDefinitions(): FunctionEvents[] {
    const { service } = this.serverless;
    return service.getAllFunctions().map((key) => service.getFunction(key) as FunctionEvents);
  }

  private describeService(): ServiceDescription {
    const { service } = this.serverless;
    const provider = this.serverless.getProvider('aws');
    return {
      service: service.getServiceName(),
      stage: provider.getStage(),
      provider: service.provider as unknown as Record<string, unknown>,
      functions: Object.fromEntries(
        service.getAllFunctions().map((key) => [key, service.getFunction(key)]),
      ),
      frameworkValidation: frameworkValidation(this.serverless),
    };
  }

  private context(): CommandContext {
    const provider = this.serverless.getProvider('aws');
    const service = this.describeService();
    const request = pacedRequest(
      frameworkAwsRequest(provider as unknown as FrameworkAwsProvider),
      new RequestPacer(readRequestPacing(service)),
    );
    return {
      service,
      region: provider.getRegion(),
      request,
      apigateway: new ApiGatewayClient(request),
      lambda: new LambdaClient(request),
      logs: new CloudWatchLogsClient(request),
      route53: new Route53Client(request),
      log: this.log,
    };
  }

  private async withProgress(
    message: string,
    command: (context: CommandContext) => Promise<void>,
  ): Promise<void> {
    const done = this.log.progress(message);
    try {
      await command(this.context());
    } finally {
      done();
    }
  }

  private async guard(run: () => unknown): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof ConfigurationError || error instanceof AwsStepError) {
        throw new this.serverless.classes.Error(error.message);
      }
      throw error;
    }
  }
}
