/**
 * WeChat adapter (DOMAIN.md §4): access_token, jscode2session, getuserphonenumber and service-account
 * template messages. The simulator serves the same paths, so the provider is only a base URL:
 *   WECHAT_PROVIDER=simulator (default outside production) → http://127.0.0.1:${WECHAT_SIM_PORT:-1341}
 *   WECHAT_PROVIDER=wechat → https://api.weixin.qq.com with WECHAT_APPID / WECHAT_SECRET.
 */
export interface WechatConfig {
  provider: 'simulator' | 'wechat';
  baseUrl: string;
  appId: string;
  secret: string;
  timeoutMs: number;
}

export class WechatError extends Error {
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'WechatError';
  }
}

export function wechatConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WechatConfig {
  const provider = (env.WECHAT_PROVIDER || (env.NODE_ENV === 'production' ? 'wechat' : 'simulator')) as WechatConfig['provider'];
  if (provider !== 'simulator' && provider !== 'wechat') throw new Error(`[jmt] unknown WECHAT_PROVIDER ${provider}`);
  const simulator = provider === 'simulator';
  return {
    provider,
    baseUrl: env.WECHAT_API_BASE || (simulator ? `http://127.0.0.1:${env.WECHAT_SIM_PORT || 1341}` : 'https://api.weixin.qq.com'),
    appId: env.WECHAT_APPID || (simulator ? 'wxsimulator0000001' : ''),
    secret: env.WECHAT_SECRET || (simulator ? 'sim-wechat-secret' : ''),
    timeoutMs: Number(env.WECHAT_TIMEOUT_MS || 5000),
  };
}

export class WechatClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(private readonly config: WechatConfig) {}

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.config.baseUrl.replace(/\/$/, '')}${path}`, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs) });
    } catch (error) {
      throw new WechatError(`WeChat unreachable: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => ({}))) as T & { errcode?: number; errmsg?: string };
    if (!response.ok) throw new WechatError(`WeChat HTTP ${response.status}`, body.errcode);
    if (body.errcode) throw new WechatError(body.errmsg || `errcode ${body.errcode}`, body.errcode);
    return body;
  }

  /** Cached access_token, refreshed five minutes before it expires. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 300_000) return this.token.value;
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: this.config.appId, secret: this.config.secret });
    const body = await this.call<{ access_token: string; expires_in: number }>(`/cgi-bin/token?${q}`);
    this.token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }

  async code2Session(jsCode: string): Promise<{ openid: string; unionid?: string }> {
    const q = new URLSearchParams({ appid: this.config.appId, secret: this.config.secret, js_code: jsCode, grant_type: 'authorization_code' });
    const body = await this.call<{ openid: string; session_key: string; unionid?: string }>(`/sns/jscode2session?${q}`);
    return { openid: body.openid, unionid: body.unionid };
  }

  async phoneNumber(phoneCode: string): Promise<string> {
    const token = await this.accessToken();
    const body = await this.call<{ phone_info: { phoneNumber: string; purePhoneNumber: string; countryCode: string } }>(
      `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: phoneCode }) },
    );
    return body.phone_info.purePhoneNumber;
  }

  async sendTemplate(message: {
    touser: string;
    template_id: string;
    url?: string;
    miniprogram?: { appid: string; pagepath: string };
    client_msg_id?: string;
    data: Record<string, { value: string }>;
  }): Promise<{ msgid: number }> {
    const token = await this.accessToken();
    return this.call<{ msgid: number }>(`/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
  }
}
