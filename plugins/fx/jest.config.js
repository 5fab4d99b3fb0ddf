/** Unit tests of the plugin's pure parts (money, providers, balance sheets, simulator); HTTP behaviour is tested in cms/tests. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'CommonJS', esModuleInterop: true, strict: true, target: 'ES2022', resolveJsonModule: true, types: ['node', 'jest'] } }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
};
