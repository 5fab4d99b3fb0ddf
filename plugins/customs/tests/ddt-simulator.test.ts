/**
 * 点点通 simulator over real HTTP: messages built with ceb's buildMessage, receipts parsed with parseReceipt.
 */
import {
  BaseTransfer,
  buildMessage,
  CebMessageInput,
  InventoryNode,
  InvtCancelNode,
  MessageKind,
  OrderNode,
  parseReceipt,
  ParsedReceipt,
  INVT_NO_PATTERN,
} from '../server/src/ceb';
import { DdtSimulator, startDdtSimulator } from '../server/src/simulator';

const STEP_MS = 15;
const DXP = 'DXPENT0000458712';
const OTHER_DXP = 'DXPENT0000999999';
const EBC_CODE = '91320722MA1N8K3Q2X';
const EBC_NAME = '东海县晶华水晶饰品有限公司';
const EBP_CODE = '3207960JH1';

let sim: DdtSimulator;
let base: string;
let orderSeq = 0;

beforeAll(async () => {
  sim = await startDdtSimulator({ port: 0, stepMs: STEP_MS, latencyMs: 0, failureRate: 0, hangMs: 5000 });
  base = sim.url;
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control({ reset: true });
});

function bt(dxpId = DXP): BaseTransfer {
  return { copCode: EBC_CODE, copName: EBC_NAME, dxpMode: 'DXP', dxpId };
}

function orderNode(): OrderNode {
  orderSeq += 1;
  return {
    head: {
      orderType: 'E',
      orderNo: `JH20250315-${String(orderSeq).padStart(4, '0')}`,
      ebpCode: EBP_CODE,
      ebpName: '晶贸通跨境电商平台',
      ebcCode: EBC_CODE,
      ebcName: EBC_NAME,
      goodsValue: '250',
      freight: '0',
      currency: '502',
    },
    list: [{ itemNo: 'AMY-BR-08', itemName: '紫水晶手串', unit: '011', currency: '502', qty: '20', price: '12.5', totalPrice: '250' }],
  };
}

function inventoryNode(): InventoryNode {
  orderSeq += 1;
  return {
    head: {
      customsCode: '2305',
      ebpCode: EBP_CODE,
      ebpName: '晶贸通跨境电商平台',
      orderNo: `JH20250315-${String(orderSeq).padStart(4, '0')}`,
      logisticsCode: '3207980L05',
      logisticsName: '连云港东方国际物流有限公司',
      logisticsNo: `LYG25031500${orderSeq}`,
      copNo: `JHINV20250315${String(orderSeq).padStart(4, '0')}`,
      ieFlag: 'E',
      portCode: '2305',
      ieDate: '20250315',
      statisticsFlag: 'B',
      agentCode: '3207980B27',
      agentName: '连云港港通报关有限公司',
      ebcCode: EBC_CODE,
      ebcName: EBC_NAME,
      ownerCode: EBC_CODE,
      ownerName: EBC_NAME,
      tradeMode: '9610',
      trafMode: '2',
      country: '502',
      POD: 'USLAX',
      freight: '0',
      fCurrency: '142',
      fFlag: '3',
      insuredFee: '0',
      iCurrency: '142',
      iFlag: '3',
      wrapType: '22',
      grossWeight: '2.35',
      netWeight: '1.9',
    },
    list: [
      {
        itemName: '紫水晶手串',
        gcode: '7116200000',
        gname: '紫水晶手串',
        gmodel: '天然紫水晶|8mm圆珠|手串|无品牌',
        country: '502',
        currency: '502',
        qty: '20',
        qty1: '0.8',
        unit: '011',
        unit1: '035',
        price: '12.5',
        totalPrice: '250',
      },
    ],
  };
}

function cancelNode(invtNo: string): InvtCancelNode {
  return {
    head: {
      customsCode: '2305',
      copNo: 'JHCXL202503200001',
      invtNo,
      reason: '买家取消订单，货物未离境',
      agentCode: '3207980B27',
      agentName: '连云港港通报关有限公司',
      ebcCode: EBC_CODE,
      ebcName: EBC_NAME,
    },
  };
}

function build<K extends MessageKind>(kind: K, node: CebMessageInput<K>['nodes'][number], dxpId = DXP): { xml: string; guid: string } {
  return buildMessage(kind, { nodes: [node], baseTransfer: bt(dxpId) } as CebMessageInput<K>);
}

async function post(xml: string, dxpId: string | null = DXP, init: { signal?: AbortSignal; contentType?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/xml' };
  if (dxpId !== null) headers['x-dxp-id'] = dxpId;
  return fetch(`${base}/ceb/messages`, { method: 'POST', headers, body: xml, signal: init.signal });
}

async function control(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

interface FeedItem {
  cursor: number;
  guid: string;
  messageType: string;
  xml: string;
}

async function receiptsPage(dxpId: string, after: number, limit?: number): Promise<{ receipts: FeedItem[]; next: number }> {
  const q = new URLSearchParams({ dxpId, after: String(after) });
  if (limit) q.set('limit', String(limit));
  const res = await fetch(`${base}/ceb/receipts?${q}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { receipts: FeedItem[]; next: number };
}

/** Polls the feed (cursor by cursor) until `guid` has a receipt with one of `final`; returns its receipts in order. */
async function waitForStatus(guid: string, final: number[], dxpId = DXP, timeoutMs = 5000): Promise<ParsedReceipt[]> {
  const deadline = Date.now() + timeoutMs;
  let after = 0;
  const got: ParsedReceipt[] = [];
  for (;;) {
    const page = await receiptsPage(dxpId, after);
    after = page.next;
    for (const r of page.receipts) {
      if (r.guid !== guid) continue;
      const parsed = parseReceipt(r.xml);
      expect(parsed.guid).toBe(guid);
      expect(parsed.messageType).toBe(r.messageType);
      got.push(parsed);
      if (final.includes(parsed.returnStatus)) return got;
    }
    if (Date.now() > deadline) throw new Error(`no status ${final.join('/')} for ${guid} within ${timeoutMs} ms; got ${got.map((g) => g.returnStatus).join(',')}`);
    await new Promise((resolve) => setTimeout(resolve, STEP_MS));
  }
}

async function messages(dxpId = DXP): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${base}/messages?dxpId=${dxpId}`);
  return ((await res.json()) as { messages: Record<string, unknown>[] }).messages;
}

async function accept<K extends MessageKind>(kind: K, node: CebMessageInput<K>['nodes'][number]): Promise<{ guid: string; body: Record<string, unknown> }> {
  const { xml, guid } = build(kind, node);
  const res = await post(xml);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ accepted: true, guid, messageType: kind });
  return { guid, body };
}

describe('点点通 simulator', () => {
  it('refuses to start in production', async () => {
    const prev = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startDdtSimulator({ port: 0 })).rejects.toThrow('never runs in production');
    } finally {
      process.env.NODE_ENV = prev;
    }
  });

  it('health', async () => {
    const res = await fetch(`${base}/health`);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('a CEB303 order moves 1 → 2 → 3 → 120 as CEB304 receipts', async () => {
    const node = orderNode();
    const { guid } = await accept('CEB303', node);
    const got = await waitForStatus(guid, [120]);
    expect(got.map((r) => r.returnStatus)).toEqual([1, 2, 3, 120]);
    expect(got.every((r) => r.messageType === 'CEB304')).toBe(true);
    expect(got[3]).toMatchObject({ outcome: 'accepted', orderNo: node.head.orderNo, ebcCode: EBC_CODE, ebpCode: EBP_CODE });
    const [m] = await messages();
    expect(m).toMatchObject({ guid, messageType: 'CEB303', status: 120, finished: true, receipts: 4 });
  });

  it('a CEB603 inventory moves to 800 放行 as CEB604 receipts, with preNo and invtNo in the documented shapes', async () => {
    const { guid, body } = await accept('CEB603', inventoryNode());
    const decl = (body.declarations as { guid: string; preNo: string }[])[0];
    expect(decl.guid).toBe(guid);
    expect(decl.preNo).toMatch(/^B\d{8}\d{9}$/);
    expect(decl.preNo).toHaveLength(18);
    const got = await waitForStatus(guid, [800]);
    expect(got.map((r) => r.returnStatus)).toEqual([1, 2, 3, 120, 399, 800]);
    expect(got.every((r) => r.messageType === 'CEB604' && r.preNo === decl.preNo)).toBe(true);
    // invtNo is assigned when customs stores the list (120) and then quoted on every later receipt
    expect(got.slice(0, 3).every((r) => r.invtNo === undefined)).toBe(true);
    const invtNo = got[3].invtNo as string;
    expect(invtNo).toHaveLength(18);
    expect(invtNo).toMatch(/^2305\d{4}E\d{9}$/);
    expect(invtNo).toMatch(INVT_NO_PATTERN);
    expect(invtNo.slice(4, 8)).toBe(String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear()));
    expect(got.slice(3).every((r) => r.invtNo === invtNo)).toBe(true);
    expect(got[5]).toMatchObject({ outcome: 'released', statusLabel: '放行', customsCode: '2305', statisticsFlag: 'B' });
    const [m] = await messages();
    expect(m).toMatchObject({ guid, status: 800, preNo: decl.preNo, invtNo, finished: true });
  });

  it('a CEB605 cancellation of an issued invtNo reaches 399 and flags the list; an unknown invtNo is rejected', async () => {
    const inv = await accept('CEB603', inventoryNode());
    const invtNo = (await waitForStatus(inv.guid, [120])).slice(-1)[0].invtNo as string;
    const cancel = await accept('CEB605', cancelNode(invtNo));
    const got = await waitForStatus(cancel.guid, [399, 100]);
    expect(got.map((r) => r.returnStatus)).toEqual([1, 2, 3, 120, 399]);
    expect(got[4]).toMatchObject({ messageType: 'CEB606', invtNo });
    const list = await messages();
    expect(list.find((m) => m.guid === inv.guid)).toMatchObject({ cancelled: true });

    const bogus = await accept('CEB605', cancelNode('23052025E999999999'));
    const bad = await waitForStatus(bogus.guid, [399, 100]);
    expect(bad.slice(-1)[0]).toMatchObject({ returnStatus: 100, outcome: 'rejected' });
    expect(bad.slice(-1)[0].returnInfo).toContain('23052025E999999999');
  });

  it('is idempotent by guid: the same message again gets the same acceptance and no second declaration', async () => {
    const { xml, guid } = build('CEB603', inventoryNode());
    const first = await (await post(xml)).json();
    const second = await (await post(xml)).json();
    expect(second).toEqual(first);
    const list = await messages();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ guid, posts: 2 });
    const got = await waitForStatus(guid, [800]);
    expect(got.map((r) => r.returnStatus)).toEqual([1, 2, 3, 120, 399, 800]);
  });

  it('refuses a missing or wrong X-DXP-ID header and an unknown DXP ID', async () => {
    const { xml } = build('CEB303', orderNode());
    const wrong = await post(xml, OTHER_DXP);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'DXP_ID_MISMATCH' });
    expect((await post(xml, null)).status).toBe(403);
    const unknown = build('CEB303', orderNode(), 'DXPINVALID0001');
    const res = await post(unknown.xml, 'DXPINVALID0001');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'DXP_ID_UNKNOWN' });
    expect(await messages()).toHaveLength(0);
  });

  it('answers an invalid message with a CEB900 receipt (HTTP 200) and non-XML with 400', async () => {
    const { xml, guid } = build('CEB303', orderNode());
    const missing = xml.replace(/<ceb:ebcName>[^<]*<\/ceb:ebcName>/, '<ceb:ebcName></ceb:ebcName>');
    expect(missing).not.toBe(xml);
    const res = await post(missing);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('xml');
    const r = parseReceipt(await res.text());
    expect(r).toMatchObject({ messageType: 'CEB900', outcome: 'error', guid, oriCopMsgId: guid, oriMessageType: 'CEB303' });
    expect(r.returnInfo).toContain('ebcName');

    const structural = await post(xml.replace('<ceb:ebcName>', '<ceb:bogus>x</ceb:bogus><ceb:ebcName>'));
    expect(structural.status).toBe(200);
    expect(parseReceipt(await structural.text()).returnInfo).toContain('未知元素');

    expect((await post('this is not xml')).status).toBe(400);
    expect((await post(xml, DXP, { contentType: 'application/json' })).status).toBe(400);
    expect(await messages()).toHaveLength(0);
  });

  it('rejectNext → 100 海关退单 with the reason', async () => {
    await control({ rejectNext: 1, rejectReason: '申报品名与HS编码不符' });
    const rejected = await accept('CEB603', inventoryNode());
    const normal = await accept('CEB603', inventoryNode());
    const got = await waitForStatus(rejected.guid, [100, 800]);
    expect(got.map((r) => r.returnStatus)).toEqual([1, 2, 3, 100]);
    expect(got[3]).toMatchObject({ outcome: 'rejected', statusLabel: '海关退单', returnInfo: '申报品名与HS编码不符' });
    expect(got[3].invtNo).toBeUndefined();
    const ok = await waitForStatus(normal.guid, [100, 800]);
    expect(ok.slice(-1)[0].returnStatus).toBe(800);
  });

  it('inspectNext → 500 查验 then 800 放行', async () => {
    await control({ inspectNext: 1 });
    const { guid } = await accept('CEB603', inventoryNode());
    const got = await waitForStatus(guid, [800]);
    expect(got.map((r) => r.returnStatus)).toEqual([1, 2, 3, 120, 399, 500, 800]);
    expect(got[5]).toMatchObject({ statusLabel: '查验', outcome: 'pending' });
  });

  it('failNext → 503, then accepted on retry', async () => {
    await control({ failNext: 2 });
    const { xml, guid } = build('CEB303', orderNode());
    expect((await post(xml)).status).toBe(503);
    expect((await post(xml)).status).toBe(503);
    expect(await messages()).toHaveLength(0);
    const res = await post(xml);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: true, guid });
    expect(await messages()).toHaveLength(1);
  });

  it('dropReplies → accepted but answered 503; the retry returns the same acceptance, one declaration', async () => {
    await control({ dropReplies: 1 });
    const { xml, guid } = build('CEB303', orderNode());
    expect((await post(xml)).status).toBe(503);
    const res = await post(xml);
    expect(await res.json()).toMatchObject({ accepted: true, guid });
    expect(await messages()).toEqual([expect.objectContaining({ guid, posts: 2 })]);
  });

  it('failureRate 1 fails every POST with 503', async () => {
    const flaky = await startDdtSimulator({ port: 0, stepMs: STEP_MS, failureRate: 1 });
    try {
      const { xml } = build('CEB303', orderNode());
      const res = await fetch(`${flaky.url}/ceb/messages`, { method: 'POST', headers: { 'content-type': 'application/xml', 'x-dxp-id': DXP }, body: xml });
      expect(res.status).toBe(503);
    } finally {
      await flaky.close();
    }
  });

  it('timeoutNext → the request does not complete within the client timeout; nothing accepted; retry works', async () => {
    await control({ timeoutNext: 1 });
    const { xml, guid } = build('CEB303', orderNode());
    const started = Date.now();
    await expect(post(xml, DXP, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await messages()).toHaveLength(0);
    const res = await post(xml, DXP, { signal: AbortSignal.timeout(2000) });
    expect(await res.json()).toMatchObject({ accepted: true, guid });
  });

  it('cursor polling returns each receipt once, in order, only for that dxpId', async () => {
    const a = await accept('CEB303', orderNode());
    const b = await accept('CEB603', inventoryNode());
    const other = build('CEB303', orderNode(), OTHER_DXP);
    expect((await post(other.xml, OTHER_DXP)).status).toBe(200);
    await waitForStatus(b.guid, [800]);
    await waitForStatus(other.guid, [120], OTHER_DXP);

    const seen: FeedItem[] = [];
    let after = 0;
    for (let i = 0; i < 50; i++) {
      const page = await receiptsPage(DXP, after, 3);
      expect(page.receipts.length).toBeLessThanOrEqual(3);
      if (page.receipts.length === 0) {
        expect(page.next).toBe(after);
        break;
      }
      seen.push(...page.receipts);
      after = page.next;
    }
    const cursors = seen.map((r) => r.cursor);
    expect(cursors).toEqual([...cursors].sort((x, y) => x - y));
    expect(new Set(cursors).size).toBe(cursors.length);
    for (let i = 1; i < cursors.length; i++) expect(cursors[i]).toBeGreaterThan(cursors[i - 1]);
    expect(seen.filter((r) => r.guid === a.guid).map((r) => parseReceipt(r.xml).returnStatus)).toEqual([1, 2, 3, 120]);
    expect(seen.filter((r) => r.guid === b.guid).map((r) => parseReceipt(r.xml).returnStatus)).toEqual([1, 2, 3, 120, 399, 800]);
    expect(seen).toHaveLength(10);
    expect(seen.some((r) => r.guid === other.guid)).toBe(false);
    const otherFeed = await receiptsPage(OTHER_DXP, 0);
    expect(otherFeed.receipts.map((r) => r.guid)).toEqual([other.guid, other.guid, other.guid, other.guid]);
    expect((await fetch(`${base}/ceb/receipts`)).status).toBe(400);
  });

  it('a draft (appStatus 1) only gets 1 暂存', async () => {
    const node = orderNode();
    node.head.appStatus = '1';
    const { guid } = await accept('CEB303', node);
    const got = await waitForStatus(guid, [1]);
    expect(got.map((r) => r.returnStatus)).toEqual([1]);
    await new Promise((resolve) => setTimeout(resolve, STEP_MS * 4));
    expect((await messages())[0]).toMatchObject({ status: 1, finished: true, receipts: 1 });
  });

  describe('POST /config/verify', () => {
    const good = { dxpId: DXP, ebcCode: EBC_CODE, ebcName: EBC_NAME, ebpCode: EBP_CODE, customsCode: '2305', portCode: '2305', appKey: 'sk_live_abc123' };
    const verify = async (body: Record<string, unknown>) => {
      const res = await fetch(`${base}/config/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
      return (await res.json()) as { ok: boolean; errors?: { field: string; message: string }[] };
    };

    it('accepts a well-formed config (appKey optional)', async () => {
      expect(await verify(good)).toEqual({ ok: true });
      const { appKey: _omit, ...noKey } = good;
      expect(await verify(noKey)).toEqual({ ok: true });
    });

    it('lists each wrong field', async () => {
      const res = await verify({ ...good, ebcCode: 'abc-12', customsCode: '23', portCode: '', ebcName: undefined, appKey: ' ' });
      expect(res.ok).toBe(false);
      expect(res.errors?.map((e) => e.field).sort()).toEqual(['appKey', 'customsCode', 'ebcCode', 'ebcName', 'portCode']);
      expect(res.errors?.every((e) => e.message.length > 0)).toBe(true);
    });

    it('refuses an unknown DXP ID', async () => {
      const res = await verify({ ...good, dxpId: 'DXPINVALID0001' });
      expect(res).toEqual({ ok: false, errors: [{ field: 'dxpId', message: expect.stringContaining('未找到') }] });
      expect((await verify({ ...good, dxpId: 'dxp lower' })).errors?.[0].field).toBe('dxpId');
    });
  });
});
