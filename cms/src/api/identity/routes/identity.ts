// Per-user endpoints: only a user's session token (users-permissions) applies, so Strapi does not look
// the bearer token up as an API token first (a database query on every call of the hot home page).
// A function, not a shared object: Strapi writes each route's own scope into its auth config.
const userSession = () => ({ auth: { strategies: ['users-permissions'] } });

export default {
  routes: [
    { method: 'POST', path: '/auth/sms/send', handler: 'identity.smsSend', config: { auth: false } },
    { method: 'POST', path: '/auth/sms/login', handler: 'identity.smsLogin', config: { auth: false } },
    { method: 'POST', path: '/auth/wechat/login', handler: 'identity.wechatLogin', config: { auth: false } },
    { method: 'GET', path: '/me', handler: 'identity.me', config: userSession() },
    { method: 'POST', path: '/me/switch-merchant', handler: 'identity.switchMerchant', config: userSession() },
    { method: 'GET', path: '/home', handler: 'identity.home', config: userSession() },
  ],
};
