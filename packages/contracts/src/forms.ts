/**
 * `@jmt/contracts/forms`: the request bodies people fill in, with the form checks (form.ts), for clients that ship
 * what they import — the mini-program bundles this entry. It leaves out what only the server and the OpenAPI
 * document need (the generator, every module's routes in one table, zod's `z` with all its locales), so a bundler
 * that tree-shakes these ES modules keeps zod/mini small and free of BigInt. Same schemas as the package index.
 */
export * from './form';
export * as customs from './customs';
export * as fx from './fx';
export * as taxrefund from './taxrefund';
export * as applications from './applications';
export * as cms from './cms';
export * as invitations from './invitations';
