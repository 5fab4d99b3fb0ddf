/** plugin-kit unit tests: the pure parts (tenancy policy, list parameters, ids); its database behaviour is tested against a real cms in cms/tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'CommonJS', esModuleInterop: true, strict: true, target: 'ES2022', types: ['node', 'jest'] } }] },
};
