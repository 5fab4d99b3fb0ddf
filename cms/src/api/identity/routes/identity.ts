export default {
  routes: [
    { method: 'POST', path: '/auth/sms/send', handler: 'identity.smsSend', config: { auth: false } },
    { method: 'POST', path: '/auth/sms/login', handler: 'identity.smsLogin', config: { auth: false } },
    { method: 'POST', path: '/auth/wechat/login', handler: 'identity.wechatLogin', config: { auth: false } },
    { method: 'GET', path: '/me', handler: 'identity.me' },
    { method: 'POST', path: '/me/switch-merchant', handler: 'identity.switchMerchant' },
    { method: 'GET', path: '/home', handler: 'identity.home' },
  ],
};
