/** Contract tests: the schemas accept and refuse what the server always did, with the same Chinese messages. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'CommonJS', esModuleInterop: true, strict: true, target: 'ES2022', types: ['node', 'jest'] } }] },
};
