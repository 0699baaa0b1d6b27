import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { motoAvailability, startMoto, type Moto } from './moto.js';

/**
 * A describe block with a moto_server started once for the block and reset before each test.
 * Without moto: in CI (CI set) a test fails, never a silent skip; locally it skips with a test named
 * after the reason. If moto cannot start, every test of the block fails with the reason (a failing
 * beforeAll alone would leave the tests "skipped" in the CI summary).
 * `moto()` returns the running server inside tests.
 */
export function describeWithMoto(name: string, body: (moto: () => Moto) => void): void {
  const availability = motoAvailability();
  if (availability.skip) {
    describe(name, () => {
      it.skip(availability.message, () => undefined);
    });
    return;
  }
  if (!availability.path) {
    describe(name, () => {
      it('needs moto_server (CI never skips integration tests)', () => {
        throw new Error(availability.message);
      });
    });
    return;
  }
  const path = availability.path;
  describe(name, () => {
    let server: Moto | undefined;
    let startError: unknown;
    beforeAll(async () => {
      try {
        server = await startMoto({ path });
      } catch (err) {
        startError = err;
      }
    });
    afterAll(async () => {
      await server?.stop();
    });
    beforeEach(async () => {
      await server?.reset();
    });
    body(() => {
      if (!server) throw startError instanceof Error ? startError : new Error('moto_server is not running');
      return server;
    });
  });
}
