/** @jest-environment jsdom */
import { STORAGE_KEYS } from '../../src/services/session';
import { errorEnvelope, flushPromises, installFakeWx, FakeWx } from '../helpers/fake-wx';
import { loadComponent, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;

const sendButton = (comp: Comp) => comp.querySelector('.sms-send');
const sendState = (comp: Comp) => ({
  disabled: comp.data.sendDisabled as boolean,
  text: (sendButton(comp).dom as HTMLElement).textContent!.trim(),
  cls: (sendButton(comp).dom as HTMLElement).className,
});

async function typePhone(comp: Comp, value: string) {
  comp.querySelector('.sms-phone').dispatchEvent('input', { detail: { value } });
  await flushPromises();
}

async function tapSend(comp: Comp) {
  sendButton(comp).dispatchEvent('tap');
  await flushPromises(20);
}

describe('components/sms-login (rendered with miniprogram-simulate + wcc)', () => {
  let id: string;
  let fake: FakeWx;

  beforeAll(() => {
    id = loadComponent('components/sms-login/index');
  });

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    fake = installFakeWx();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('renders phone, code, 获取验证码 and the antd-mini login button', () => {
    const comp = render(id);
    expect(comp.querySelector('.sms-phone')).toBeTruthy();
    expect(comp.querySelector('.sms-code')).toBeTruthy();
    expect(sendState(comp)).toMatchObject({ disabled: false, text: '获取验证码' });
    const submit = comp.querySelector('.sms-submit').dom as HTMLElement;
    expect(submit.innerHTML).toContain('ant-button');
    expect(submit.textContent).toContain('登录');
  });

  it('rejects an invalid phone with a toast and sends nothing', async () => {
    const comp = render(id);
    await typePhone(comp, '12345');
    await tapSend(comp);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入正确的中国大陆手机号（11 位，以 1 开头）' }));
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the code, then the 60 s countdown disables the button until it ends', async () => {
    fake.respond('/api/auth/sms/send', { statusCode: 200, data: { sent: true, cooldownSeconds: 60, expiresInSeconds: 300 } });
    const comp = render(id);
    await typePhone(comp, '139 0000 0001');
    expect(comp.data.phone).toBe('13900000001');
    await tapSend(comp);

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ url: 'http://127.0.0.1:1337/api/auth/sms/send', method: 'POST', data: { phone: '13900000001' } });
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '验证码已发送' }));
    expect(sendState(comp)).toMatchObject({ disabled: true, text: '60 秒后重发' });
    expect(sendState(comp).cls).toContain('sms-send--disabled');

    // tapping while counting down does nothing
    await tapSend(comp);
    expect(fake.requests).toHaveLength(1);

    jest.advanceTimersByTime(1000);
    await flushPromises();
    expect(sendState(comp)).toMatchObject({ disabled: true, text: '59 秒后重发' });

    jest.advanceTimersByTime(59000);
    await flushPromises();
    expect(sendState(comp)).toMatchObject({ disabled: false, text: '重新获取' });
    expect(sendState(comp).cls).not.toContain('sms-send--disabled');
  });

  it('a 429 SMS_TOO_FREQUENT shows the server message and counts down retryAfterSeconds', async () => {
    fake.respond('/api/auth/sms/send', errorEnvelope(429, 'SMS_TOO_FREQUENT', '验证码发送过于频繁', { retryAfterSeconds: 42 }));
    const comp = render(id);
    await typePhone(comp, '13900000001');
    await tapSend(comp);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '验证码发送过于频繁，请 42 秒后再试', icon: 'none' }));
    expect(sendState(comp)).toMatchObject({ disabled: true, text: '42 秒后重发' });
  });

  it('a 429 without retryAfterSeconds (daily limit) re-enables the button', async () => {
    fake.respond('/api/auth/sms/send', errorEnvelope(429, 'SMS_DAILY_LIMIT', '今日验证码次数已用完'));
    const comp = render(id);
    await typePhone(comp, '13900000001');
    await tapSend(comp);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '今日验证码次数已用完' }));
    expect(sendState(comp)).toMatchObject({ disabled: false, text: '获取验证码' });
  });

  it('logs in with phone + code, stores the jwt and fires success', async () => {
    fake.respond('/api/auth/sms/login', {
      statusCode: 200,
      data: { jwt: 'jwt-sms', user: { id: 3, phone: '13900000001', realName: '李晶', isPlatformStaff: false } },
    });
    const comp = render(id);
    const onSuccess = jest.fn();
    comp.addEventListener('success', (e: { detail: unknown }) => onSuccess(e.detail));
    await typePhone(comp, '13900000001');
    comp.querySelector('.sms-code').dispatchEvent('input', { detail: { value: '123456' } });
    await flushPromises();
    comp.querySelector('.sms-submit').dispatchEvent('tap');
    await flushPromises(20);

    expect(fake.requests[0]).toMatchObject({ url: 'http://127.0.0.1:1337/api/auth/sms/login', data: { phone: '13900000001', code: '123456', remember: true } });
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-sms');
    expect(onSuccess).toHaveBeenCalledWith(expect.objectContaining({ jwt: 'jwt-sms' }));
    expect(comp.data.submitting).toBe(false);
  });

  it('checks phone and code with the contract (cms.smsLoginInput) before logging in, in its words', async () => {
    const comp = render(id);
    comp.querySelector('.sms-submit').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请填写手机号' }));
    await typePhone(comp, '13900000001');
    comp.querySelector('.sms-submit').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请填写验证码' }));
    // The cms takes 6 digits only (the component used to let 4 or 5 through).
    comp.querySelector('.sms-code').dispatchEvent('input', { detail: { value: '1234' } });
    await flushPromises();
    comp.querySelector('.sms-submit').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请输入 6 位数字验证码' }));
    expect(fake.requests).toHaveLength(0);
  });

  it('shows the cms message for a wrong code', async () => {
    fake.respond('/api/auth/sms/login', errorEnvelope(400, 'SMS_CODE_INVALID', '验证码错误，还可尝试 4 次', { attemptsLeft: 4 }));
    const comp = render(id);
    await typePhone(comp, '13900000001');
    comp.querySelector('.sms-code').dispatchEvent('input', { detail: { value: '000000' } });
    await flushPromises();
    comp.querySelector('.sms-submit').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '验证码错误，还可尝试 4 次' }));
    expect(fake.storage[STORAGE_KEYS.jwt]).toBeUndefined();
  });
});
