// npm start: install what is missing, build, seed the embedded SQLite database with demo data and
// serve everything (cms 1337, admin 8001, merchant web 8002, SMS simulator 1340, WeChat simulator 1341, 点点通 simulator 1342, FX feed simulator 1343).
import fs from 'node:fs';
import path from 'node:path';
import { ensureNodeModules } from './provision.mjs';

ensureNodeModules();
const { ROOT, DEMO_LOGINS, build, run, startStack, portInUse } = await import('./stack.mjs');

const ports = {
  cms: Number(process.env.CMS_PORT || 1337),
  admin: Number(process.env.ADMIN_PORT || 8001),
  merchant: Number(process.env.MERCHANT_PORT || 8002),
  sms: Number(process.env.SMS_SIM_PORT || 1340),
  wechat: Number(process.env.WECHAT_SIM_PORT || 1341),
  ddt: Number(process.env.DDT_SIM_PORT || 1342),
  fx: Number(process.env.FX_SIM_PORT || 1343),
};
for (const [name, port] of Object.entries(ports)) {
  if (await portInUse(port)) {
    console.error(
      `端口 ${port}（${name}）已被占用：请先停止占用它的进程，或用环境变量改端口（CMS_PORT、ADMIN_PORT、MERCHANT_PORT、SMS_SIM_PORT、WECHAT_SIM_PORT、DDT_SIM_PORT、FX_SIM_PORT）。`,
    );
    process.exit(1);
  }
}

build({ strapiAdmin: process.env.SKIP_STRAPI_ADMIN !== 'true' });
try {
  run('npm', ['run', 'build', '-w', '@jmt/miniprogram']);
} catch (error) {
  console.warn(`[build] mini-program build skipped: ${error.message}`);
}

const dataDir = path.join(ROOT, 'cms', '.tmp');
fs.mkdirSync(dataDir, { recursive: true });
const stack = await startStack({
  ports,
  env: {
    DATABASE_FILENAME: process.env.DATABASE_FILENAME || path.join(dataDir, 'data.db'),
    SERVE_ADMIN_PANEL: process.env.SKIP_STRAPI_ADMIN === 'true' ? 'false' : 'true',
  },
  quiet: process.env.VERBOSE !== 'true',
  logDir: dataDir,
});

const line = '─'.repeat(64);
console.log(`\n${line}\n 晶贸通 2.0 已启动\n${line}`);
console.log(` 商户 PC 端      ${stack.urls.merchant}`);
console.log(` 管理后台        ${stack.urls.admin}`);
console.log(` cms API         ${stack.urls.cms}/api   （Strapi 内容编辑后台 ${stack.urls.cms}/admin）`);
console.log(` 短信模拟器      ${stack.urls.sms}/outbox?phone=13900000001   ← 在这里查看验证码`);
console.log(` 微信模拟器      ${stack.urls.wechat}/outbox`);
console.log(` 点点通模拟器    ${stack.urls.ddt}/messages   （报文与回执；DDT_SIM_STEP_MS / DDT_SIM_FAILURE_RATE 可调）`);
console.log(` 汇率模拟器      ${stack.urls.fx}/control   （CFETS 中间价与欧洲央行汇率源，每小时抓取一次）`);
console.log(` 小程序          用微信开发者工具打开 miniprogram/（编译产物在 miniprogram/dist）`);
console.log(`${line}\n 演示账号（手机号 + 短信验证码登录；验证码见短信模拟器）`);
for (const [label, phone] of DEMO_LOGINS) console.log(`   ${phone}  ${label}`);
console.log(
  `   Strapi 内容编辑：${process.env.STRAPI_ADMIN_EMAIL || 'admin@jingmaotong.local'} / ${process.env.STRAPI_ADMIN_PASSWORD ? '(STRAPI_ADMIN_PASSWORD)' : 'Jmt-dev-2026'}`,
);
console.log(`${line}\n 日志：cms/.tmp/*.log    按 Ctrl+C 停止\n`);

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
