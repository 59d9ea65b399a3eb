import WebSocket from 'ws';
import { delay, waitFor } from './offline-process';

const WAIT_MS = 10_000;

/** The outcome of opening a WebSocket: connected, or refused with an HTTP status. */
export type Opened = { client: Client } | { refusedWith: number };

/** A `ws` client that keeps every message it receives, for the test to wait on. */
export class Client {
  readonly received: string[] = [];
  private readonly closed: Promise<void>;

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.received.push(String(data)));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Opens a connection; resolves once it is open or refused (bounded). */
  static open(url: string): Promise<Opened> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { handshakeTimeout: WAIT_MS });
      socket.once('open', () => resolve({ client: new Client(socket) }));
      socket.once('unexpected-response', (_request, response) => {
        resolve({ refusedWith: response.statusCode ?? 0 });
        socket.terminate();
      });
      // Also any error after the outcome is known (it then changes nothing).
      socket.on('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Waits (bounded) for a received message that matches, and returns it. */
  receive(matches: (message: string) => boolean): Promise<string> {
    return waitFor(
      () => this.received.find(matches),
      WAIT_MS,
      () => `such a message; got ${JSON.stringify(this.received)}`,
    );
  }

  /** Closes the connection and waits (bounded) until it is closed. */
  async close(): Promise<void> {
    this.socket.close();
    await Promise.race([this.closed, delay(WAIT_MS)]);
    this.socket.terminate();
  }
}

/** Opens a connection that must be accepted. */
export async function connect(url: string): Promise<Client> {
  const opened = await Client.open(url);
  if ('refusedWith' in opened)
    throw new Error(`${url} refused the connection: ${opened.refusedWith}`);
  return opened.client;
}
