// One run covers unit (*.spec.ts), integration (*.int-spec.ts) and e2e (*.e2e-spec.ts) tests.
// globalSetup creates a fresh database for the run and migrates it; globalTeardown drops it.
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '(src|test)/.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
  },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  setupFiles: ['<rootDir>/test/helpers/setup-env.ts'],
  maxWorkers: 2,
  testTimeout: 30000,
};
