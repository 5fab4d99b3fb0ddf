import crypto from 'node:crypto';

/**
 * SMS adapter (DOMAIN.md §5). One implementation of Aliyun dysmsapi 2017-05-25 SendSms with the
 * RPC signature (HMAC-SHA1, SignatureVersion 1.0). The local simulator speaks the same protocol,
 * so switching between them is configuration only:
 *   SMS_PROVIDER=simulator (default outside production) → http://127.0.0.1:${SMS_SIM_PORT:-1340}
 *   SMS_PROVIDER=aliyun → https://dysmsapi.aliyuncs.com with SMS_ACCESS_KEY_ID / SMS_ACCESS_KEY_SECRET.
 */
export interface SmsConfig {
  provider: 'simulator' | 'aliyun';
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  loginTemplateCode: string;
  /** 成员邀请: `${merchantName}`, `${inviter}`. */
  inviteTemplateCode: string;
  timeoutMs: number;
}

export interface SmsSendResult {
  bizId: string;
  requestId: string;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export const SIMULATOR_ACCESS_KEY_ID = 'sim-access-key';
export const SIMULATOR_ACCESS_KEY_SECRET = 'sim-access-secret';

export function smsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmsConfig {
  const provider = (env.SMS_PROVIDER || (env.NODE_ENV === 'production' ? 'aliyun' : 'simulator')) as SmsConfig['provider'];
  if (provider !== 'simulator' && provider !== 'aliyun') throw new Error(`[jmt] unknown SMS_PROVIDER ${provider}`);
  const simulator = provider === 'simulator';
  return {
    provider,
    endpoint: env.SMS_ENDPOINT || (simulator ? `http://127.0.0.1:${env.SMS_SIM_PORT || 1340}` : 'https://dysmsapi.aliyuncs.com'),
    accessKeyId: env.SMS_ACCESS_KEY_ID || (simulator ? SIMULATOR_ACCESS_KEY_ID : ''),
    accessKeySecret: env.SMS_ACCESS_KEY_SECRET || (simulator ? SIMULATOR_ACCESS_KEY_SECRET : ''),
    signName: env.SMS_SIGN_NAME || '晶贸通',
    loginTemplateCode: env.SMS_LOGIN_TEMPLATE || 'SMS_LOGIN_CODE',
    inviteTemplateCode: env.SMS_INVITE_TEMPLATE || 'SMS_MEMBER_INVITE',
    timeoutMs: Number(env.SMS_TIMEOUT_MS || 5000),
  };
}

/** RFC 3986 encoding as Aliyun's RPC signature requires. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/\+/g, '%20')
    .replace(/\*/g, '%2A')
    .replace(/%7E/g, '~')
    .replace(/[!'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function signRpc(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key])}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return crypto.createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

export async function sendLoginCode(config: SmsConfig, phone: string, code: string): Promise<SmsSendResult> {
  return sendTemplate(config, phone, config.loginTemplateCode, { code });
}

/** One SendSms with a template and its parameters; `outId` is echoed back in delivery reports. */
export async function sendTemplate(config: SmsConfig, phone: string, templateCode: string, templateParam: Record<string, string>, outId?: string): Promise<SmsSendResult> {
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    RegionId: 'cn-hangzhou',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: crypto.randomUUID(),
    SignatureVersion: '1.0',
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
    PhoneNumbers: phone,
    SignName: config.signName,
    TemplateCode: templateCode,
    TemplateParam: JSON.stringify(templateParam),
    ...(outId ? { OutId: outId.slice(0, 64) } : {}),
  };
  params.Signature = signRpc('POST', params, config.accessKeySecret);
  const body = Object.entries(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
  let response: Response;
  try {
    response = await fetch(`${config.endpoint.replace(/\/$/, '')}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    throw new SmsSendError(`SMS provider unreachable: ${(error as Error).message}`);
  }
  const reply = (await response.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string; RequestId?: string };
  if (!response.ok || reply.Code !== 'OK') throw new SmsSendError(reply.Message || `SMS provider HTTP ${response.status}`, reply.Code);
  return { bizId: reply.BizId ?? '', requestId: reply.RequestId ?? '' };
}
