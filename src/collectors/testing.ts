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
