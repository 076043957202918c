/** Jest in ESM mode with ts-jest (see ../shared/actions-notes.md). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 60000,
  // Two files at once: the integration tests mostly wait on PostgreSQL and the emulator's latency, so two
  // workers keep two cores busy where jest's default (cores - 1) would leave one idle.
  maxWorkers: 2,
  globalSetup: './__tests__/global/setup.js',
  globalTeardown: './__tests__/global/teardown.js'
}
