import { startSmsSimulator } from './sms-simulator';
import { startWechatSimulator } from './wechat-simulator';

/** `node dist/simulators/run.js` — starts every local simulator (npm start and the tests use it). */
async function main() {
  await startSmsSimulator();
  await startWechatSimulator();
}

main().catch((error) => {
  // eslint-disable-next-line no-console
  console.error(error.message);
  process.exit(1);
});
