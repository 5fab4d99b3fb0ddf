import { createAuthProvider } from "./auth-provider";
import { http, tokenStore } from "./http";
import { i18n } from "./i18n";
import { API_URL } from "../config";

/** The console's auth provider instance (also used by the login page to send SMS codes). */
export const authProvider = createAuthProvider({ http, tokenStore, t: (key, fallback) => i18n.t(key, undefined, fallback), apiUrl: API_URL });
