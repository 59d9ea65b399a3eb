import { ServerlessWebsocketsPlugin } from './plugin';

// The framework loads plugins with `new (require(name))(serverless, options)`.
export = ServerlessWebsocketsPlugin;
