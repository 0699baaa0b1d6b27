import { Readable } from 'node:stream';
import { ClientPool } from '../aws/clients.js';
import type { CollectorContext } from './types.js';

/** A collector context for unit tests: a real pool with fake static credentials and an instant sleep. */
export function testContext(
  overrides: Partial<CollectorContext> = {},
): CollectorContext & { sleeps: number[] } {
  const sleeps: number[] = [];
  const pool = new ClientPool({ region: 'eu-west-1', regionSource: '--region', warnings: [] }, () =>
    Promise.resolve({ accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' }),
  );
  return {
    pool,
    accountId: '123456789012',
    partition: 'aws',
    region: 'eu-west-1',
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    sleeps,
    ...overrides,
  };
}

/** An SDK-style service error, as the SDK raises it for an AWS error code. */
export function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

export interface FakeReply {
  status: number;
  body: unknown;
}

/**
 * Answers a JSON-protocol client's calls (awsJson 1.0/1.1: Budgets, Data Exports, CloudTrail, Logs,
 * EventBridge) at the HTTP layer, just below the SDK's deserializer: the SDK serializes and signs, the pool's
 * middleware counts the call and names the IAM action of a failed call, and the SDK deserializes `body` (`{"__type": "AccessDeniedException", ...}` for an
 * error) exactly as it would a real response. Use it where the test is about that plumbing.
 */
export function fakeJsonTransport(
  client: object,
  reply: (commandName: string, input: Record<string, unknown>) => FakeReply,
): { calls: string[] } {
  const calls: string[] = [];
  const stack = (client as { middlewareStack: { add: (mw: unknown, opts: unknown) => void } })
    .middlewareStack;
  stack.add(
    (_next: unknown, context: { commandName?: string }) => (args: { input: Record<string, unknown> }) => {
      const name = (context.commandName ?? '').replace(/Command$/, '');
      calls.push(name);
      const { status, body } = reply(name, args.input);
      return Promise.resolve({
        response: {
          statusCode: status,
          reason: '',
          headers: { 'content-type': 'application/x-amz-json-1.1' },
          body: Readable.from([Buffer.from(JSON.stringify(body))]),
        },
      });
    },
    { step: 'deserialize', name: 'fakeJsonTransport', priority: 'low' },
  );
  return { calls };
}
