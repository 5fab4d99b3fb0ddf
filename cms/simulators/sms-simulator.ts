import crypto from 'node:crypto';
import { SIMULATOR_ACCESS_KEY_ID, SIMULATOR_ACCESS_KEY_SECRET, signRpc } from '../src/adapters/sms';
import { refuseInProduction, serve } from './http-util';

/**
 * Local SMS provider speaking Aliyun dysmsapi SendSms (RPC, signed). It verifies the signature,
 * keeps every message it accepted and shows them at GET /outbox?phone=P (newest first, with the
 * `code`), so demo users and tests can read login codes. POST /control {"failNext": N} makes the
 * next N sends fail.
 */
export interface SentSms {
  phone: string;
  code: string | null;
  content: string;
  templateCode: string;
  signName: string;
  bizId: string;
  receivedAt: string;
}

export async function startSmsSimulator(port = Number(process.env.SMS_SIM_PORT || 1340)) {
  refuseInProduction('SMS');
  const outbox: SentSms[] = [];
  let failNext = 0;
  const server = await serve('SMS', port, {
    'POST /': (_req, _url, body) => {
      const params = Object.fromEntries(new URLSearchParams(body)) as Record<string, string>;
      const { Signature, ...unsigned } = params;
      const requestId = crypto.randomUUID().toUpperCase();
      if (params.AccessKeyId !== SIMULATOR_ACCESS_KEY_ID || signRpc('POST', unsigned, SIMULATOR_ACCESS_KEY_SECRET) !== Signature) {
        return { status: 400, json: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.', RequestId: requestId } };
      }
      if (params.Action !== 'SendSms') return { status: 400, json: { Code: 'InvalidAction', Message: 'unknown action', RequestId: requestId } };
      if (!/^1[3-9]\d{9}$/.test(params.PhoneNumbers ?? '')) {
        return { json: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: requestId } };
      }
      if (failNext > 0) {
        failNext -= 1;
        return { json: { Code: 'isp.SYSTEM_ERROR', Message: '触发模拟故障', RequestId: requestId } };
      }
      let templateParam: Record<string, string> = {};
      try {
        templateParam = JSON.parse(params.TemplateParam || '{}');
      } catch {
        return { json: { Code: 'isv.INVALID_JSON_PARAM', Message: 'JSON参数不合法', RequestId: requestId } };
      }
      const bizId = `${Date.now()}^${crypto.randomInt(1e9)}`;
      const code = templateParam.code ?? null;
      outbox.unshift({
        phone: params.PhoneNumbers,
        code,
        content: code
          ? `【${params.SignName}】您的验证码为 ${code}，5 分钟内有效，请勿泄露给他人。`
          : `【${params.SignName}】${templateParam.merchantName ?? ''}的${templateParam.inviter ?? ''}邀请您加入商户，请登录晶贸通（小程序或网页版）查看并接受，7 天内有效。`,
        templateCode: params.TemplateCode,
        signName: params.SignName,
        bizId,
        receivedAt: new Date().toISOString(),
      });
      if (outbox.length > 5000) outbox.length = 5000;
      return { json: { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: requestId } };
    },
    'GET /outbox': (_req, url) => {
      const phone = url.searchParams.get('phone');
      return { json: phone ? outbox.filter((m) => m.phone === phone) : outbox.slice(0, 200) };
    },
    'POST /control': (_req, _url, body) => {
      const control = JSON.parse(body || '{}') as { failNext?: number };
      failNext = Number(control.failNext ?? 0);
      return { json: { failNext } };
    },
    'GET /health': () => ({ json: { ok: true } }),
  });
  return server;
}
