import * as net from 'net';

type Connect = typeof net.Socket.prototype.connect;

/** Where a `socket.connect(...)` call was going, from its many call shapes. */
function describeTarget(args: unknown[]): string {
  const [first, second] = args;
  const options = Array.isArray(first) ? first[0] : first;
  if (typeof options === 'object' && options !== null) {
    const { host, port, path } = options as { host?: string; port?: number; path?: string };
    return path ?? `${host ?? 'localhost'}:${port}`;
  }
  return typeof second === 'string' ? `${second}:${String(first)}` : String(first);
}

/**
 * Fails every outgoing TCP/TLS connection of this process (HTTP clients, fetch, the SDK's own
 * agents, the framework's telemetry and update checks) and records where it was going. FakeAws
 * blocks the SDK's HTTP layer; this catches whatever else a framework version might reach.
 */
export class NetworkGuard {
  readonly attempts: string[] = [];
  private original?: Connect;

  install(): void {
    if (this.original) return;
    const original = net.Socket.prototype.connect;
    this.original = original;
    const attempts = this.attempts;
    net.Socket.prototype.connect = function blockedConnect(this: net.Socket, ...args: unknown[]) {
      const target = describeTarget(args);
      attempts.push(target);
      // Fail the way a refused connection fails: asynchronously, through 'error'.
      process.nextTick(() =>
        this.destroy(new Error(`network access blocked by the compat harness: ${target}`)),
      );
      return this;
    } as Connect;
  }

  restore(): void {
    if (!this.original) return;
    net.Socket.prototype.connect = this.original;
    this.original = undefined;
  }
}
