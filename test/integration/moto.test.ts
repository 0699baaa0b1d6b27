import { describe, expect, it } from 'vitest';
import { motoAvailability } from './moto.js';

describe('motoAvailability', () => {
  it('without moto_server: fails in CI, skips locally with the reason', () => {
    const ci = motoAvailability({ MOTO_SERVER: '/nonexistent/moto_server', CI: 'true' });
    expect(ci).toMatchObject({ path: undefined, skip: false });
    expect(ci.message).toMatch(/moto_server not found \(set MOTO_SERVER/);
    const local = motoAvailability({ MOTO_SERVER: '/nonexistent/moto_server' });
    expect(local).toMatchObject({ path: undefined, skip: true });
    expect(local.message).toMatch(/^skipping integration tests: moto_server not found/);
  });

  it('MOTO_SERVER names the executable', () => {
    expect(motoAvailability({ MOTO_SERVER: process.execPath })).toMatchObject({
      path: process.execPath,
      skip: false,
    });
  });
});
