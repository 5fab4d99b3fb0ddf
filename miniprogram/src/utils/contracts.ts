import type * as Forms from '@jmt/contracts/forms';

let forms: typeof Forms | undefined;

/**
 * @jmt/contracts/forms for the main package's tab pages (我的): loaded the first time one of their forms is checked,
 * not when the page opens — the bundle builds every schema of the contracts as it loads, which opening a tab need not
 * pay for. Subpackage modules and the login form import it as usual.
 */
export function contractForms(): typeof Forms {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on first use, on purpose (see above)
  return forms || (forms = require('@jmt/contracts/forms') as typeof Forms);
}
