import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';

export const cmsUrl = () => process.env.TEST_CMS_URL as string;
export const smsSimUrl = () => process.env.TEST_SMS_SIM_URL as string;
export const wechatSimUrl = () => process.env.TEST_WECHAT_SIM_URL as string;

export const api = () => request(cmsUrl());

export const PHONES = {
  superAdmin: '13800000000',
  operator: '13800000001',
  jinghuaAdmin: '13900000001',
  jinghuaMember: '13900000002',
  zijingAdmin: '13900000003',
  zijingMember: '13900000004',
  both: '13900000005',
} as const;

/** Fresh, never-seen mainland numbers for tests that sign up or exhaust limits. */
let counter = 0;
export function freshPhone(): string {
  counter += 1;
  const tail = `${process.pid % 10000}`.padStart(4, '0') + `${Date.now() % 1000}`.padStart(3, '0') + `${counter}`;
  return `17${tail.slice(-9).padStart(9, '0')}`;
}

export interface SentSms {
  phone: string;
  code: string;
  receivedAt: string;
}

export async function outbox(phone: string): Promise<SentSms[]> {
  const response = await fetch(`${smsSimUrl()}/outbox?phone=${phone}`);
  return (await response.json()) as SentSms[];
}

export async function latestCode(phone: string): Promise<string> {
  const [latest] = await outbox(phone);
  if (!latest) throw new Error(`no SMS for ${phone}`);
  return latest.code;
}

/**
 * Signs in by SMS like a person would. The 60 s resend rule applies in tests too, so tokens are
 * cached per phone across test files for the run.
 */
export async function login(phone: string, options: { remember?: boolean } = {}): Promise<string> {
  const cacheFile = path.join(process.env.TEST_TOKEN_CACHE as string, `${phone}.jwt`);
  if (fs.existsSync(cacheFile)) return fs.readFileSync(cacheFile, 'utf8');
  const sent = await api().post('/api/auth/sms/send').send({ phone });
  if (sent.status !== 200) throw new Error(`send failed for ${phone}: ${sent.status} ${JSON.stringify(sent.body)}`);
  const code = await latestCode(phone);
  const res = await api().post('/api/auth/sms/login').send({ phone, code, remember: options.remember ?? false });
  if (res.status !== 200) throw new Error(`login failed for ${phone}: ${res.status} ${JSON.stringify(res.body)}`);
  fs.writeFileSync(cacheFile, res.body.jwt);
  return res.body.jwt as string;
}

export const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

export function decodeJwt(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}
