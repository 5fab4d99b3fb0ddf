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

/**
 * Fresh, never-seen mainland numbers for tests that sign up or exhaust limits. Unique across the whole run:
 * jest loads this module once per test file, so the counter lives in the run's shared temp folder (the files
 * run one at a time), and the simulators refuse a phone code they have seen before.
 */
export function freshPhone(): string {
  const counterFile = path.join(process.env.TEST_TOKEN_CACHE as string, 'phone-counter');
  const next = (fs.existsSync(counterFile) ? Number(fs.readFileSync(counterFile, 'utf8')) : 0) + 1;
  fs.writeFileSync(counterFile, String(next));
  // 17 + three digits of this process + a six-digit serial (each run has fresh simulators and a fresh database).
  return `17${String(process.pid % 1000).padStart(3, '0')}${String(next).padStart(6, '0')}`;
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
  const res = await api()
    .post('/api/auth/sms/login')
    .send({ phone, code, remember: options.remember ?? false });
  if (res.status !== 200) throw new Error(`login failed for ${phone}: ${res.status} ${JSON.stringify(res.body)}`);
  fs.writeFileSync(cacheFile, res.body.jwt);
  return res.body.jwt as string;
}

export const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

export function decodeJwt(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}
