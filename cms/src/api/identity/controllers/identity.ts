import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { AppError } from '../../../core/errors';
import { resolveScope } from '../../../core/scope';
import { bodyOf } from '../../../core/request';
import { WechatClient, wechatConfigFromEnv, WechatError } from '../../../adapters/wechat';
import { normalizeMainlandPhone } from '../lib/phone';
import { consumeCode, issueCode } from '../lib/login-codes';
import { mePayload, signIn, switchMerchant } from '../lib/accounts';
import { homePayload } from '../lib/home';
import { writeAudit } from '../../../core/audit';

let wechat: WechatClient | null = null;
const wechatClient = () => (wechat ??= new WechatClient(wechatConfigFromEnv()));

const requirePhone = (value: unknown): string => {
  const phone = normalizeMainlandPhone(value);
  if (!phone) throw new AppError('PHONE_INVALID', 400, { field: 'phone' });
  return phone;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async smsSend(ctx: Context) {
    const phone = requirePhone(bodyOf(ctx).phone);
    const limits = await issueCode(strapi, phone);
    // Nobody is signed in yet: the log names the phone that asked for a code.
    await writeAudit(strapi, { module: 'auth', action: 'sms_send', actor: { id: null, phone, name: null } });
    ctx.body = { sent: true, ...limits };
  },

  async smsLogin(ctx: Context) {
    const body = bodyOf(ctx);
    const phone = requirePhone(body.phone);
    const code = typeof body.code === 'string' ? body.code.trim() : '';
    if (!/^\d{6}$/.test(code)) throw new AppError('SMS_CODE_REQUIRED', 400, { field: 'code' });
    await consumeCode(strapi, phone, code);
    const { jwt, user } = await signIn(strapi, phone, { remember: body.remember === true, via: 'sms' });
    ctx.body = { jwt, user };
  },

  async wechatLogin(ctx: Context) {
    const { code, phoneCode } = bodyOf(ctx);
    if (typeof code !== 'string' || !code) throw new AppError('WECHAT_CODE_INVALID', 400, { field: 'code' });
    if (typeof phoneCode !== 'string' || !phoneCode) throw new AppError('WECHAT_PHONE_FAILED', 400, { field: 'phoneCode' });
    let openid: string;
    let rawPhone: string;
    try {
      ({ openid } = await wechatClient().code2Session(code));
    } catch (error) {
      throw new AppError(error instanceof WechatError && error.errcode ? 'WECHAT_CODE_INVALID' : 'WECHAT_UNAVAILABLE', error instanceof WechatError && error.errcode ? 400 : 503, {
        errcode: (error as WechatError).errcode ?? null,
      });
    }
    try {
      rawPhone = await wechatClient().phoneNumber(phoneCode);
    } catch (error) {
      throw new AppError(error instanceof WechatError && error.errcode ? 'WECHAT_PHONE_FAILED' : 'WECHAT_UNAVAILABLE', error instanceof WechatError && error.errcode ? 400 : 503, {
        errcode: (error as WechatError).errcode ?? null,
      });
    }
    const phone = requirePhone(rawPhone);
    // Mini-program users stay signed in like other WeChat apps unless they ask otherwise.
    const { jwt, user } = await signIn(strapi, phone, { remember: bodyOf(ctx).remember !== false, via: 'wechat', openid });
    ctx.body = { jwt, user };
  },

  async me(ctx: Context) {
    ctx.body = await mePayload(strapi, await resolveScope(strapi, ctx));
  },

  async switchMerchant(ctx: Context) {
    const scope = await resolveScope(strapi, ctx);
    const jwt = await switchMerchant(strapi, scope, bodyOf(ctx).merchantId);
    // Resolve the new scope for the reply exactly as the next request will.
    const fakeCtx = { state: { user: ctx.state.user }, request: { header: { authorization: `Bearer ${jwt}` } } };
    ctx.body = { jwt, ...(await mePayload(strapi, await resolveScope(strapi, fakeCtx))) };
  },

  async home(ctx: Context) {
    ctx.body = await homePayload(strapi, await resolveScope(strapi, ctx));
  },
});
