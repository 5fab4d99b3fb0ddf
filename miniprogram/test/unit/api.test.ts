import { createApiClient, buildQuery, listQuery, readList } from '../../src/services/api';
import { ApiError } from '../../src/utils/errors';
import { createFakeWx, errorEnvelope, FakeWx } from '../helpers/fake-wx';

/** The ApiError a call rejects with (fails the test if it resolves). */
const failure = (p: Promise<unknown>): Promise<ApiError> =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: ApiError) => e,
  );

describe('api client (wx.request)', () => {
  let fake: FakeWx;
  let token: string;
  let unauthorized: jest.Mock;
  const client = () =>
    createApiClient({
      baseUrl: 'http://cms.test',
      transport: (o) => fake.api.request(o),
      getToken: () => token,
      onUnauthorized: unauthorized,
      timeout: 5000,
    });

  beforeEach(() => {
    fake = createFakeWx();
    token = 'jwt-abc';
    unauthorized = jest.fn();
  });

  it('sends JSON with the Bearer token and resolves the body', async () => {
    fake.respond('/api/home', { statusCode: 200, data: { merchant: { nameCn: '晶华' } } });
    const body = await client().get<{ merchant: { nameCn: string } }>('/api/home');
    expect(body.merchant.nameCn).toBe('晶华');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ url: 'http://cms.test/api/home', method: 'GET' });
    expect(fake.requests[0].header.Authorization).toBe('Bearer jwt-abc');
    expect(fake.api.request.mock.calls[0][0].timeout).toBe(5000);
  });

  it('omits the token for auth:false calls and posts the body', async () => {
    fake.respond('/api/auth/sms/send', { statusCode: 200, data: { sent: true, cooldownSeconds: 60, expiresInSeconds: 300 } });
    await client().post('/api/auth/sms/send', { phone: '13900000001' }, { auth: false });
    expect(fake.requests[0].method).toBe('POST');
    expect(fake.requests[0].data).toEqual({ phone: '13900000001' });
    expect(fake.requests[0].header.Authorization).toBeUndefined();
  });

  it('builds query strings', () => {
    expect(buildQuery({ page: 1, q: '水晶 手链', skip: undefined })).toBe('?page=1&q=%E6%B0%B4%E6%99%B6%20%E6%89%8B%E9%93%BE');
    expect(buildQuery({})).toBe('');
  });

  it("writes list requests in Strapi's list format, blank filters left out", () => {
    expect(listQuery(2, 20, { kind: 'eport-card', status: ' ' }, { invtNo: ' 3205 ' })).toEqual({
      'pagination[page]': 2,
      'pagination[pageSize]': 20,
      'filters[kind][$eq]': 'eport-card',
      'filters[invtNo][$containsi]': '3205',
    });
  });

  it('reads a list answer, completing a pagination the server left out', () => {
    const given = { data: [1, 2], meta: { pagination: { page: 2, pageSize: 2, pageCount: 5, total: 9 } } };
    expect(readList(given, 2, 2)).toEqual(given);
    expect(readList({ data: [1, 2, 3] }, 1, 20).meta.pagination).toEqual({ page: 1, pageSize: 20, pageCount: 1, total: 3 });
    expect(readList(null, 1, 20)).toEqual({ data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 0 } } });
  });

  it('turns a 429 error envelope into an ApiError with the Chinese message and retryAfterSeconds', async () => {
    fake.respond('/api/auth/sms/send', errorEnvelope(429, 'SMS_TOO_FREQUENT', '验证码发送过于频繁', { retryAfterSeconds: 42 }));
    const err = await failure(client().post('/api/auth/sms/send', { phone: '13900000001' }, { auth: false }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(429);
    expect(err.code).toBe('SMS_TOO_FREQUENT');
    expect(err.retryAfterSeconds).toBe(42);
    expect(err.message).toBe('验证码发送过于频繁，请 42 秒后再试');
    expect(unauthorized).not.toHaveBeenCalled();
  });

  it('keeps a 429 message that already names the wait', async () => {
    fake.respond('/api/auth/sms/send', errorEnvelope(429, 'SMS_TOO_FREQUENT', '请 30 秒后再获取验证码', { retryAfterSeconds: 30 }));
    const err = await failure(client().post('/api/auth/sms/send', {}));
    expect(err.message).toBe('请 30 秒后再获取验证码');
  });

  it('replaces non-Chinese messages (Strapi defaults) by a Chinese fallback by code, then by status', async () => {
    fake.respond('/a', errorEnvelope(400, 'SMS_CODE_EXPIRED', 'Code expired'));
    fake.respond('/b', { statusCode: 403, data: { data: null, error: { status: 403, name: 'ForbiddenError', message: 'Forbidden', details: {} } } });
    fake.respond('/c', { statusCode: 502, data: '<html>Bad Gateway</html>' });
    expect((await failure(client().get('/a'))).message).toBe('验证码已过期，请重新获取');
    const forbidden = await failure(client().get('/b'));
    expect(forbidden.code).toBe('ForbiddenError');
    expect(forbidden.message).toBe('没有权限进行此操作');
    const gateway = await failure(client().get('/c'));
    expect(gateway).toMatchObject({ status: 502, code: 'HTTP_502', message: '服务暂时不可用，请稍后再试' });
  });

  it('parses a JSON body delivered as a string', async () => {
    fake.respond('/s', { statusCode: 400, data: JSON.stringify({ data: null, error: { status: 400, code: 'PHONE_INVALID', message: '手机号格式不正确', details: {} } }) });
    const err = await failure(client().get('/s'));
    expect(err).toMatchObject({ code: 'PHONE_INVALID', message: '手机号格式不正确' });
  });

  it('calls onUnauthorized on 401 of an authenticated call only', async () => {
    fake.respond('/api/me', errorEnvelope(401, 'UNAUTHORIZED', '登录已过期'));
    await client()
      .get('/api/me')
      .catch(() => undefined);
    expect(unauthorized).toHaveBeenCalledTimes(1);
    token = '';
    await client()
      .get('/api/me')
      .catch(() => undefined);
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });

  it('maps transport failures to network / timeout errors', async () => {
    fake.respond('/n', { failWith: 'request:fail net::ERR_CONNECTION_REFUSED' });
    fake.respond('/t', { failWith: 'request:fail timeout' });
    expect(await failure(client().get('/n'))).toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
    expect(await failure(client().get('/t'))).toMatchObject({ code: 'TIMEOUT', message: '请求超时，请稍后重试' });
  });
});
