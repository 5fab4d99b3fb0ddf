/**
 * Form checks of the merchant web that the cms has no rule for (display formats of 我的). Every rule the cms has
 * comes from @jmt/contracts (`fieldRule`), so the form and the server say the same thing.
 */
export { EMAIL, MAINLAND_PHONE, isMainlandPhone, maskPhone } from "@jmt/api-types";

/** Latin names/addresses for customs documents: letters, digits, spaces and common punctuation. */
export const LATIN_TEXT = /^[A-Za-z0-9\s.,&'()\-/#:;]*$/;
