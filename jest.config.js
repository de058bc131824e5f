/** Tests are transpiled file by file (tsconfig.spec.json); `npm run typecheck` type-checks the whole tree. Unit tests sit beside the code (*.spec.ts); integration (*.int-spec.ts) and end-to-end
 * (*.e2e-spec.ts) tests use the real Postgres and Redis, each file in its own schema and queue prefix. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
};

module.exports = {
  // Project configs cannot set this; integration tests wait on real servers and retries.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
