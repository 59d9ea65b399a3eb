import { Client } from '@smithy/core/client';
import type { Client as SmithyClient, MetadataBearer } from '@smithy/types';
import { mockClient } from 'aws-sdk-client-mock';
import type { SdkV3Client, SdkV3Command } from './sdk-v3';

/**
 * The base class every SDK v3 client extends: `Client` of `@smithy/core/client` (newest SDKs)
 * or of `@smithy/smithy-client` (older ones). Each installed copy of those packages has its own.
 */
export type SdkV3ClientClass = { prototype: SmithyClient<object, MetadataBearer, unknown> };

export type SdkV3Answer = (client: SdkV3Client, command: SdkV3Command) => Promise<MetadataBearer>;

type SendCallback = (error: unknown, output?: unknown) => void;
type SendStub = ReturnType<typeof mockClient>['send'];

/** Base classes whose `send` a FakeAws answers while installed, with their stub while it is. */
const registered = new Map<SdkV3ClientClass, SendStub | undefined>();
let current: SdkV3Answer | undefined;

/**
 * Makes every SDK v3 client built on this base class answer from the installed FakeAws (from
 * the next `install()` on, or at once if one is installed) instead of sending requests. The
 * project's own `@smithy/core/client` is registered already; call this for other copies
 * (a framework's own node_modules), or see `interceptSdkV3ClientModules`.
 */
export function interceptSdkV3Clients(ClientClass: SdkV3ClientClass): void {
  if (registered.has(ClientClass)) return;
  registered.set(ClientClass, current && stubSend(ClientClass, current));
}

/** Undoes `interceptSdkV3Clients` (puts `send` back if it is stubbed). */
export function forgetSdkV3Clients(ClientClass: SdkV3ClientClass): void {
  registered.get(ClientClass)?.restore();
  registered.delete(ClientClass);
}

/** FakeAws.install: every registered base class answers through `answer` until `stop…`. */
export function startAnsweringSdkV3Clients(answer: SdkV3Answer): void {
  if (current) throw new Error('FakeAws: SDK v3 clients are answered already');
  current = answer;
  for (const ClientClass of registered.keys()) {
    registered.set(ClientClass, stubSend(ClientClass, answer));
  }
}

export function stopAnsweringSdkV3Clients(): void {
  current = undefined;
  for (const [ClientClass, stub] of registered) {
    stub?.restore();
    registered.set(ClientClass, undefined);
  }
}

/**
 * Stubs `send` on the base class's prototype with aws-sdk-client-mock, answering with
 * `answer(client, command)` as a promise or through the callback, as `send` does.
 */
function stubSend(ClientClass: SdkV3ClientClass, answer: SdkV3Answer): SendStub {
  const { send } = mockClient(ClientClass);
  function fakeSend(this: SdkV3Client, command: SdkV3Command, ...rest: unknown[]) {
    // sinon keeps every call (client, command, result, a stack) until restore; nothing reads
    // it, and over a compat run it would keep every framework copy alive. Dropped per call.
    const answered = answer(this, command).finally(() => send.resetHistory());
    const callback = rest.find((arg): arg is SendCallback => typeof arg === 'function');
    if (!callback) return answered;
    answered.then(
      (output) => callback(null, output),
      (error: unknown) => callback(error),
    );
    return undefined;
  }
  // The stub is typed with send's promise overload only; the callback one returns nothing.
  send.callsFake(fakeSend as (command: SdkV3Command) => Promise<MetadataBearer>);
  return send;
}

interceptSdkV3Clients(Client);
