import { createApiClient } from '../../src/services/api';
import { logout, sendSmsCode, smsLogin, wechatPhoneLogin } from '../../src/services/auth';
import { buildMeView, MePayload, switchMerchant } from '../../src/services/me';
import { getLastPhone, getToken, getUser, isLoggedIn, STORAGE_KEYS } from '../../src/services/session';
import { wxLogin } from '../../src/utils/wx-promise';
import { installFakeWx, FakeWx } from '../helpers/fake-wx';

const loginResult = { jwt: 'jwt-1', user: { id: 7, phone: '13900000001', realName: '王晶', isPlatformStaff: false } };

const me = (jwt?: string): MePayload & { jwt?: string } => ({
  jwt,
  user: { id: 9, phone: '13900000005', realName: '', email: null },
  isPlatformStaff: false,
  platformRoles: [],
  merchant: { documentId: 'm2', id: 2, nameCn: '东海县紫晶坊水晶工艺品店', nameEn: null, type: 'individual', registrationStatus: 'filling' },
  role: 'member',
  permissions: [],
  merchants: [
    { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', role: 'member', current: false },
    { documentId: 'm2', nameCn: '东海县紫晶坊水晶工艺品店', role: 'admin', current: true },
  ],
});

describe('auth and session services', () => {
  let fake: FakeWx;
  const client = () => createApiClient({ baseUrl: 'http://cms.test', transport: (o) => fake.api.request(o), getToken });

  beforeEach(() => {
    fake = installFakeWx();
  });

  it('WeChat phone login posts {code, phoneCode} without a token and stores the jwt', async () => {
    fake.respond('/api/auth/wechat/login', { statusCode: 200, data: loginResult });
    await wechatPhoneLogin('phone-code-xyz', client(), wxLogin);
    expect(fake.api.login).toHaveBeenCalledTimes(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', data: { code: 'wx-login-code-1', phoneCode: 'phone-code-xyz' } });
    expect(fake.requests[0].header.Authorization).toBeUndefined();
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-1');
    expect(getUser()).toMatchObject({ phone: '13900000001' });
    expect(isLoggedIn()).toBe(true);
  });

  it('does not call the cms when wx.login fails', async () => {
    fake.api.login.mockImplementation((o: { fail: (e: unknown) => void }) => o.fail({ errMsg: 'login:fail' }));
    await expect(wechatPhoneLogin('p', client())).rejects.toMatchObject({ errMsg: 'login:fail' });
    expect(fake.requests).toHaveLength(0);
  });

  it('SMS send and login follow the contract (remember me on)', async () => {
    fake.respond('/api/auth/sms/send', { statusCode: 200, data: { sent: true, cooldownSeconds: 60, expiresInSeconds: 300 } });
    fake.respond('/api/auth/sms/login', { statusCode: 200, data: loginResult });
    expect((await sendSmsCode('13900000001', client())).cooldownSeconds).toBe(60);
    await smsLogin('13900000001', '123456', client());
    expect(fake.requests.map((r) => r.url)).toEqual(['http://cms.test/api/auth/sms/send', 'http://cms.test/api/auth/sms/login']);
    expect(fake.requests[1].data).toEqual({ phone: '13900000001', code: '123456', remember: true });
    expect(getToken()).toBe('jwt-1');
    logout();
    expect(isLoggedIn()).toBe(false);
    expect(getUser()).toBeNull();
    expect(getLastPhone()).toBe('13900000001');
  });

  it('switching merchant posts the documentId and stores the new jwt', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-old';
    fake.respond('/api/me/switch-merchant', { statusCode: 200, data: me('jwt-new') });
    const result = await switchMerchant('m1', client());
    expect(fake.requests[0]).toMatchObject({ method: 'POST', data: { merchantId: 'm1' } });
    expect(fake.requests[0].header.Authorization).toBe('Bearer jwt-old');
    expect(getToken()).toBe('jwt-new');
    expect(result.merchant!.nameCn).toBe('东海县紫晶坊水晶工艺品店');
  });

  it('builds the 我的 view with the account-switch actions', () => {
    const view = buildMeView(me());
    expect(view).toMatchObject({
      phone: '139****0005',
      realName: '未填写',
      merchantType: '个体工商户',
      registrationStatus: '材料填报',
      role: '成员（只读）',
      canSwitch: true,
    });
    expect(view.switchActions).toEqual([
      { text: '东海县晶华水晶饰品有限公司', description: '成员（只读）', documentId: 'm1', disabled: false },
      { text: '东海县紫晶坊水晶工艺品店', description: '管理员 · 当前', documentId: 'm2', disabled: true },
    ]);
    expect(buildMeView({ ...me(), merchant: null, merchants: [] })).toMatchObject({ hasMerchant: false, canSwitch: false, merchantName: '尚未关联商户' });
  });
});
