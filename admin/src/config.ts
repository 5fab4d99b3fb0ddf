/** Runtime configuration of the console. The cms is reached same-origin through the `/api` proxy. */
export const API_URL = "/api";
/** Where the JWT is stored (localStorage with "remember me", else sessionStorage). */
export const TOKEN_KEY = "jmt.admin.jwt";
/** Default SMS cooldown when the server does not say (seconds). */
export const SMS_COOLDOWN_SECONDS = 60;
