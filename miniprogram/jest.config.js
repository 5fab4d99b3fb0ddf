/** @type {import('jest').Config} */
// Message times are shown in China time; make date tests independent of the machine's zone.
process.env.TZ = 'Asia/Shanghai';
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Unit tests run the TypeScript sources; component tests (docblock `@jest-environment jsdom`)
  // render the built dist/ with miniprogram-simulate and WeChat's wcc compiler.
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // antd-mini's Input requires @preact/signals-core: resolve it as WeChat does, from dist/miniprogram_npm
  // (the CommonJS build made by tools/build.mjs), not the ES module in node_modules.
  moduleNameMapper: {
    '^@preact/signals-core$': '<rootDir>/dist/miniprogram_npm/@preact/signals-core/index.js',
    // The shared money module as shipped: the bundle tools/build.mjs writes, not the package's dist.
    '^@jmt/money$': '<rootDir>/dist/miniprogram_npm/@jmt/money/index.js',
    // The contracts' form schemas as shipped: the tree-shaken bundle of @jmt/contracts/forms.
    '^@jmt/contracts/forms$': '<rootDir>/dist/miniprogram_npm/@jmt/contracts/forms/index.js',
  },
  clearMocks: true,
  globalSetup: '<rootDir>/test/global-setup.js',
};
