/** @jest-environment jsdom */
// Dev-only: writes static HTML approximations of the rendered pages to /tmp/jmt-preview (not run by npm test).
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { MODULE_KEYS } from '../../src/services/modules';
import { STORAGE_KEYS } from '../../src/services/session';
import { flushPromises, installFakeWx } from '../helpers/fake-wx';
import { DIST, loadPage, loadComponent, render } from '../helpers/simulate';

const OUT = '/tmp/jmt-preview';
const appWxss = readFileSync(join(DIST, 'app.wxss'), 'utf8').replace(/\bpage\b/g, 'body').replace(/\.jmt-/g, '.main--jmt-');

function snapshot(name: string, comp: { dom: HTMLElement }) {
  const dom = comp.dom as HTMLElement;
  dom.querySelectorAll('wx-image').forEach((img) => {
    const item = img.closest('[data-key]');
    const key = item ? item.getAttribute('data-key') : null;
    const cls = img.className;
    let src = '';
    if (cls.includes('module-lock-icon')) src = 'images/lock.svg';
    else if (key) src = `images/modules/${key}.svg`;
    else if (cls.includes('login-logo')) src = 'images/logo.svg';
    else if (cls.includes('placeholder-icon')) src = `images/modules/${(globalThis as any).__key}.svg`;
    if (src) img.innerHTML = `<img src="file://${DIST}/${src}" style="width:100%;height:100%">`;
  });
  const styles = Array.from(document.querySelectorAll('style')).map((s) => s.textContent).join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
  body{margin:0;width:750px} wx-view,wx-button,wx-input,wx-image{display:block} wx-image{display:inline-block} wx-text{display:inline}
  wx-button{all:unset;display:block;text-align:center} wx-input{height:100%;}
  ${appWxss.replace(/(\d+)rpx/g, '$1px')}
  ${styles}
  </style></head><body>${dom.outerHTML}</body></html>`;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}.html`), html);
}

const home = (status: string) => ({
  merchant: { documentId: 'm1', nameCn: status === 'approved' ? '东海县晶华水晶饰品有限公司' : '东海县紫晶坊水晶工艺品店', nameEn: status === 'approved' ? 'Donghai Jinghua Crystal Co., Ltd.' : null, type: 'company', registrationStatus: status, memberCount: 3 },
  modules: MODULE_KEYS.map((key) => ({ key, title: '', enabled: status === 'approved' || key === 'registration' || key === 'training', todo: key === 'customs' && status === 'approved' ? 4 : key === 'registration' && status !== 'approved' ? 1 : 0, path: '' })),
  todos: { total: status === 'approved' ? 4 : 1, customs: status === 'approved' ? { orders: 1, lists: 2, summaries: 1 } : { orders: 0, lists: 0, summaries: 0 } },
  messages: { unread: 2, latest: [
    { documentId: 'a', category: 'status', module: 'customs', title: '清单总分单待提交', body: '批次 B2025-031 的电子订单已全部放行，可提交清单', link: null, read: false, createdAt: new Date(Date.now() - 5 * 60000).toISOString() },
    { documentId: 'b', category: 'announcement', module: null, title: '春节假期服务安排', body: '2 月 8 日至 2 月 17 日人工审核暂停', link: null, read: true, createdAt: new Date(Date.now() - 3 * 86400000).toISOString() },
  ] },
});

it('renders previews', async () => {
  const fake = installFakeWx();
  (globalThis as any).getApp = () => ({ globalData: {} });
  (globalThis as any).getCurrentPages = () => [{}];
  fake.storage[STORAGE_KEYS.jwt] = 'x';
  const homeId = loadPage('pages/home/index');
  fake.respond('/api/home', { statusCode: 200, data: home('approved') });
  let comp = render(homeId); await flushPromises(30); snapshot('home-approved', comp);
  fake.respond('/api/home', { statusCode: 200, data: home('initial_review') });
  comp = render(homeId); await flushPromises(30); snapshot('home-locked', comp);
  const mineId = loadPage('pages/mine/index');
  fake.respond('/api/me', { statusCode: 200, data: { user: { id: 5, phone: '13900000005', realName: '赵晶', email: null }, isPlatformStaff: false, merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', nameEn: 'Donghai Jinghua Crystal Co., Ltd.', type: 'company', registrationStatus: 'approved' }, role: 'admin', merchants: [{ documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', role: 'admin', current: true }, { documentId: 'm2', nameCn: '东海县紫晶坊水晶工艺品店', role: 'member', current: false }] } });
  comp = render(mineId); await flushPromises(30); snapshot('mine', comp);
  delete fake.storage[STORAGE_KEYS.jwt];
  const loginId = loadPage('pages/login/index');
  comp = render(loginId); await flushPromises(); snapshot('login', comp);
  (comp as any).instance.setData({ mode: 'sms', agreed: true }); await flushPromises(); snapshot('login-sms', comp);
  (globalThis as any).__key = 'customs';
  const phId = loadComponent('components/module-placeholder/index');
  comp = render(phId, { moduleKey: 'customs' }); await flushPromises(); snapshot('placeholder', comp);
});
