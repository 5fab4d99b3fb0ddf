// ESLint for the whole repo (`npm run lint`, run by `npm test` before the tests): typescript-eslint's recommended
// rules everywhere, React's hook rules in the two web apps, the globals each runtime has, and one architectural rule:
// plugin server code reaches Strapi's query engine, knex and the Document Service only through @jmt/plugin-kit.
//
// Not type-aware, on purpose: with `recommendedTypeChecked` and the project service a full run took 3 min 33 s and
// 4 GB on this 2-core machine (and reported ~8,000 no-unsafe-* findings at the Strapi boundaries); without it the
// whole repo lints in about 20 s. `tsc` in each workspace's tests remains the type check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

/** The Strapi internals a plugin must not touch itself: the kit's scoped data access stands for them. */
const KIT_ONLY =
  'only @jmt/plugin-kit (packages/plugin-kit) may touch it; use access(strapi, scope) / system(strapi) and the scoped table helpers, so every read and write goes through tenancy';
/** `strapi` itself, or any `….strapi` (this.ctx.strapi, host.strapi), as the object of the member expression at `path`. */
const isStrapi = (path) => `:matches([${path}.type="Identifier"][${path}.name="strapi"], [${path}.type="MemberExpression"][${path}.property.name="strapi"])`;
const restrictedStrapi = [
  {
    selector: `MemberExpression[property.name=/^(query|connection)$/][object.type="MemberExpression"][object.property.name="db"]${isStrapi('object.object')}`,
    message: `strapi.db.query / strapi.db.connection in plugin server code: ${KIT_ONLY}.`,
  },
  {
    selector: `MemberExpression[property.name="documents"]${isStrapi('object')}`,
    message: `strapi.documents in plugin server code: ${KIT_ONLY} (a hook on the Document Service's writes: guardDocumentWrites).`,
  },
  {
    // const { db } = strapi; const { documents } = strapi;
    selector: 'VariableDeclarator[init.name="strapi"] > ObjectPattern > Property[key.name=/^(db|documents)$/]',
    message: `Destructuring strapi.db / strapi.documents in plugin server code: ${KIT_ONLY}.`,
  },
];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/coverage/**',
      '**/.strapi/**',
      '**/.cache/**',
      '**/.tmp/**',
      '**/test-results/**',
      '.run/**',
      'cms/types/generated/**',
      'cms/public/**',
      'cms/private-uploads/**',
      'miniprogram/dist/**',
      'miniprogram/miniprogram_npm/**',
      'deploy/openapi.json',
      '**/*.min.js',
    ],
  },
  {
    linterOptions: {
      // A disable comment that no longer suppresses anything is dead weight: say so (as a warning).
      reportUnusedDisableDirectives: 'warn',
    },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // Unused names are real findings; a leading underscore says "unused on purpose" (an ignored parameter, a
      // rest sibling that drops a key), as the code already does.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Chinese text sets full-width spaces (U+3000) on purpose, in strings and templates alike (the PDF and text
      // templates, form labels); whitespace in the code itself is still checked.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true }],
    },
  },
  // Node: the cms, the plugins, the shared packages, the local tooling, every config and test file run on Node.
  {
    files: ['cms/**', 'plugins/**', 'packages/**', 'deploy/**', '**/*.config.{js,cjs,mjs,ts}', 'miniprogram/tools/**', 'miniprogram/test/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  // CommonJS files (jest configs, the plugins' strapi-server.js entry points).
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Application code logs through strapi.log (server) or shows the person what happened (apps): a stray
  // console call is a leftover. The simulators' command-line entry points say so where they print.
  {
    files: ['cms/src/**', 'cms/simulators/**', 'plugins/*/server/src/**', 'packages/*/src/**', 'admin/src/**', 'merchant-web/src/**', 'miniprogram/src/**'],
    rules: { 'no-console': 'error' },
  },
  // `any` is an error in all application code; the cms reads its content types through Strapi's generated types
  // (cms/types/generated) and its requests as Koa's Context. Tests read untyped JSON answers: not worth typing.
  {
    files: ['cms/tests/**', '**/tests/**', '**/test/**', '**/e2e/**', '**/*.test.{ts,tsx,js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // The browser apps.
  {
    files: ['admin/src/**', 'merchant-web/src/**', 'packages/strapi-provider/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The two classic hook rules. eslint-plugin-react-hooks 7's React Compiler rules (its `recommended` set) are left
  // out: the apps do not use the compiler, the rules doubled the apps' lint time and flag deliberate patterns
  // (setState in an effect that reacts to a prop).
  {
    files: ['admin/**/*.{ts,tsx}', 'merchant-web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // The browser end-to-end tests run on Node and hand functions to page.evaluate(), which run in the page.
  {
    files: ['admin/e2e/**', 'merchant-web/e2e/**', 'packages/e2e-support/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // The WeChat mini-program: its runtime's globals (no DOM, no Node).
  {
    files: ['miniprogram/src/**'],
    languageOptions: {
      globals: {
        wx: 'readonly',
        App: 'readonly',
        Page: 'readonly',
        Component: 'readonly',
        Behavior: 'readonly',
        getApp: 'readonly',
        getCurrentPages: 'readonly',
        requirePlugin: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  // Its tests run under jest on Node and stand in for the WeChat globals.
  {
    files: ['miniprogram/test/**'],
    languageOptions: {
      globals: { ...globals.node, ...globals.jest, wx: 'writable', App: 'writable', Page: 'writable', Component: 'writable', getApp: 'writable', getCurrentPages: 'writable' },
    },
  },
  // Plugin server code reaches Strapi's query engine, knex and the Document Service only through the kit (the kit
  // is the one place that binds them to the caller's scope). deploy/local/lint-rules.test.mjs holds this rule.
  {
    files: ['plugins/*/server/src/**'],
    rules: { 'no-restricted-syntax': ['error', ...restrictedStrapi] },
  },
  // The merchant web reads every list through Refine's useList and the shared data provider (one request and one
  // answer format, Refine's 401 handling): only hooks/useResourceList.ts may touch the list helpers by hand.
  {
    files: ['merchant-web/src/**'],
    ignores: ['merchant-web/src/hooks/useResourceList.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@jmt/strapi-provider',
              importNames: ['readList', 'buildListQuery'],
              message: 'Lists go through useResourceList (Refine useList + the Strapi data provider).',
            },
          ],
        },
      ],
    },
  },
);
