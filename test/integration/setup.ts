import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { motoAvailability, startMoto, type Moto } from './moto.js';

/**
 * A describe block with a moto_server started once for the block and reset before each test.
 * Without moto: fails in CI (CI set), skips locally with a test named after the reason.
 * `moto()` returns the running server inside tests and hooks.
 */
export function describeWithMoto(name: string, body: (moto: () => Moto) => void): void {
  const availability = motoAvailability();
  if (availability.skip) {
    describe(name, () => {
      it.skip(availability.message, () => undefined);
    });
    return;
  }
  describe(name, () => {
    let server: Moto | undefined;
    beforeAll(async () => {
      if (!availability.path) throw new Error(availability.message);
      server = await startMoto({ path: availability.path });
    });
    afterAll(async () => {
      await server?.stop();
    });
    beforeEach(async () => {
      await server?.reset();
    });
    body(() => {
      if (!server) throw new Error('moto_server is not running (see the beforeAll error)');
      return server;
    });
  });
}
