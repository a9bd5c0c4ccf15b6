// Jest in native ESM mode (run with NODE_OPTIONS=--experimental-vm-modules, see package.json).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps/server'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // content-disposition 3 is ESM-only and @fastify/static require()s it. Node 20.19+ allows
    // that, Jest's module loader does not (before Node 24.9), so Jest gets a CommonJS copy.
    '/node_modules/content-disposition/.+\\.js$': [
      'ts-jest',
      { useESM: false, tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^@tessera/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@tessera/mail$': '<rootDir>/libs/mail/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // Each e2e file creates and drops its own database; two workers match the machines' two cores.
  maxWorkers: 2,
  // Generous: an embedded database's first start creates its cluster, which on a machine busy
  // with the other worker's suites (a crash test, a browser) has taken over a minute.
  testTimeout: 120_000,
};
