// Shared helpers of the browser end-to-end tests (admin/e2e, merchant-web/e2e). Plain ESM with JSDoc types,
// no build. Every test file runs against a real cms with its SMS simulator (deploy/local/API_CONTRACT.md):
//   CMS_URL        the cms, e.g. http://127.0.0.1:1337
//   SMS_SIM_URL    the SMS simulator, e.g. http://127.0.0.1:1340 (GET /outbox?phone=… newest first)
//   CHROMIUM_PATH  optional, default /usr/bin/chromium (Debian package; `npx playwright install` is not used)
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** @typedef {import("playwright-core").Browser} Browser */
/** @typedef {import("playwright-core").Page} Page */
/** @typedef {import("playwright-core").Response} Response */
/** @typedef {{ diagnostic(message: string): void }} Diagnostics  node:test's TestContext, or anything with diagnostic() */

export const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A base URL from the environment, without trailing slashes.
 * @param {string} name  e.g. "CMS_URL"
 * @param {string} fallback  used when the variable is unset or empty
 */
export const envUrl = (name, fallback) => (process.env[name] || fallback).replace(/\/+$/, "");

export const CMS_URL = envUrl("CMS_URL", "http://127.0.0.1:1337");
export const SMS_SIM_URL = envUrl("SMS_SIM_URL", "http://127.0.0.1:1340");

/** A fresh mainland mobile number (default `17` + 9 random digits) that signs up a brand-new merchant. */
export const randomPhone = (prefix = "17") => `${prefix}${String(Math.floor(Math.random() * 10 ** (11 - prefix.length))).padStart(11 - prefix.length, "0")}`;

// ── browser ─────────────────────────────────────────────────────────────────────────────────────

/** Flags for the Debian Chromium in containers and CI. */
export const CHROMIUM_ARGS = Object.freeze([
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]);

/**
 * Launches the system Chromium headless (`CHROMIUM_PATH`, default /usr/bin/chromium).
 * @param {import("playwright-core").LaunchOptions} [options]
 * @returns {Promise<Browser>}
 */
export const launchBrowser = (options = {}) =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });

/**
 * Where screenshots go: `TEST_RESULTS_DIR`, else `<app>/test-results/` next to the calling e2e folder.
 * Created if missing.
 * @param {string | URL} importMetaUrl  the caller's `import.meta.url`
 */
export async function resultsDir(importMetaUrl) {
  const dir = process.env.TEST_RESULTS_DIR || fileURLToPath(new URL("../test-results/", importMetaUrl));
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Runs `fn`; if it throws, saves a full-page screenshot of the page (when there is one) and rethrows.
 * @template T
 * @param {() => Page | undefined | null} getPage  the page at the time of failure
 * @param {string} file  absolute path of the PNG
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function screenshotOnFailure(getPage, file, fn) {
  try {
    return await fn();
  } catch (error) {
    await getPage()
      ?.screenshot({ path: file, fullPage: true })
      .catch(() => {});
    throw error;
  }
}

/**
 * Reports the page's runtime errors and console errors as test diagnostics; returns the list of page errors
 * so a test can assert there were none.
 * @param {Page} page
 * @param {Diagnostics} [t]
 * @returns {Error[]}
 */
export function collectPageErrors(page, t) {
  /** @type {Error[]} */
  const errors = [];
  page.on("pageerror", (error) => {
    errors.push(error);
    t?.diagnostic(`pageerror: ${error.stack ?? error.message}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") t?.diagnostic(`console.error: ${message.text()}`);
  });
  return errors;
}

/**
 * A new browser context signed in as the login page leaves a session — the JWT in localStorage under the app's key
 * before any of the app's code runs (also in frames without storage, such as a PDF viewer's) — and its first page,
 * in Chinese, with a 20 s default timeout and its errors collected.
 * @param {Browser} browser
 * @param {{ tokenKey: string, jwt: string, t?: Diagnostics, viewport?: { width: number, height: number }, acceptDownloads?: boolean }} options
 * @returns {Promise<{ context: import("playwright-core").BrowserContext, page: Page, errors: Error[] }>}
 */
export async function newSignedInPage(browser, { tokenKey, jwt, t, viewport = { width: 1440, height: 960 }, acceptDownloads = false }) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads });
  await context.addInitScript(
    ([key, token]) => {
      let store = null;
      try {
        store = window.localStorage;
      } catch {
        /* a frame without storage (an opaque origin) */
      }
      if (store && !store.getItem(key)) store.setItem(key, token);
    },
    [tokenKey, jwt],
  );
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page, errors: collectPageErrors(page, t) };
}

/**
 * A `page.waitForResponse` predicate: this method, a path matching `pattern`, optionally this status.
 * @param {string} method
 * @param {RegExp} pattern  tested against the URL's pathname
 * @param {number} [status]
 * @returns {(response: Response) => boolean}
 */
export const isCall = (method, pattern, status) => (response) =>
  response.request().method() === method && pattern.test(new URL(response.url()).pathname) && (status === undefined || response.status() === status);

// ── SMS simulator ───────────────────────────────────────────────────────────────────────────────

/** @typedef {{ phone?: string, code?: string | number, bizId?: string, receivedAt?: string }} SmsMessage */

/**
 * The simulator's outbox for a phone, newest first.
 * @param {string} phone
 * @param {{ smsUrl?: string }} [options]
 * @returns {Promise<SmsMessage[]>}
 */
export async function outbox(phone, { smsUrl = SMS_SIM_URL } = {}) {
  const response = await fetch(`${smsUrl}/outbox?phone=${encodeURIComponent(phone)}`);
  assert.equal(response.status, 200, `SMS simulator answered ${response.status}`);
  const messages = await response.json();
  assert.ok(Array.isArray(messages), "the outbox is a JSON array");
  return messages.filter((message) => message?.phone === undefined || message.phone === phone);
}

/** A message's identity, to tell a new one from the one that was newest before. */
export const messageKey = (/** @type {SmsMessage | undefined} */ message) =>
  message ? `${message.bizId ?? ""}|${message.receivedAt ?? ""}|${message.code ?? ""}` : "";

/** The identity of the newest message of a phone ("" when none): the baseline before asking for a code. */
export const outboxBaseline = async (/** @type {string} */ phone, options = {}) => messageKey((await outbox(phone, options))[0]);

/**
 * Polls the outbox until a code newer than `baseline` arrives (and, with `since`, not sent before it).
 * @param {string} phone
 * @param {string} baseline  from outboxBaseline()
 * @param {{ since?: number, timeoutMs?: number, smsUrl?: string }} [options]
 * @returns {Promise<string | undefined>} the code, or undefined when none came in time
 */
export async function waitForNewCode(phone, baseline, { since, timeoutMs = 15_000, smsUrl } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [newest] = await outbox(phone, { smsUrl });
    if (newest?.code && messageKey(newest) !== baseline) {
      const receivedAt = Date.parse(newest.receivedAt ?? "");
      // Same machine, same clock; allow a little skew.
      if (since === undefined || Number.isNaN(receivedAt) || receivedAt >= since - 2_000) return String(newest.code);
    }
    await sleep(200);
  }
  return undefined;
}

// ── cms API ─────────────────────────────────────────────────────────────────────────────────────

/**
 * @typedef {object} ApiOptions
 * @property {string} [method]
 * @property {string} [token]  bearer JWT
 * @property {unknown} [body]  sent as JSON
 * @property {FormData} [form]  sent as multipart
 */

/**
 * A request to the cms; resolves `{ status, body }` (JSON parsed when it is JSON) without throwing on HTTP errors.
 * @param {string} path  e.g. "/api/me"
 * @param {ApiOptions & { cmsUrl?: string }} [options]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function api(path, { method = "GET", token, body, form, cmsUrl = CMS_URL } = {}) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${cmsUrl}${path}`, {
    method,
    headers,
    body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: response.status, body: parsed };
}

/**
 * Like api() but asserts a 2xx answer and returns the body.
 * @param {string} path
 * @param {ApiOptions & { cmsUrl?: string }} [options]
 */
export async function ok(path, options) {
  const { status, body } = await api(path, options);
  assert.ok(status >= 200 && status < 300, `${options?.method ?? "GET"} ${path} → ${status} ${JSON.stringify(body)}`);
  return body;
}

/** An SMS login the cms refused for good (e.g. `SMS_DAILY_LIMIT`, `PHONE_LOCKED` past the deadline): `code` says why. */
export class SmsLoginError extends Error {
  /**
   * @param {string} message
   * @param {string | undefined} code  the cms error code
   * @param {number} status
   */
  constructor(message, code, status) {
    super(message);
    this.name = "SmsLoginError";
    this.code = code;
    this.status = status;
  }
}

/**
 * Signs a phone in through the API by SMS, as a person would: ask for a code, read it from the simulator,
 * log in. A code sent in the last minute (another e2e file, a previous run) makes the cms answer 429
 * SMS_TOO_FREQUENT with `retryAfterSeconds`: the code it sent then is tried first (it may still be unused),
 * else the server's own retry-after is waited out and a code asked again. A new phone signs up a new merchant.
 * Throws SmsLoginError for refusals that waiting cannot fix in time (SMS_DAILY_LIMIT, …).
 * @param {string} phone
 * @param {{ t?: Diagnostics, timeoutMs?: number, cmsUrl?: string, smsUrl?: string }} [options]
 * @returns {Promise<string>} the JWT
 */
export async function smsLogin(phone, { t, timeoutMs = 150_000, cmsUrl = CMS_URL, smsUrl = SMS_SIM_URL } = {}) {
  const deadline = Date.now() + timeoutMs;
  const login = (/** @type {string} */ code) => api("/api/auth/sms/login", { method: "POST", body: { phone, code }, cmsUrl });
  for (;;) {
    const baseline = await outboxBaseline(phone, { smsUrl });
    const since = Date.now();
    const sent = await api("/api/auth/sms/send", { method: "POST", body: { phone }, cmsUrl });
    if (sent.status === 200) {
      const code = await waitForNewCode(phone, baseline, { since, timeoutMs: Math.max(5_000, Math.min(30_000, deadline - Date.now())), smsUrl });
      assert.ok(code, `an SMS code for ${phone} reached the simulator`);
      const answer = await login(code);
      assert.equal(answer.status, 200, `sms/login → ${answer.status} ${JSON.stringify(answer.body)}`);
      assert.ok(answer.body?.jwt, "sms/login returns a jwt");
      return answer.body.jwt;
    }
    const code = sent.body?.error?.code;
    const retryAfter = Number(sent.body?.error?.details?.retryAfterSeconds);
    if (sent.status !== 429 || !["SMS_TOO_FREQUENT", "PHONE_LOCKED"].includes(code) || !(retryAfter >= 0)) {
      throw new SmsLoginError(`sms/send for ${phone} → ${sent.status} ${JSON.stringify(sent.body)}`, code, sent.status);
    }
    if (code === "SMS_TOO_FREQUENT") {
      // The code sent within the cooldown is valid for minutes: use it if nobody has yet.
      const [newest] = await outbox(phone, { smsUrl });
      if (newest?.code) {
        const answer = await login(String(newest.code));
        if (answer.status === 200 && answer.body?.jwt) {
          t?.diagnostic(`SMS cooldown for ${phone}: signed in with the code sent ${newest.receivedAt ?? "just before"}`);
          return answer.body.jwt;
        }
      }
    }
    if (Date.now() + retryAfter * 1000 >= deadline) {
      throw new SmsLoginError(`${code} for ${phone}: retry in ${retryAfter}s is past the deadline`, code, sent.status);
    }
    t?.diagnostic(`${code} for ${phone}: retrying in ${retryAfter}s`);
    await sleep(Math.max(1, retryAfter) * 1000 + 250); // the server's own retry-after, not a guess
  }
}

/**
 * Whether a field / file slot with this `when` (null, one `{ path, in }` condition, or a list that must all hold)
 * applies to the data: the contract's rule (the apps use `whenHolds` of @jmt/api-types, which is TypeScript).
 * @param {{ path: string, in: string[] } | Array<{ path: string, in: string[] }> | null | undefined} when
 * @param {unknown} data
 */
export const whenHolds = (when, data) =>
  !when ||
  (Array.isArray(when) ? when : [when]).every((c) =>
    c.in.map(String).includes(String(c.path.split(".").reduce((v, k) => (v && typeof v === "object" ? v[k] : undefined), data) ?? "")),
  );

// ── sample data ─────────────────────────────────────────────────────────────────────────────────

/** A 1×1 PNG (the cms sniffs the content type, so the bytes are real). */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
/** A minimal one-page PDF. */
export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

/**
 * Uploads a private file through the API (`POST /api/private-files`, category = the slot key).
 * @param {string} token
 * @param {string} category
 * @param {"png" | "pdf"} [type]
 * @param {{ cmsUrl?: string }} [options]
 * @returns {Promise<string>} the file's documentId
 */
export async function uploadPrivateFile(token, category, type = "png", { cmsUrl } = {}) {
  const form = new FormData();
  const [bytes, mime, name] = type === "pdf" ? [PDF, "application/pdf", `${category}.pdf`] : [PNG, "image/png", `${category}.png`];
  form.append("file", new Blob([bytes], { type: mime }), name);
  form.append("category", category);
  const body = await ok("/api/private-files", { method: "POST", token, form, cmsUrl });
  assert.ok(body?.data?.documentId, `upload of ${category} returns a documentId`);
  return body.data.documentId;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A 居民身份证号 with its check character (GB 11643), from a 17-digit body. */
export const idNumber = (/** @type {string} */ body17) => body17 + "10X98765432"[ID_WEIGHTS.reduce((sum, w, i) => sum + w * Number(body17[i]), 0) % 11];

/** A 统一社会信用代码 with its check character (GB 32100), from a 17-character body. */
export const creditCode = (/** @type {string} */ body17) =>
  body17 + USCC_CHARS[(31 - (USCC_WEIGHTS.reduce((sum, w, i) => sum + w * USCC_CHARS.indexOf(body17[i]), 0) % 31)) % 31];

/**
 * Waits until no antd dialog is still in its opening or closing animation. A click that lands while a modal
 * zooms in can be lost on a loaded machine (seen in CI on the confirm and close buttons), so tests settle
 * the dialog before pressing its buttons.
 * @param {import("playwright-core").Page} page
 */
export async function modalSettled(page, timeout = 10_000) {
  await page.waitForFunction(
    () => !document.querySelector(".ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave, .ant-fade-appear, .ant-fade-enter, .ant-fade-leave"),
    undefined,
    { timeout },
  );
}

/**
 * Clicks `button` until `done()` holds: at most `tries` clicks, each given `waitMs` to take effect. For dialog
 * buttons whose click a busy browser may drop (see modalSettled); the action itself must be idempotent while
 * it has not taken effect.
 * @param {import("playwright-core").Locator} button
 * @param {() => Promise<boolean>} done
 */
export async function clickUntil(button, done, { tries = 3, waitMs = 3_000 } = {}) {
  for (let attempt = 1; attempt <= tries; attempt++) {
    await button.click();
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (await done()) return;
      await sleep(100);
    }
  }
  throw new Error(`clicking ${button} did not take effect after ${tries} tries`);
}
