import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    // moto_server answers GetAccountAuthorizationDetails in ~4 s; a CLI run against it takes 10-15 s.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
