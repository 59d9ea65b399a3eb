import type { ServerlessWebsocketsPlugin } from '../src/plugin';
import { hookRecorder } from './hook-recorder';

/**
 * What the benchmark's services load as `serverless-websockets-plugin`: the built package
 * (dist/, as users get it), with every hook timed and its AWS calls marked.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BuiltPlugin = require('../dist/index.js') as typeof ServerlessWebsocketsPlugin;

class TimedWebsocketsPlugin extends BuiltPlugin {
  constructor(...args: ConstructorParameters<typeof BuiltPlugin>) {
    super(...args);
    hookRecorder.wrap(this.hooks);
  }
}

export = TimedWebsocketsPlugin;
