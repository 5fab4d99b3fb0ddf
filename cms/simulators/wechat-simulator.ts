import crypto from 'node:crypto';
import { refuseInProduction, serve } from './http-util';

/**
 * Local WeChat API: /cgi-bin/token, /sns/jscode2session, /wxa/business/getuserphonenumber and
 * /cgi-bin/message/template/send with WeChat's own shapes and error codes.
 * Conventions for simulated codes (a real client gets them from wx.login / getPhoneNumber):
 *   js_code: any string of 6+ chars → a stable openid derived from it; "invalid…" → 40029.
 *   phone code: "sim:<11-digit phone>:<nonce>" → that phone; single use, like WeChat's.
 * GET /outbox lists accepted template messages (newest first, `?touser=` narrows);
 * POST /control {"failNext": N} fails the next N sends before accepting them, {"dropReplies": N} accepts
 * the next N and then answers 500 (the reply is "lost": a sender must retry with the same client_msg_id),
 * {"delayMs": M} makes every send take M ms (to widen races between senders).
 * Like WeChat, a repeated client_msg_id is not delivered twice: the first msgid is returned again.
 */
export async function startWechatSimulator(port = Number(process.env.WECHAT_SIM_PORT || 1341)) {
  refuseInProduction('WeChat');
  const tokens = new Set<string>();
  const usedPhoneCodes = new Set<string>();
  const outbox: Record<string, unknown>[] = [];
  let failNext = 0;
  let dropReplies = 0;
  let delayMs = 0;
  const byClientMsgId = new Map<string, Record<string, unknown>>();
  const checkToken = (url: URL) => tokens.has(url.searchParams.get('access_token') ?? '');

  const server = await serve('WeChat', port, {
    'GET /cgi-bin/token': (_req, url) => {
      if (!url.searchParams.get('appid') || !url.searchParams.get('secret')) return { json: { errcode: 40013, errmsg: 'invalid appid' } };
      const token = `SIMTOKEN_${crypto.randomBytes(16).toString('hex')}`;
      tokens.add(token);
      return { json: { access_token: token, expires_in: 7200 } };
    },
    'GET /sns/jscode2session': (_req, url) => {
      const code = url.searchParams.get('js_code') ?? '';
      if (code.length < 6 || code.startsWith('invalid')) return { json: { errcode: 40029, errmsg: 'invalid code' } };
      const openid = `o${crypto.createHash('sha256').update(code.replace(/:.*$/, '')).digest('base64url').slice(0, 27)}`;
      return { json: { openid, session_key: crypto.randomBytes(16).toString('base64') } };
    },
    'POST /wxa/business/getuserphonenumber': (_req, url, body) => {
      if (!checkToken(url)) return { json: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
      const { code } = JSON.parse(body || '{}') as { code?: string };
      const match = /^sim:(1[3-9]\d{9}):.+$/.exec(code ?? '');
      if (!match || usedPhoneCodes.has(code as string)) return { json: { errcode: 40029, errmsg: 'invalid code' } };
      usedPhoneCodes.add(code as string);
      return {
        json: {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: match[1], purePhoneNumber: match[1], countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: 'wxsimulator0000001' } },
        },
      };
    },
    'POST /cgi-bin/message/template/send': async (_req, url, body) => {
      if (!checkToken(url)) return { json: { errcode: 40001, errmsg: 'invalid credential' } };
      if (failNext > 0) {
        failNext -= 1;
        return { status: 500, json: { errcode: -1, errmsg: 'system error (simulated)' } };
      }
      const message = JSON.parse(body || '{}') as Record<string, unknown>;
      if (!message.touser || !message.template_id || !message.data) return { json: { errcode: 47003, errmsg: 'argument invalid!' } };
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const clientMsgId = typeof message.client_msg_id === 'string' ? message.client_msg_id : null;
      const known = clientMsgId ? byClientMsgId.get(clientMsgId) : undefined;
      let msgid: number;
      if (known) {
        // Not delivered again; `sendCount` shows senders' repeats to tests.
        known.sendCount = Number(known.sendCount) + 1;
        msgid = known.msgid as number;
      } else {
        msgid = crypto.randomInt(1e12);
        const entry = { ...message, msgid, sendCount: 1, receivedAt: new Date().toISOString() };
        outbox.unshift(entry);
        if (clientMsgId) byClientMsgId.set(clientMsgId, entry);
      }
      if (dropReplies > 0) {
        dropReplies -= 1;
        return { status: 500, json: { errcode: -1, errmsg: 'system error (simulated, after delivery)' } };
      }
      return { json: { errcode: 0, errmsg: 'ok', msgid } };
    },
    'GET /outbox': (_req, url) => {
      const touser = url.searchParams.get('touser');
      return { json: (touser ? outbox.filter((m) => m.touser === touser) : outbox).slice(0, 500) };
    },
    'POST /control': (_req, _url, body) => {
      const control = JSON.parse(body || '{}') as { failNext?: number; dropReplies?: number; delayMs?: number };
      failNext = Number(control.failNext ?? 0);
      dropReplies = Number(control.dropReplies ?? 0);
      delayMs = Number(control.delayMs ?? 0);
      return { json: { failNext, dropReplies, delayMs } };
    },
    'GET /health': () => ({ json: { ok: true } }),
  });
  return server;
}
