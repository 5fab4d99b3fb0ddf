import fs from 'node:fs';
import { dropMysqlDatabase } from './stack';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as any).__JMT__;
  if (!state) return;
  await state.cms.stop();
  state.sims.child.kill('SIGTERM');
  state.sims.ddt.kill('SIGTERM');
  state.sims.fx.kill('SIGTERM');
  if (state.mysqlDatabase) await dropMysqlDatabase(state.mysqlDatabase);
  fs.rmSync(state.tokenCache, { recursive: true, force: true });
}
