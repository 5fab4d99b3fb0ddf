import { wxLogin } from '../utils/wx-promise';
import { api, ApiClient } from './api';
import { clearSession, LoginResult, saveSession } from './session';

/** POST /api/auth/sms/send */
export interface SmsSendResult {
  sent: boolean;
  cooldownSeconds: number;
  expiresInSeconds: number;
}

export function sendSmsCode(phone: string, client: ApiClient = api): Promise<SmsSendResult> {
  return client.post<SmsSendResult>('/api/auth/sms/send', { phone }, { auth: false });
}

/** POST /api/auth/sms/login — a mini-program stays signed in, so `remember` is always on (G1). */
export async function smsLogin(phone: string, code: string, client: ApiClient = api): Promise<LoginResult> {
  const result = await client.post<LoginResult>('/api/auth/sms/login', { phone, code, remember: true }, { auth: false });
  saveSession(result);
  return result;
}

/**
 * WeChat phone-number login: `phoneCode` is the getPhoneNumber button's event.detail.code,
 * `code` a fresh wx.login() code; the cms exchanges both with WeChat (jscode2session + getuserphonenumber).
 */
export async function wechatPhoneLogin(phoneCode: string, client: ApiClient = api, getLoginCode: () => Promise<string> = wxLogin): Promise<LoginResult> {
  const code = await getLoginCode();
  const result = await client.post<LoginResult>('/api/auth/wechat/login', { code, phoneCode }, { auth: false });
  saveSession(result);
  return result;
}

export function logout(): void {
  clearSession();
}
