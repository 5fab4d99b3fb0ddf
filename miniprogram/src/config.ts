/**
 * Runtime configuration. The API base URL is chosen at build time
 * (`JMT_API_BASE_URL=https://api.example.cn npm run build -w @jmt/miniprogram`, which replaces the
 * placeholder below in dist/config.js); without it the develop default points at the local cms.
 * A mini-program cannot use relative URLs, and release/trial builds need an HTTPS domain that is
 * listed as a request domain (request 合法域名) in the WeChat admin console.
 */
export type EnvVersion = 'develop' | 'trial' | 'release';

/** Replaced by tools/build.mjs; stays as-is (and is ignored) when no URL is given. */
const BUILD_API_BASE_URL = '__JMT_API_BASE_URL__';

export const LOCAL_CMS_URL = 'http://127.0.0.1:1337';

/** Request timeout in milliseconds (N1: 95 % of API calls answer within 2 s). */
export const REQUEST_TIMEOUT_MS = 15000;

export function resolveApiBaseUrl(buildValue: string = BUILD_API_BASE_URL): string {
  const value = buildValue && !/^__\w+__$/.test(buildValue) ? buildValue : LOCAL_CMS_URL;
  return value.replace(/\/+$/, '');
}

export const config = {
  apiBaseUrl: resolveApiBaseUrl(),
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
};
