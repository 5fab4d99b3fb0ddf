/** @jest-environment jsdom */
// Dev-only: writes static HTML approximations of the rendered pages to /tmp/jmt-preview (not run by npm test).
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { MODULE_KEYS } from '../../src/services/modules';
import { STORAGE_KEYS } from '../../src/services/session';
import { flushPromises, installFakeWx } from '../helpers/fake-wx';
import * as fx from '../helpers/fx-fixtures';
import * as inv from '../helpers/invitation-fixtures';
import * as tr from '../helpers/tax-refund-fixtures';
import { DIST, loadPage, loadComponent, render } from '../helpers/simulate';

const OUT = '/tmp/jmt-preview';
const appWxss = readFileSync(join(DIST, 'app.wxss'), 'utf8')
  .replace(/\bpage\b/g, 'body')
  .replace(/\.jmt-/g, '.main--jmt-');

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
  const styles = Array.from(document.querySelectorAll('style'))
    .map((s) => s.textContent)
    .join('\n');
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
  merchant: {
    documentId: 'm1',
    nameCn: status === 'approved' ? '东海县晶华水晶饰品有限公司' : '东海县紫晶坊水晶工艺品店',
    nameEn: status === 'approved' ? 'Donghai Jinghua Crystal Co., Ltd.' : null,
    type: 'company',
    registrationStatus: status,
    memberCount: 3,
  },
  modules: MODULE_KEYS.map((key) => ({
    key,
    title: '',
    enabled: status === 'approved' || key === 'registration' || key === 'training',
    todo: key === 'customs' && status === 'approved' ? 4 : key === 'registration' && status !== 'approved' ? 1 : 0,
    path: '',
  })),
  todos: { total: status === 'approved' ? 4 : 1, customs: status === 'approved' ? { orders: 1, lists: 2, summaries: 1 } : { orders: 0, lists: 0, summaries: 0 } },
  messages: {
    unread: 2,
    latest: [
      {
        documentId: 'a',
        category: 'status',
        module: 'customs',
        title: '清单总分单待提交',
        body: '批次 B2025-031 的电子订单已全部放行，可提交清单',
        link: null,
        read: false,
        createdAt: new Date(Date.now() - 5 * 60000).toISOString(),
      },
      {
        documentId: 'b',
        category: 'announcement',
        module: null,
        title: '春节假期服务安排',
        body: '2 月 8 日至 2 月 17 日人工审核暂停',
        link: null,
        read: true,
        createdAt: new Date(Date.now() - 3 * 86400000).toISOString(),
      },
    ],
  },
});

it('renders previews', async () => {
  const fake = installFakeWx();
  (globalThis as any).getApp = () => ({ globalData: {} });
  (globalThis as any).getCurrentPages = () => [{}];
  fake.storage[STORAGE_KEYS.jwt] = 'x';
  const homeId = loadPage('pages/home/index');
  fake.respond('/api/home', { statusCode: 200, data: home('approved') });
  let comp = render(homeId);
  await flushPromises(30);
  snapshot('home-approved', comp);
  fake.respond('/api/home', { statusCode: 200, data: home('initial_review') });
  comp = render(homeId);
  await flushPromises(30);
  snapshot('home-locked', comp);
  const mineId = loadPage('pages/mine/index');
  fake.respond('/api/me', {
    statusCode: 200,
    data: {
      user: { id: 5, phone: '13900000005', realName: '赵晶', email: null },
      isPlatformStaff: false,
      merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', nameEn: 'Donghai Jinghua Crystal Co., Ltd.', type: 'company', registrationStatus: 'approved' },
      role: 'admin',
      merchants: [
        { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', role: 'admin', current: true },
        { documentId: 'm2', nameCn: '东海县紫晶坊水晶工艺品店', role: 'member', current: false },
      ],
    },
  });
  comp = render(mineId);
  await flushPromises(30);
  snapshot('mine', comp);
  // 出口报关 (packageCustoms)
  const counts = (byStatus: Record<string, number>) => ({ total: Object.keys(byStatus).reduce((a, k) => a + byStatus[k], 0), byStatus });
  const customsBatch = {
    id: 'b1',
    number: 'PC20261122000001',
    name: '11月 Amazon 美国站 第1批',
    tradeMode: '9610',
    statisticsFlag: 'B',
    logisticsName: '顺丰国际标快',
    canWrite: true,
    progress: {
      stage: 'waybill',
      next: { action: 'declare-waybill', label: '申报清单总分单', hint: '3 票清单已放行，请填写提运单号申报总分单' },
      orders: counts({ stored: 3, rejected: 1 }),
      inventories: counts({ released: 3 }),
      waybill: null,
      summary: null,
      needsSummary: true,
    },
    timeline: [
      {
        subjectType: 'inventory',
        messageType: 'CEB604',
        returnStatus: 800,
        returnStatusLabel: '放行',
        status: 'released',
        returnInfo: null,
        at: new Date(Date.now() - 600000).toISOString(),
      },
      {
        subjectType: 'order',
        messageType: 'CEB304',
        returnStatus: 100,
        returnStatusLabel: '海关退单',
        status: 'rejected',
        returnInfo: '商品编码与品名不符',
        at: new Date(Date.now() - 3600000).toISOString(),
      },
    ],
  };
  fake.respond('/api/customs/config', {
    statusCode: 200,
    data: {
      data: {
        status: 'valid',
        dxpId: 'DXPENT0000777001',
        ebcCode: '3207960A2B',
        ebcName: '东海县晶华水晶饰品有限公司',
        customsCode: '2305',
        portCode: '2305',
        appKey: 'jh-****',
        verifiedAt: new Date().toISOString(),
        verifyErrors: [],
      },
    },
  });
  fake.respond('/api/customs/todos', {
    statusCode: 200,
    data: {
      data: {
        items: [
          {
            module: 'customs',
            key: 'k1',
            title: '申报清单总分单（批次 PC20261122000001）',
            body: '3 票清单已放行，请填写提运单号申报总分单',
            mpPath: 'packageCustoms/pages/batch/index?id=b1',
          },
        ],
        counts: { orders: 0, lists: 1, summaries: 0 },
      },
    },
  });
  fake.respond(/\/api\/customs\/batches\?/, {
    statusCode: 200,
    data: {
      data: [
        customsBatch,
        {
          ...customsBatch,
          id: 'b2',
          name: '10月 eBay 第3批',
          progress: { ...customsBatch.progress, stage: 'done', next: null, waybill: { status: 'reviewed' }, summary: { status: 'reviewed' } },
        },
      ],
      meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 2 } },
    },
  });
  comp = render(loadPage('packageCustoms/pages/index/index'));
  await flushPromises(30);
  snapshot('customs-index', comp);
  fake.respond('/api/customs/batches/b1', { statusCode: 200, data: { data: customsBatch } });
  const batchQuery = { current: { id: 'b1' } as Record<string, string> };
  comp = render(loadPage('packageCustoms/pages/batch/index', batchQuery));
  await flushPromises(30);
  snapshot('customs-batch', comp);
  (comp as any).instance.onUnload();
  fake.respond(/\/api\/customs\/cancellations\?/, {
    statusCode: 200,
    data: {
      data: [
        {
          id: 'c1',
          invtNo: '32052026E000000101',
          status: 'rejected',
          reason: '买家取消订单，货物未出境',
          copName: '东海县晶华水晶饰品有限公司',
          ebcCode: '3207960A2B',
          returnStatusLabel: '海关退单',
          returnInfo: '清单已结关，不能撤销',
          guid: '9A1B2C3D-0000-4000-8000-000000000001',
          createdAt: new Date().toISOString(),
        },
        {
          id: 'c2',
          invtNo: '32052026E000000102',
          status: 'approved',
          reason: '退货',
          copName: '东海县晶华水晶饰品有限公司',
          ebcCode: '3207960A2B',
          returnStatusLabel: '海关审结',
          createdAt: new Date().toISOString(),
        },
      ],
      meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 2 } },
    },
  });
  comp = render(loadPage('packageCustoms/pages/cancellations/index'));
  await flushPromises(30);
  snapshot('customs-cancellations', comp);
  // 收结汇 (packageFx)
  fake.respond('/api/me', {
    statusCode: 200,
    data: {
      user: { id: 1, phone: '13900000001', realName: '王晶华', email: null },
      isPlatformStaff: false,
      merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', nameEn: null, type: 'company', registrationStatus: 'approved' },
      role: 'admin',
      merchants: [],
    },
  });
  fake.respond('/api/fx/account', { statusCode: 200, data: { data: fx.account() } });
  fake.respond('/api/fx/rates', { statusCode: 200, data: fx.ratesBody(true) });
  const days = (n: number): Array<[string, string]> =>
    Array.from({ length: n }, (_, i) => {
      const d = new Date(2026, 10, 21 - (n - 1 - i));
      return [`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`, (7.1 + 0.03 * Math.sin(i / 3) + i * 0.001).toFixed(4)];
    });
  fake.respond(/\/api\/fx\/rates\/history\?/, { statusCode: 200, data: { data: fx.history('USD', days(30)) } });
  fake.respond('/api/fx/alerts', { statusCode: 200, data: { data: fx.alerts() } });
  fake.respond('/api/fx/settlements', { statusCode: 200, data: fx.settlementsBody() });
  fake.respond('/api/fx/ledger', { statusCode: 200, data: { data: fx.ledgerEntries(), meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 4 } } } });
  comp = render(loadPage('packageFx/pages/index/index'));
  await flushPromises(40);
  snapshot('fx-index', comp);
  (comp as any).instance.onAlertToggleForm();
  (comp as any).instance.setData({ tab: 'ledger' });
  await (comp as any).instance.loadList('ledger', 1);
  await flushPromises(20);
  snapshot('fx-index-ledger', comp);
  comp = render(loadPage('packageFx/pages/settle/index'));
  await flushPromises(30);
  (comp as any).instance.onAmount({ detail: '1000' });
  (comp as any).instance.onFileChange({ detail: { slot: 'fx_withdrawal', documentId: 'pf-w' } });
  await flushPromises();
  snapshot('fx-settle', comp);
  fake.respond('/api/fx/settlements/s1', { statusCode: 200, data: { data: fx.settlementDetail() } });
  comp = render(loadPage('packageFx/pages/settlement/index', { current: { id: 's1' } }));
  await flushPromises(30);
  snapshot('fx-settlement', comp);
  fake.respond('/api/fx/settlements/s3', {
    statusCode: 200,
    data: {
      data: fx.settlementDetail({
        id: 's3',
        status: 'rejected',
        statusLabel: '已驳回',
        rejectReason: '物流信息与提现金额不符，请补充后重新提交',
        actualRate: null,
        cnyAmount: null,
        remainingUsd: null,
      }),
    },
  });
  comp = render(loadPage('packageFx/pages/settlement/index', { current: { id: 's3' } }));
  await flushPromises(30);
  snapshot('fx-settlement-rejected', comp);
  // 出口退税 (packageTaxRefund)
  fake.storage[STORAGE_KEYS.role] = 'admin';
  fake.respond('/api/me', {
    statusCode: 200,
    data: {
      user: { id: 1, phone: '13900000001', realName: '王晶华', email: null },
      merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', registrationStatus: 'approved' },
      role: 'admin',
      merchants: [],
    },
  });
  fake.respond('/api/tax-refund/applications', { statusCode: 200, data: tr.listBody() });
  comp = render(loadPage('packageTaxRefund/pages/index/index'));
  await flushPromises(30);
  snapshot('tax-refund-index', comp);
  fake.respond('/api/tax-refund/applications', { statusCode: 200, data: tr.listBody([]) });
  comp = render(loadPage('packageTaxRefund/pages/index/index'));
  await flushPromises(30);
  snapshot('tax-refund-index-empty', comp);
  fake.respond('/api/applications/kinds', { statusCode: 200, data: { data: [tr.kind()] } });
  fake.respond('/api/tax-refund/declarations', { statusCode: 200, data: { data: tr.batches() } });
  fake.respond(/\/api\/tax-refund\/estimate\?/, { statusCode: 200, data: { data: tr.estimate() } });
  comp = render(loadPage('packageTaxRefund/pages/apply/index'));
  await flushPromises(30);
  const applyPage = (comp as any).instance;
  applyPage.onOrderAmount({ detail: '86500.00' });
  applyPage.onPurchaseAmount({ detail: '72000.00' });
  applyPage.onHsCode({ detail: '7116200000' });
  applyPage.onDate({ detail: { value: '2026-11-10' } });
  applyPage.onFileChange({ detail: { slot: 'tax_declaration', documentId: 'pf-decl' } });
  applyPage.onBatchTap({ currentTarget: { dataset: { id: 'b1' } } });
  await applyPage.refreshEstimate();
  await flushPromises(20);
  applyPage.onUnload();
  snapshot('tax-refund-apply', comp);
  applyPage.setData({
    missing: [{ field: 'files.tax_purchase_invoice', text: '进项发票（增值税专用发票，PDF）：文件已损坏或不是完整的 PDF' }],
    errors: { 'files.tax_purchase_invoice': '进项发票（增值税专用发票，PDF）：文件已损坏或不是完整的 PDF' },
  });
  snapshot('tax-refund-apply-incomplete', comp);
  const returnedRefund = tr.refundDetail({
    documentId: 'r4',
    status: 'returned',
    statusLabel: '退回补正',
    editable: true,
    lastNote: '进项发票金额与报关单不符，请核对后重新上传',
    timeline: tr.timeline(
      [null, 'draft', null],
      ['draft', 'declared', null],
      ['declared', 'reviewing', null],
      ['reviewing', 'returned', '进项发票金额与报关单不符，请核对后重新上传'],
    ),
  });
  fake.respond('/api/tax-refund/applications/r4', { statusCode: 200, data: { data: returnedRefund } });
  comp = render(loadPage('packageTaxRefund/pages/detail/index', { current: { id: 'r4' } }));
  await flushPromises(30);
  snapshot('tax-refund-detail-returned', comp);
  const paidRefund = tr.refundDetail({
    documentId: 'r2',
    status: 'paid',
    statusLabel: '到账',
    refundedAmount: '4680.00',
    completedAt: new Date().toISOString(),
    batches: tr.batches().slice(0, 1),
    returns: [
      { date: '2026-11-06', status: 'treasury', statusLabel: '退库', amount: null, message: '审核通过，办理退库' },
      { date: '2026-11-08', status: 'paid', statusLabel: '到账', amount: '4680.00', message: null },
    ],
    timeline: tr.timeline([null, 'draft', null], ['draft', 'declared', null], ['declared', 'reviewing', null], ['reviewing', 'treasury', null], ['treasury', 'paid', null]),
  });
  fake.respond('/api/tax-refund/applications/r2', { statusCode: 200, data: { data: paidRefund } });
  comp = render(loadPage('packageTaxRefund/pages/detail/index', { current: { id: 'r2' } }));
  await flushPromises(30);
  snapshot('tax-refund-detail-paid', comp);
  fake.respond('/api/tax-refund/applications/r1', { statusCode: 200, data: { data: tr.refundDetail() } });
  comp = render(loadPage('packageTaxRefund/pages/detail/index', { current: { id: 'r1' } }));
  await flushPromises(30);
  snapshot('tax-refund-detail-reviewing', comp);
  fake.respond('/api/home', {
    statusCode: 200,
    data: { ...home('approved'), fx: { balance: '12580.00', frozen: '500.00', available: '12080.00', updatedAt: new Date().toISOString() } },
  });
  comp = render(homeId);
  await flushPromises(30);
  snapshot('home-fx', comp);
  fake.respond('/api/merchants/m1', {
    statusCode: 200,
    data: { data: { documentId: 'm1', fxSubAccount: '32050161000000001234', settlementCardNo: null, settlementBankName: '中国建设银行东海支行' } },
  });
  comp = render(mineId);
  await flushPromises(30);
  snapshot('mine-fx', comp);
  // 成员邀请: the invitee on 我的 and in 消息中心; the admin on 成员管理 (packageAccount)
  const invitee = {
    user: { id: 8, phone: '13900000008', realName: '孙晶', email: null },
    isPlatformStaff: false,
    platformRoles: [],
    merchant: { documentId: 'm2', id: 2, nameCn: '东海县紫晶坊水晶工艺品店', nameEn: null, type: 'individual', registrationStatus: 'approved' },
    role: 'admin',
    permissions: [],
    merchants: [{ documentId: 'm2', nameCn: '东海县紫晶坊水晶工艺品店', role: 'admin', current: true }],
    invitations: [inv.received({ merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司' }, invitedByName: '赵晶' })],
  };
  fake.respond('/api/me', { statusCode: 200, data: invitee });
  comp = render(mineId);
  await flushPromises(30);
  snapshot('mine-invitation', comp);
  fake.respond('/api/invitations/mine', { statusCode: 200, data: { data: invitee.invitations } });
  fake.respond(/\/api\/messages\?/, {
    statusCode: 200,
    data: {
      data: [
        {
          documentId: 'x1',
          category: 'business',
          module: 'membership',
          title: '新成员已加入',
          body: '孙晶 已接受邀请，以普通成员身份加入本商户。',
          link: '/me?tab=members',
          read: false,
          createdAt: new Date(Date.now() - 20 * 60000).toISOString(),
        },
      ],
      meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 1 }, unread: 1 },
    },
  });
  comp = render(loadPage('pages/messages/index'));
  await flushPromises(30);
  snapshot('messages-invitation', comp);
  fake.respond('/api/me', {
    statusCode: 200,
    data: {
      ...invitee,
      user: { id: 5, phone: '13900000005', realName: '赵晶', email: null },
      merchant: { documentId: 'm1', id: 1, nameCn: '东海县晶华水晶饰品有限公司', nameEn: null, type: 'company', registrationStatus: 'approved' },
      invitations: [],
    },
  });
  fake.respond(/\/api\/memberships\?/, {
    statusCode: 200,
    data: {
      data: [
        { documentId: 'ms1', role: 'admin', createdAt: '2026-03-01T02:00:00.000Z', user: { id: 5, phone: '13900000005', realName: '赵晶' } },
        { documentId: 'ms2', role: 'member', createdAt: '2026-05-12T06:30:00.000Z', user: { id: 9, phone: '13800000009', realName: '孙晶' } },
        { documentId: 'ms3', role: 'member', createdAt: '2026-06-02T01:10:00.000Z', user: { id: 10, phone: '13700000010', realName: null } },
      ],
      meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 3 } },
    },
  });
  fake.respond('/api/invitations', {
    statusCode: 200,
    data: {
      data: [
        inv.sent(),
        inv.sent({ documentId: 'i2', phone: '137****4321', role: 'admin', status: 'accepted', respondedAt: '2026-11-21T01:00:00.000Z' }),
        inv.sent({ documentId: 'i3', phone: '136****0000', status: 'declined', respondedAt: '2026-11-20T09:00:00.000Z' }),
        inv.sent({ documentId: 'i4', phone: '135****1111', status: 'expired' }),
      ],
    },
  });
  const membersId = loadPage('packageAccount/pages/members/index');
  comp = render(membersId);
  await flushPromises(40);
  snapshot('members-admin', comp);
  (comp as any).instance.onPhoneInput({ detail: '1391234' });
  await (comp as any).instance.onInvite();
  await flushPromises();
  snapshot('members-invite-invalid', comp);
  delete fake.storage[STORAGE_KEYS.jwt];
  const loginId = loadPage('pages/login/index');
  comp = render(loginId);
  await flushPromises();
  snapshot('login', comp);
  (comp as any).instance.setData({ mode: 'sms', agreed: true });
  await flushPromises();
  snapshot('login-sms', comp);
  (globalThis as any).__key = 'fx';
  const phId = loadComponent('components/module-placeholder/index');
  comp = render(phId, { moduleKey: 'fx' });
  await flushPromises();
  snapshot('placeholder', comp);
});
