import { createStrapiAxios, createWebTokenStore } from "@jmt/strapi-provider";
import { TOKEN_KEY } from "../config";

/** The console's JWT store: localStorage when "remember me" is ticked, sessionStorage otherwise. */
export const tokenStore = createWebTokenStore(TOKEN_KEY);

/** The one axios instance: bearer token on every request, API errors as Refine HttpErrors (Chinese message). */
export const http = createStrapiAxios({ tokenStore });
