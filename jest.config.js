/** Jest: TypeScript through ts-jest; unit, integration and e2e tests live under test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // slow end-to-end suites (real Redis, nginx, browsers) run with `npm run test:slow`, which .ci/run calls too
  testPathIgnorePatterns: process.env.MOCKDOCK_SLOW ? ['/node_modules/'] : ['/node_modules/', '/test/slow/'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // ESM-only packages (jose, openid-client) are turned into CommonJS for jest's module system.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
  testTimeout: 20000,
};
