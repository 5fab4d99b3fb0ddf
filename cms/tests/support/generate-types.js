/**
 * Writes Strapi's generated types for the compiled cms (dist) into <outDir>/types/generated, as `npm run types`
 * (`strapi ts:generate-types`) does into cms/types/generated: the app is loaded in-process and registered only (no
 * database, no HTTP), then @strapi/typescript-utils generates its content types and components.
 *
 * tests/generated-types.test.ts runs this in a Node process of its own: the generator formats its output with
 * Prettier 3, which loads itself through a dynamic import() that jest's module sandbox cannot run (it would need
 * --experimental-vm-modules for the whole suite). Run with cwd = cms/, so Prettier finds the repo's config, as the
 * CLI run in cms/ does.
 *
 * Usage: node tests/support/generate-types.js <outDir>
 */
const path = require('node:path');

const CMS_DIR = path.resolve(__dirname, '..', '..');

async function main(outDir) {
  if (!outDir) throw new Error('usage: node tests/support/generate-types.js <outDir>');
  const { createStrapi } = require('@strapi/strapi');
  const { generators } = require('@strapi/typescript-utils');
  const app = await createStrapi({ appDir: CMS_DIR, distDir: path.join(CMS_DIR, 'dist') }).register();
  try {
    // Not silent: the generator reports a failure only through its logger (stderr), and the test shows it.
    await generators.generate({ strapi: app, pwd: outDir, rootDir: 'types', logger: { silent: false }, artifacts: { contentTypes: true, components: true } });
  } finally {
    await app.destroy();
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
