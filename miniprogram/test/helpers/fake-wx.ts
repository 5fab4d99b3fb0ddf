/**
 * A recording stand-in for the `wx` global: wx.request answers from a queue of canned responses
 * (asynchronously, like the real one) and every call is kept for assertions.
 */
export interface FakeResponse {
  statusCode?: number;
  data?: unknown;
  /** Simulate a transport failure (no HTTP answer), e.g. 'request:fail timeout'. */
  failWith?: string;
}

export interface RecordedRequest {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
}

export interface FakeWx {
  requests: RecordedRequest[];
  storage: Record<string, unknown>;
  respond(matcher: string | RegExp, response: FakeResponse | ((req: RecordedRequest) => FakeResponse)): void;
  api: Record<string, jest.Mock>;
}

export function createFakeWx(): FakeWx {
  const routes: Array<{ matcher: string | RegExp; response: FakeResponse | ((req: RecordedRequest) => FakeResponse) }> = [];
  const requests: RecordedRequest[] = [];
  const storage: Record<string, unknown> = {};

  const request = jest.fn((options: WechatMiniprogram.RequestOption) => {
    const recorded: RecordedRequest = {
      url: options.url,
      method: options.method || 'GET',
      data: options.data,
      header: (options.header || {}) as Record<string, string>,
    };
    requests.push(recorded);
    const route = routes
      .filter((r) => (typeof r.matcher === 'string' ? recorded.url.endsWith(r.matcher) || recorded.url.includes(`${r.matcher}?`) : r.matcher.test(recorded.url)))
      .pop();
    const response: FakeResponse = route
      ? typeof route.response === 'function'
        ? route.response(recorded)
        : route.response
      : { statusCode: 404, data: { data: null, error: { status: 404, code: 'NOT_FOUND', message: 'Not Found', details: {} } } };
    Promise.resolve().then(() => {
      if (response.failWith) {
        if (options.fail) options.fail({ errMsg: response.failWith, errno: 600001 } as never);
      } else if (options.success) {
        options.success({ statusCode: response.statusCode || 200, data: response.data as never, header: {}, cookies: [], errMsg: 'request:ok' } as never);
      }
    });
    return { abort: jest.fn() };
  });

  const api: Record<string, jest.Mock> = {
    request,
    getStorageSync: jest.fn((key: string) => (key in storage ? storage[key] : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => {
      storage[key] = value;
    }),
    removeStorageSync: jest.fn((key: string) => {
      delete storage[key];
    }),
    showToast: jest.fn(),
    showLoading: jest.fn(),
    hideLoading: jest.fn(),
    showModal: jest.fn(),
    navigateTo: jest.fn(),
    navigateBack: jest.fn(),
    redirectTo: jest.fn(),
    switchTab: jest.fn(),
    reLaunch: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    /** GET a private file: answers 200 with a temp path (tests may replace it). */
    downloadFile: jest.fn((o: { url: string; success?: (r: { statusCode: number; tempFilePath: string }) => void }) => {
      Promise.resolve().then(() => o.success && o.success({ statusCode: 200, tempFilePath: `wxfile://tmp/${o.url.split('/').slice(-2)[0]}` }));
      return { abort: jest.fn() };
    }),
    previewImage: jest.fn((o: { success?: () => void }) => Promise.resolve().then(() => o.success && o.success())),
    openDocument: jest.fn((o: { success?: () => void }) => Promise.resolve().then(() => o.success && o.success())),
    login: jest.fn((o: { success?: (r: { code: string; errMsg: string }) => void }) => {
      Promise.resolve().then(() => o.success && o.success({ code: 'wx-login-code-1', errMsg: 'login:ok' }));
    }),
  };

  return {
    requests,
    storage,
    api,
    respond(matcher, response) {
      routes.push({ matcher, response });
    },
  };
}

/** Install onto the global `wx` (miniprogram-simulate defines one; ours overrides its members). */
export function installFakeWx(): FakeWx {
  const fake = createFakeWx();
  const g = globalThis as unknown as { wx?: Record<string, unknown> };
  g.wx = Object.assign(g.wx || {}, fake.api);
  return fake;
}

/** Let pending promise callbacks (fake wx.request answers, awaits in handlers) run. */
export async function flushPromises(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

export function errorEnvelope(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return { statusCode: status, data: { data: null, error: { status, code, message, details } } };
}
