import * as http from 'http';
import type * as net from 'net';

/**
 * A loopback server that every AWS client of a framework child process is pointed at, so that
 * an AWS call (which this machine, having no network, would otherwise just fail) is recorded:
 * as the HTTP(S) proxy (the framework's SDK v2 requests go through it: plain requests, or
 * CONNECT for HTTPS) and as AWS_ENDPOINT_URL (SDK v3 clients). Every request is refused.
 */
export class AwsTrap {
  readonly requests: string[] = [];
  private readonly server = http.createServer((request, response) => {
    this.requests.push(`${request.method} ${request.headers.host ?? ''}${request.url}`);
    response.writeHead(403).end();
  });

  private constructor() {
    this.server.on('connect', (request: http.IncomingMessage, socket: net.Socket) => {
      this.requests.push(`CONNECT ${request.url}`);
      socket.destroy();
    });
  }

  static async start(): Promise<AwsTrap> {
    const trap = new AwsTrap();
    await new Promise<void>((resolve) => trap.server.listen(0, '127.0.0.1', resolve));
    return trap;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** What a child process needs to send its AWS calls here. */
  env(): Record<string, string> {
    return {
      HTTP_PROXY: this.url,
      HTTPS_PROXY: this.url,
      http_proxy: this.url,
      https_proxy: this.url,
      AWS_ENDPOINT_URL: this.url,
      // Loopback stays direct: the WebSocket port and `@connections`.
      NO_PROXY: 'localhost,127.0.0.1',
      no_proxy: 'localhost,127.0.0.1',
    };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
