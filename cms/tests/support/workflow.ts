import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { api, bearer, freshPhone, latestCode, login, wechatSimUrl } from './api';

/** Helpers for the workflow tests: merchants signed up like real users, uploads, the WeChat outbox. */

export interface SignedUp {
  jwt: string;
  phone: string;
  openid: string | null;
  merchantDocumentId: string;
}

/** Signs up through the mini-program's WeChat login, so the user has an openid for template pushes. */
export async function signUpWithWechat(): Promise<SignedUp> {
  const phone = freshPhone();
  const code = `wxcode-${phone}`;
  const res = await api()
    .post('/api/auth/wechat/login')
    .send({ code, phoneCode: `sim:${phone}:wf` });
  if (res.status !== 200) throw new Error(`wechat sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  const me = await api().get('/api/me').set(bearer(res.body.jwt)).expect(200);
  // The openid is never exposed by the API; the simulator derives it from the login code like this.
  const openid = `o${crypto.createHash('sha256').update(code).digest('base64url').slice(0, 27)}`;
  return { jwt: res.body.jwt, phone, openid, merchantDocumentId: me.body.merchant.documentId };
}

/** Signs up by SMS (a phone that never logged in before). */
export async function signUpWithSms(phone = freshPhone()): Promise<SignedUp> {
  await api().post('/api/auth/sms/send').send({ phone }).expect(200);
  const res = await api()
    .post('/api/auth/sms/login')
    .send({ phone, code: await latestCode(phone) })
    .expect(200);
  const me = await api().get('/api/me').set(bearer(res.body.jwt)).expect(200);
  return { jwt: res.body.jwt, phone, openid: null, merchantDocumentId: me.body.merchant?.documentId ?? '' };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function upload(jwt: string, category: string): Promise<string> {
  const res = await api().post('/api/private-files').set(bearer(jwt)).field('category', category).attach('file', PDF, `${category}.pdf`);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.documentId as string;
}

export interface TemplateMessage {
  touser: string;
  template_id: string;
  client_msg_id?: string;
  miniprogram?: { appid: string; pagepath: string };
  data: Record<string, { value: string }>;
}

export async function wechatOutbox(openid: string): Promise<TemplateMessage[]> {
  const res = await fetch(`${wechatSimUrl()}/outbox?touser=${encodeURIComponent(openid)}`);
  return (await res.json()) as TemplateMessage[];
}

export async function wechatControl(control: { failNext?: number; dropReplies?: number; delayMs?: number }): Promise<void> {
  await fetch(`${wechatSimUrl()}/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) });
}

/** Polls until `check` passes or the time is up (the outbox worker delivers asynchronously). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 150));
    value = await read();
  }
  return value;
}

/** Valid identifiers (check characters computed per GB 32100 / GB 11643). */
export const VALID = {
  creditCode: '91320722MA1XJH8Q3R',
  creditCodeIndividual: '92320722MA1YJF6K27',
  idNumber: '32072219850612341X',
  idNumber2: '320722197811034515',
};

/**
 * Members join by invitation: the admin invites the phone, the invitee signs in (signing up if new), accepts,
 * and acts for the merchant from then on. Returns the invitation as the admin saw it and the member's token.
 */
export async function joinByInvitation(adminJwt: string, phone: string, role: 'admin' | 'member' = 'member'): Promise<{ invitation: any; jwt: string }> {
  const invited = await api().post('/api/invitations').set(bearer(adminJwt)).send({ data: { phone, role } });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const own = await login(phone);
  const accepted = await api().post(`/api/invitations/${invited.body.data.documentId}/accept`).set(bearer(own));
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  // Later logins in this run act for the merchant joined (as a fresh sign-in would: it is the last one chosen).
  fs.writeFileSync(path.join(process.env.TEST_TOKEN_CACHE as string, `${phone}.jwt`), accepted.body.jwt);
  return { invitation: invited.body.data, jwt: accepted.body.jwt as string };
}
