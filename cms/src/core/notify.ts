import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { MerchantNotice } from '@jmt/plugin-kit';
import { WechatClient, wechatConfigFromEnv } from '../adapters/wechat';
import { sendTemplate, smsConfigFromEnv } from '../adapters/sms';
import { asSystem } from './scope';
import { enqueue, registerOutboxHandler } from './outbox';

/**
 * Telling a merchant that something happened (G4): one in-app message for the merchant and one
 * WeChat service-account template message per member who signed in with WeChat. Call inside the
 * transaction of the change: the message and the outbox jobs commit with it or not at all.
 * (The notice's shape is the host contract plugins call, declared with the Host interface.)
 */
export type { MerchantNotice };

const WECHAT_CHANNEL = 'wechat.template';

const templateId = () => process.env.WECHAT_TEMPLATE_STATUS || (process.env.NODE_ENV === 'production' ? '' : 'SIM_TPL_BUSINESS_STATUS');
const miniProgramAppId = () => process.env.WECHAT_MINIPROGRAM_APPID || wechatConfigFromEnv().appId;

/** WeChat limits: thing ≤ 20 characters, phrase ≤ 5. */
const clip = (value: string, max: number) =>
  Array.from(value).length > max
    ? `${Array.from(value)
        .slice(0, max - 1)
        .join('')}…`
    : value;

/** A "phrase" field takes at most 5 Chinese characters and no punctuation (no "…"): producers pass a short status. */
const phrase = (value: string) => Array.from(value).slice(0, 5).join('');

function formatTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = new Date(date.getTime() + 8 * 3600_000); // Beijing time, whatever the server's zone
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

export async function notifyMerchant(strapi: Core.Strapi, notice: MerchantNotice): Promise<void> {
  await asSystem(async () => {
    await strapi.documents('api::message.message').create({
      data: {
        merchant: notice.merchantId,
        category: notice.category,
        module: notice.module,
        title: notice.title.slice(0, 100),
        body: notice.body,
        link: notice.link.slice(0, 300),
      },
    });
    const template = templateId();
    if (!template) return;
    const members = (await strapi.db.query('api::membership.membership').findMany({
      where: { merchant: { id: notice.merchantId } },
      populate: { user: { select: ['id', 'openid', 'blocked'] } },
    })) as { user: { id: number; openid: string | null; blocked: boolean | null } | null }[];
    const recipients = members.map((m) => m.user).filter((u): u is { id: number; openid: string; blocked: boolean | null } => Boolean(u?.openid) && !u?.blocked);
    const now = new Date();
    await enqueue(
      strapi,
      recipients.map((user) => ({
        channel: WECHAT_CHANNEL,
        idempotencyKey: `${notice.eventKey}:wx:${user.id}`,
        title: notice.title,
        recipient: user.openid,
        merchantId: notice.merchantId,
        payload: {
          touser: user.openid,
          template_id: template,
          miniprogram: { appid: miniProgramAppId(), pagepath: notice.mpPath },
          data: {
            thing1: { value: clip(notice.push.subject, 20) },
            phrase2: { value: phrase(notice.push.status) },
            time3: { value: formatTime(now) },
            thing4: { value: clip(notice.push.note || '点击查看详情', 20) },
          },
        },
      })),
    );
  });
}

/**
 * WeChat drops a second message with a client_msg_id it has seen (at most 64 characters). The job's idempotency key
 * names one push to one person but is longer than that (customs milestone keys reach 63 characters before the user
 * id), so cutting it made two people's pushes share an id and one vanish: the id is the key's SHA-256, in hex.
 */
export const clientMsgId = (idempotencyKey: string): string => crypto.createHash('sha256').update(idempotencyKey).digest('hex');

/** 成员邀请 SMS through the outbox: written with the invitation, delivered (and retried) by the worker. */
export function registerInvitationSmsChannel(): void {
  registerOutboxHandler('sms.invitation', async (job) => {
    const config = smsConfigFromEnv();
    const p = job.payload as { phone: string; merchantName: string; inviter: string };
    const { bizId } = await sendTemplate(config, p.phone, config.inviteTemplateCode, { merchantName: clip(p.merchantName, 20), inviter: clip(p.inviter, 10) }, job.idempotencyKey);
    return { bizId };
  });
}

/** The outbox channel that sends WeChat template messages; the job key, hashed, is the client_msg_id. */
export function registerWechatChannel(log: { warn(message: string): void }): void {
  if (!templateId()) log.warn('[notify] WECHAT_TEMPLATE_STATUS is not set: status changes reach merchants in-app only, without WeChat pushes');
  let client: WechatClient | null = null;
  registerOutboxHandler(WECHAT_CHANNEL, async (job) => {
    client ??= new WechatClient(wechatConfigFromEnv());
    const payload = job.payload as Parameters<WechatClient['sendTemplate']>[0];
    const { msgid } = await client.sendTemplate({ ...payload, client_msg_id: clientMsgId(job.idempotencyKey) });
    return { msgid };
  });
}
