/** Unit tests of the plugin's pure parts (estimate, PDF check, return messages); HTTP behaviour is tested in cms/tests. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'CommonJS', esModuleInterop: true, strict: true, target: 'ES2022', resolveJsonModule: true, types: ['node', 'jest'] } }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
};
