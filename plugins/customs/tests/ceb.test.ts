/**
 * CEB export messages, checked field by field against DOMAIN.md §1.
 *
 * The expected element lists below are written out by hand from DOMAIN.md and the customs
 * standard's element order — deliberately NOT derived from server/src/ceb/schema.ts, so a
 * mistake in the schema table shows up here instead of being mirrored.
 */
import {
  BaseTransfer,
  buildMessage,
  CEB_NAMESPACE,
  CebFormatError,
  CebMessageInput,
  CebValidationError,
  InventoryNode,
  InvtCancelNode,
  MessageKind,
  OrderNode,
  parseMessage,
  parseXml,
  SummaryApplyNode,
  validateMessage,
  WayBillNode,
  XmlElement,
  formatAppTime,
  newGuid,
} from '../server/src/ceb';

// 2025-03-15 10:30:00 in Beijing.
const NOW = new Date('2025-03-15T02:30:00Z');
const APP_TIME = '20250315103000';

const EBC_CODE = '91320722MA1N8K3Q2X'; // 统一社会信用代码 of a Donghai (320722) company
const EBC_NAME = '东海县晶华水晶饰品有限公司';
const EBP_CODE = '3207960JH1';
const EBP_NAME = '晶贸通跨境电商平台';
const AGENT_CODE = '3207980B27';
const AGENT_NAME = '连云港港通报关有限公司';
const LOGISTICS_CODE = '3207980L05';
const LOGISTICS_NAME = '连云港东方国际物流有限公司';

function baseTransfer(): BaseTransfer {
  return { copCode: EBC_CODE, copName: EBC_NAME, dxpMode: 'DXP', dxpId: 'DXPENT0000458712' };
}

function orderNode(): OrderNode {
  return {
    head: {
      orderType: 'E',
      orderNo: 'JH20250315-0001',
      ebpCode: EBP_CODE,
      ebpName: EBP_NAME,
      ebcCode: EBC_CODE,
      ebcName: EBC_NAME,
      goodsValue: '387.4',
      freight: '0',
      currency: '502',
      note: '东海水晶 B2C 出口',
    },
    list: [
      {
        itemNo: 'AMY-BR-08',
        itemName: '紫水晶手串',
        itemDescribe: '天然紫水晶 8mm 圆珠手串',
        barCode: '6970123450018',
        unit: '011',
        currency: '502',
        qty: '20',
        price: '12.5',
        totalPrice: '250',
        note: '手工串制',
      },
      {
        itemNo: 'CLR-SP-60',
        itemName: '白水晶球',
        unit: '007',
        currency: '502',
        qty: '3',
        price: '45.8',
        totalPrice: '137.4',
      },
    ],
  };
}

function inventoryNode(): InventoryNode {
  return {
    head: {
      customsCode: '2305',
      ebpCode: EBP_CODE,
      ebpName: EBP_NAME,
      orderNo: 'JH20250315-0001',
      logisticsCode: LOGISTICS_CODE,
      logisticsName: LOGISTICS_NAME,
      logisticsNo: 'LYG250315000123',
      copNo: 'JHINV202503150001',
      ieFlag: 'E',
      portCode: '2305',
      ieDate: '20250315',
      statisticsFlag: 'B',
      agentCode: AGENT_CODE,
      agentName: AGENT_NAME,
      ebcCode: EBC_CODE,
      ebcName: EBC_NAME,
      ownerCode: EBC_CODE,
      ownerName: EBC_NAME,
      tradeMode: '9610',
      trafMode: '2',
      trafName: 'COSCO SHIPPING ARIES',
      voyageNo: '025E',
      billNo: 'COSU6321458790',
      country: '502',
      POD: 'USLAX',
      freight: '0',
      fCurrency: '142',
      fFlag: '3',
      insuredFee: '0',
      iCurrency: '142',
      iFlag: '3',
      wrapType: '22',
      packNo: 1,
      grossWeight: '2.35',
      netWeight: '1.9',
      note: '出口退税专用',
    },
    list: [
      {
        itemNo: 'AMY-BR-08',
        itemName: '紫水晶手串',
        gcode: '7116200000',
        gname: '紫水晶手串',
        gmodel: '天然紫水晶|8mm圆珠|手串|无品牌',
        barCode: '6970123450018',
        country: '502',
        currency: '502',
        qty: '20',
        qty1: '0.8',
        unit: '011',
        unit1: '035',
        price: '12.5',
        totalPrice: '250',
      },
      {
        itemNo: 'CLR-SP-60',
        itemName: '白水晶球',
        gcode: '7103992000',
        gname: '白水晶球',
        gmodel: '天然白水晶|直径60mm|摆件|无品牌',
        country: '502',
        currency: '502',
        qty: '3',
        qty1: '1.1',
        qty2: '3',
        unit: '007',
        unit1: '035',
        unit2: '007',
        price: '45.8',
        totalPrice: '137.4',
        note: '抛光',
      },
    ],
  };
}

function cancelNode(): InvtCancelNode {
  return {
    head: {
      customsCode: '2305',
      copNo: 'JHCXL202503200001',
      preNo: 'B20250315000012345',
      invtNo: '23052025E000012345',
      reason: '买家取消订单，货物未离境',
      agentCode: AGENT_CODE,
      agentName: AGENT_NAME,
      ebcCode: EBC_CODE,
      ebcName: EBC_NAME,
    },
  };
}

function wayBillNode(): WayBillNode {
  return {
    head: {
      customsCode: '2305',
      copNo: 'JHWB202503160001',
      agentCode: AGENT_CODE,
      agentName: AGENT_NAME,
      loctNo: '2305A',
      trafMode: '2',
      trafName: 'COSCO SHIPPING ARIES',
      voyageNo: '025E',
      billNo: 'COSU6321458790',
      grossWeight: '18.6',
      logisticsCode: LOGISTICS_CODE,
      logisticsName: LOGISTICS_NAME,
      note: '东海水晶拼箱',
    },
    list: [
      { totalPackageNo: 'ZB2503160001', logisticsNo: 'LYG250315000123', invtNo: '23052025E000012345' },
      { totalPackageNo: 'ZB2503160001', logisticsNo: 'LYG250315000124' },
    ],
  };
}

function summaryNode(): SummaryApplyNode {
  return {
    head: {
      customsCode: '2305',
      copNo: 'JHSUM202504010001',
      agentCode: AGENT_CODE,
      agentName: AGENT_NAME,
      ebcCode: EBC_CODE,
      ebcName: EBC_NAME,
      declAgentCode: AGENT_CODE,
      declAgentName: AGENT_NAME,
      summaryFlag: '1',
      itemNameFlag: '1',
    },
    list: [{ invtNo: '23052025E000012345' }, { invtNo: '23052025E000012346' }],
  };
}

function input<K extends MessageKind>(node: CebMessageInput<K>['nodes'][number]): CebMessageInput<K> {
  return { nodes: [node], baseTransfer: baseTransfer() };
}

/** Asserts the exact sequence of ceb: leaf children (names, order, values) — nothing more, nothing less. */
function expectLeaves(el: XmlElement, expected: ReadonlyArray<readonly [string, string]>): void {
  for (const c of el.children) {
    expect(c.prefix).toBe('ceb');
    expect(c.namespace).toBe(CEB_NAMESPACE);
    expect(c.children).toHaveLength(0);
  }
  expect(el.children.map((c) => [c.localName, c.text])).toEqual(expected.map(([n, v]) => [n, v]));
}

function childNames(el: XmlElement): string[] {
  return el.children.map((c) => c.name);
}

const GUID_RE = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

function checkEnvelope(xml: string, kind: MessageKind, guid: string, nodeElement: string, nodeCount = 1): XmlElement {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  expect(xml).toContain(`<ceb:${kind}Message guid="${guid}" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">`);
  const root = parseXml(xml);
  expect(root.name).toBe(`ceb:${kind}Message`);
  expect(root.namespace).toBe(CEB_NAMESPACE);
  expect([...root.attributes.entries()]).toEqual([
    ['guid', guid],
    ['version', '1.0'],
    ['xmlns:ceb', 'http://www.chinaport.gov.cn/ceb'],
  ]);
  expect(guid).toMatch(GUID_RE);
  expect(childNames(root)).toEqual([...Array(nodeCount).fill(`ceb:${nodeElement}`), 'ceb:BaseTransfer']);
  expectLeaves(root.children[nodeCount], [
    ['copCode', EBC_CODE],
    ['copName', EBC_NAME],
    ['dxpMode', 'DXP'],
    ['dxpId', 'DXPENT0000458712'],
  ]);
  return root;
}

describe('CEB303 电子订单', () => {
  it('builds envelope, OrderHead, OrderList and BaseTransfer field by field', () => {
    const { xml, guid, nodeGuids } = buildMessage('CEB303', input<'CEB303'>(orderNode()), { now: NOW });
    expect(nodeGuids).toEqual([guid]); // single node: envelope guid = head guid
    const root = checkEnvelope(xml, 'CEB303', guid, 'Order');
    const order = root.children[0];
    expect(childNames(order)).toEqual(['ceb:OrderHead', 'ceb:OrderList', 'ceb:OrderList']);
    expectLeaves(order.children[0], [
      ['guid', guid],
      ['appType', '1'],
      ['appTime', APP_TIME],
      ['appStatus', '2'],
      ['orderType', 'E'],
      ['orderNo', 'JH20250315-0001'],
      ['ebpCode', EBP_CODE],
      ['ebpName', EBP_NAME],
      ['ebcCode', EBC_CODE],
      ['ebcName', EBC_NAME],
      ['goodsValue', '387.4'],
      ['freight', '0'],
      ['currency', '502'],
      ['note', '东海水晶 B2C 出口'],
    ]);
    expectLeaves(order.children[1], [
      ['gnum', '1'],
      ['itemNo', 'AMY-BR-08'],
      ['itemName', '紫水晶手串'],
      ['itemDescribe', '天然紫水晶 8mm 圆珠手串'],
      ['barCode', '6970123450018'],
      ['unit', '011'],
      ['currency', '502'],
      ['qty', '20'],
      ['price', '12.5'],
      ['totalPrice', '250'],
      ['note', '手工串制'],
    ]);
    // optional itemDescribe / barCode / note are omitted when not given
    expectLeaves(order.children[2], [
      ['gnum', '2'],
      ['itemNo', 'CLR-SP-60'],
      ['itemName', '白水晶球'],
      ['unit', '007'],
      ['currency', '502'],
      ['qty', '3'],
      ['price', '45.8'],
      ['totalPrice', '137.4'],
    ]);
  });

  it('puts several orders in one message with distinct guids and its own envelope guid', () => {
    const second = orderNode();
    second.head.orderNo = 'JH20250315-0002';
    const { xml, guid, nodeGuids } = buildMessage('CEB303', { nodes: [orderNode(), second], baseTransfer: baseTransfer() }, { now: NOW });
    checkEnvelope(xml, 'CEB303', guid, 'Order', 2);
    expect(new Set([guid, ...nodeGuids]).size).toBe(3);
    const root = parseXml(xml);
    expect(root.children[0].children[0].children[0].text).toBe(nodeGuids[0]);
    expect(root.children[1].children[0].children[0].text).toBe(nodeGuids[1]);
  });

  it('keeps given guid, appType, appStatus and appTime, and is deterministic for re-sends', () => {
    const node = orderNode();
    const guid = newGuid();
    node.head = { ...node.head, guid, appType: '2', appStatus: '1', appTime: '20250314235959' };
    const a = buildMessage('CEB303', input<'CEB303'>(node), { now: NOW });
    const b = buildMessage('CEB303', input<'CEB303'>(node), { now: new Date() });
    expect(a.guid).toBe(guid);
    expect(a.xml).toBe(b.xml);
    const head = parseXml(a.xml).children[0].children[0];
    expect(head.children.slice(0, 4).map((c) => c.text)).toEqual([guid, '2', '20250314235959', '1']);
  });

  it('formats appTime in Beijing time whatever the server time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/Berlin']) {
        process.env.TZ = tz;
        // 16:30 UTC is already the next day in Beijing
        expect(formatAppTime(new Date('2025-03-15T16:30:05Z'))).toBe('20250316003005');
        const { xml } = buildMessage('CEB303', input<'CEB303'>(orderNode()), { now: new Date('2024-12-31T16:00:00Z') });
        expect(parseXml(xml).children[0].children[0].children[2].text).toBe('20250101000000');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('accepts a Date for appTime', () => {
    const node = orderNode();
    node.head.appTime = new Date('2025-06-30T23:59:59Z');
    const { xml } = buildMessage('CEB303', input<'CEB303'>(node));
    expect(parseXml(xml).children[0].children[0].children[2].text).toBe('20250701075959');
  });

  it('escapes & < > " \' in names and round-trips them exactly', () => {
    const nasty = 'Jinghua <Crystal> & "Stone" \'Co\'';
    const node = orderNode();
    node.head.ebcName = nasty;
    node.list[0].itemName = '紫水晶手串 <8mm> & "AAA"';
    const bt = { ...baseTransfer(), copName: nasty };
    const { xml } = buildMessage('CEB303', { nodes: [node], baseTransfer: bt }, { now: NOW });
    expect(xml).toContain('<ceb:ebcName>Jinghua &lt;Crystal&gt; &amp; &quot;Stone&quot; &apos;Co&apos;</ceb:ebcName>');
    expect(xml).toContain('<ceb:itemName>紫水晶手串 &lt;8mm&gt; &amp; &quot;AAA&quot;</ceb:itemName>');
    expect(xml).not.toContain('<Crystal>');
    const root = parseXml(xml);
    expect(root.children[0].children[0].children.find((c) => c.localName === 'ebcName')?.text).toBe(nasty);
    expect(root.children[0].children[1].children.find((c) => c.localName === 'itemName')?.text).toBe('紫水晶手串 <8mm> & "AAA"');
    expect(root.children[1].children[1].text).toBe(nasty);
  });

  it('accepts exact numbers but never float noise', () => {
    const node = orderNode();
    node.list[0] = { ...node.list[0], qty: 20, price: 12.5, totalPrice: 250 };
    expect(validateMessage('CEB303', input<'CEB303'>(node))).toEqual([]);
    const { xml } = buildMessage('CEB303', input<'CEB303'>(node), { now: NOW });
    expect(xml).toContain('<ceb:price>12.5</ceb:price>');

    const noisy = orderNode();
    noisy.list = [{ ...noisy.list[0], qty: '1', price: 0.1 + 0.2, totalPrice: '0.3' }];
    noisy.head.goodsValue = '0.3';
    const issues = validateMessage('CEB303', input<'CEB303'>(noisy));
    expect(issues).toEqual([{ path: 'nodes[0].list[0].price', code: 'FORMAT', message: expect.stringContaining('0.30000000000000004') }]);
  });
});

describe('CEB603 出口清单', () => {
  it('builds InventoryHead and InventoryList field by field', () => {
    const { xml, guid } = buildMessage('CEB603', input<'CEB603'>(inventoryNode()), { now: NOW });
    const root = checkEnvelope(xml, 'CEB603', guid, 'Inventory');
    const inv = root.children[0];
    expect(childNames(inv)).toEqual(['ceb:InventoryHead', 'ceb:InventoryList', 'ceb:InventoryList']);
    expectLeaves(inv.children[0], [
      ['guid', guid],
      ['appType', '1'],
      ['appTime', APP_TIME],
      ['appStatus', '2'],
      ['customsCode', '2305'],
      ['ebpCode', EBP_CODE],
      ['ebpName', EBP_NAME],
      ['orderNo', 'JH20250315-0001'],
      ['logisticsCode', LOGISTICS_CODE],
      ['logisticsName', LOGISTICS_NAME],
      ['logisticsNo', 'LYG250315000123'],
      ['copNo', 'JHINV202503150001'],
      ['ieFlag', 'E'],
      ['portCode', '2305'],
      ['ieDate', '20250315'],
      ['statisticsFlag', 'B'],
      ['agentCode', AGENT_CODE],
      ['agentName', AGENT_NAME],
      ['ebcCode', EBC_CODE],
      ['ebcName', EBC_NAME],
      ['ownerCode', EBC_CODE],
      ['ownerName', EBC_NAME],
      ['tradeMode', '9610'],
      ['trafMode', '2'],
      ['trafName', 'COSCO SHIPPING ARIES'],
      ['voyageNo', '025E'],
      ['billNo', 'COSU6321458790'],
      ['country', '502'],
      ['POD', 'USLAX'],
      ['freight', '0'],
      ['fCurrency', '142'],
      ['fFlag', '3'],
      ['insuredFee', '0'],
      ['iCurrency', '142'],
      ['iFlag', '3'],
      ['wrapType', '22'],
      ['packNo', '1'],
      ['grossWeight', '2.35'],
      ['netWeight', '1.9'],
      ['note', '出口退税专用'],
    ]);
    expectLeaves(inv.children[1], [
      ['gnum', '1'],
      ['itemNo', 'AMY-BR-08'],
      ['itemName', '紫水晶手串'],
      ['gcode', '7116200000'],
      ['gname', '紫水晶手串'],
      ['gmodel', '天然紫水晶|8mm圆珠|手串|无品牌'],
      ['barCode', '6970123450018'],
      ['country', '502'],
      ['currency', '502'],
      ['qty', '20'],
      ['qty1', '0.8'],
      ['unit', '011'],
      ['unit1', '035'],
      ['price', '12.5'],
      ['totalPrice', '250'],
    ]);
    expectLeaves(inv.children[2], [
      ['gnum', '2'],
      ['itemNo', 'CLR-SP-60'],
      ['itemName', '白水晶球'],
      ['gcode', '7103992000'],
      ['gname', '白水晶球'],
      ['gmodel', '天然白水晶|直径60mm|摆件|无品牌'],
      ['country', '502'],
      ['currency', '502'],
      ['qty', '3'],
      ['qty1', '1.1'],
      ['qty2', '3'],
      ['unit', '007'],
      ['unit1', '035'],
      ['unit2', '007'],
      ['price', '45.8'],
      ['totalPrice', '137.4'],
      ['note', '抛光'],
    ]);
  });

  it('writes the optional preNo, invtNo and totalPackageNo in their standard positions', () => {
    const node = inventoryNode();
    node.head = { ...node.head, preNo: 'B20250315000012345', invtNo: '23052025E000012345', totalPackageNo: 'ZB2503160001', licenseNo: 'LIC2025001' };
    const { xml } = buildMessage('CEB603', input<'CEB603'>(node), { now: NOW });
    const names = parseXml(xml).children[0].children[0].children.map((c) => c.localName);
    expect(names.slice(11, 16)).toEqual(['copNo', 'preNo', 'invtNo', 'ieFlag', 'portCode']);
    expect(names.slice(names.indexOf('billNo'), names.indexOf('billNo') + 4)).toEqual(['billNo', 'totalPackageNo', 'licenseNo', 'country']);
  });

  it.each(['9610', '1210', '9710', '9810'])('accepts tradeMode %s', (mode) => {
    const node = inventoryNode();
    node.head.tradeMode = mode;
    expect(validateMessage('CEB603', input<'CEB603'>(node))).toEqual([]);
  });

  it('treats tradeMode as data: another table can be supplied', () => {
    const node = inventoryNode();
    node.head.tradeMode = '0110';
    expect(validateMessage('CEB603', input<'CEB603'>(node))).toEqual([
      { path: 'nodes[0].head.tradeMode', code: 'ENUM', message: expect.stringContaining('9610 / 1210 / 9710 / 9810') },
    ]);
    expect(validateMessage('CEB603', input<'CEB603'>(node), { tradeModes: ['9610', '0110'] })).toEqual([]);
  });
});

describe('CEB605 撤销申请单', () => {
  it('builds InvtCancel (no head/list split) field by field', () => {
    const { xml, guid } = buildMessage('CEB605', input<'CEB605'>(cancelNode()), { now: NOW });
    const root = checkEnvelope(xml, 'CEB605', guid, 'InvtCancel');
    expectLeaves(root.children[0], [
      ['guid', guid],
      ['appType', '1'],
      ['appTime', APP_TIME],
      ['appStatus', '2'],
      ['customsCode', '2305'],
      ['copNo', 'JHCXL202503200001'],
      ['preNo', 'B20250315000012345'],
      ['invtNo', '23052025E000012345'],
      ['reason', '买家取消订单，货物未离境'],
      ['agentCode', AGENT_CODE],
      ['agentName', AGENT_NAME],
      ['ebcCode', EBC_CODE],
      ['ebcName', EBC_NAME],
    ]);
  });
});

describe('CEB607 清单总分单', () => {
  it('builds WayBillHead and WayBillList field by field', () => {
    const { xml, guid } = buildMessage('CEB607', input<'CEB607'>(wayBillNode()), { now: NOW });
    const root = checkEnvelope(xml, 'CEB607', guid, 'WayBill');
    const wb = root.children[0];
    expect(childNames(wb)).toEqual(['ceb:WayBillHead', 'ceb:WayBillList', 'ceb:WayBillList']);
    expectLeaves(wb.children[0], [
      ['guid', guid],
      ['appType', '1'],
      ['appTime', APP_TIME],
      ['appStatus', '2'],
      ['customsCode', '2305'],
      ['copNo', 'JHWB202503160001'],
      ['agentCode', AGENT_CODE],
      ['agentName', AGENT_NAME],
      ['loctNo', '2305A'],
      ['trafMode', '2'],
      ['trafName', 'COSCO SHIPPING ARIES'],
      ['voyageNo', '025E'],
      ['billNo', 'COSU6321458790'],
      ['grossWeight', '18.6'],
      ['logisticsCode', LOGISTICS_CODE],
      ['logisticsName', LOGISTICS_NAME],
      ['note', '东海水晶拼箱'],
    ]);
    expectLeaves(wb.children[1], [
      ['gnum', '1'],
      ['totalPackageNo', 'ZB2503160001'],
      ['logisticsNo', 'LYG250315000123'],
      ['invtNo', '23052025E000012345'],
    ]);
    expectLeaves(wb.children[2], [
      ['gnum', '2'],
      ['totalPackageNo', 'ZB2503160001'],
      ['logisticsNo', 'LYG250315000124'],
    ]);
  });
});

describe('CEB701 汇总申请单', () => {
  it('builds SummaryApplyHead and one SummaryApplyList per invtNo', () => {
    const { xml, guid } = buildMessage('CEB701', input<'CEB701'>(summaryNode()), { now: NOW });
    const root = checkEnvelope(xml, 'CEB701', guid, 'SummaryApply');
    const sa = root.children[0];
    expect(childNames(sa)).toEqual(['ceb:SummaryApplyHead', 'ceb:SummaryApplyList', 'ceb:SummaryApplyList']);
    expectLeaves(sa.children[0], [
      ['guid', guid],
      ['appType', '1'],
      ['appTime', APP_TIME],
      ['appStatus', '2'],
      ['customsCode', '2305'],
      ['copNo', 'JHSUM202504010001'],
      ['agentCode', AGENT_CODE],
      ['agentName', AGENT_NAME],
      ['ebcCode', EBC_CODE],
      ['ebcName', EBC_NAME],
      ['declAgentCode', AGENT_CODE],
      ['declAgentName', AGENT_NAME],
      ['summaryFlag', '1'],
      ['itemNameFlag', '1'],
    ]);
    expectLeaves(sa.children[1], [['invtNo', '23052025E000012345']]);
    expectLeaves(sa.children[2], [['invtNo', '23052025E000012346']]);
  });

  it('writes an empty itemNameFlag when summarising by category', () => {
    const node = summaryNode();
    node.head.summaryFlag = '2';
    delete node.head.itemNameFlag;
    const { xml } = buildMessage('CEB701', input<'CEB701'>(node), { now: NOW });
    expect(xml).toContain('<ceb:itemNameFlag/>');
    const head = parseXml(xml).children[0].children[0];
    expect(head.children.slice(-2).map((c) => [c.localName, c.text])).toEqual([
      ['summaryFlag', '2'],
      ['itemNameFlag', ''],
    ]);
  });
});

// ------------------------------------------------------------------------------------ validation

type AnyInput = { nodes: { head: Record<string, unknown>; list?: Record<string, unknown>[] }[]; baseTransfer: Record<string, unknown> };

function fixture(kind: MessageKind): AnyInput {
  const nodes: Record<MessageKind, () => unknown> = {
    CEB303: orderNode,
    CEB603: inventoryNode,
    CEB605: cancelNode,
    CEB607: wayBillNode,
    CEB701: summaryNode,
  };
  return { nodes: [nodes[kind]()], baseTransfer: baseTransfer() } as unknown as AnyInput;
}

function expectRejected(kind: MessageKind, data: AnyInput, expected: { path: string; code: string }[]): void {
  const issues = validateMessage(kind, data);
  expect(issues.map(({ path, code }) => ({ path, code }))).toEqual(expected);
  for (const i of issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/); // Chinese message
  let thrown: unknown;
  let built: unknown;
  try {
    built = buildMessage(kind, data as unknown as CebMessageInput<typeof kind>);
  } catch (e) {
    thrown = e;
  }
  expect(built).toBeUndefined(); // no XML
  expect(thrown).toBeInstanceOf(CebValidationError);
  const err = thrown as CebValidationError;
  expect(err.code).toBe('CEB_INVALID');
  expect(err.issues).toEqual(issues);
}

/** Required sets, written from DOMAIN.md §1. */
const REQUIRED_HEAD: Record<MessageKind, string[]> = {
  CEB303: ['orderType', 'orderNo', 'ebpCode', 'ebpName', 'ebcCode', 'ebcName', 'goodsValue', 'freight', 'currency'],
  CEB603: [
    'customsCode',
    'ebpCode',
    'ebpName',
    'orderNo',
    'logisticsCode',
    'logisticsName',
    'logisticsNo',
    'copNo',
    'ieFlag',
    'portCode',
    'ieDate',
    'statisticsFlag',
    'agentCode',
    'agentName',
    'ebcCode',
    'ebcName',
    'ownerCode',
    'ownerName',
    'tradeMode',
    'trafMode',
    'country',
    'POD',
    'freight',
    'fCurrency',
    'fFlag',
    'insuredFee',
    'iCurrency',
    'iFlag',
    'wrapType',
    'grossWeight',
    'netWeight',
  ],
  CEB605: ['customsCode', 'copNo', 'invtNo', 'reason', 'agentCode', 'agentName', 'ebcCode', 'ebcName'],
  CEB607: ['customsCode', 'copNo', 'agentCode', 'agentName', 'trafMode', 'trafName', 'voyageNo', 'billNo', 'grossWeight', 'logisticsCode', 'logisticsName'],
  CEB701: ['customsCode', 'copNo', 'agentCode', 'agentName', 'ebcCode', 'ebcName', 'declAgentCode', 'declAgentName', 'summaryFlag'],
};
const REQUIRED_LIST: Record<MessageKind, string[]> = {
  CEB303: ['itemName', 'unit', 'currency', 'qty', 'price', 'totalPrice'],
  CEB603: ['itemName', 'gcode', 'gname', 'gmodel', 'country', 'currency', 'qty', 'qty1', 'unit', 'unit1', 'price', 'totalPrice'],
  CEB605: [],
  CEB607: ['totalPackageNo', 'logisticsNo'],
  CEB701: ['invtNo'],
};
const KINDS: MessageKind[] = ['CEB303', 'CEB603', 'CEB605', 'CEB607', 'CEB701'];

describe('validation before building', () => {
  it.each(KINDS)('%s fixture is valid', (kind) => {
    expect(validateMessage(kind, fixture(kind))).toEqual([]);
  });

  const headCases = KINDS.flatMap((k) => REQUIRED_HEAD[k].map((f) => [k, f] as const));
  it.each(headCases)('%s: missing head %s → REQUIRED, no XML', (kind, field) => {
    const data = fixture(kind);
    delete data.nodes[0].head[field];
    expectRejected(kind, data, [{ path: `nodes[0].head.${field}`, code: 'REQUIRED' }]);
  });

  it.each(headCases)('%s: blank head %s → REQUIRED', (kind, field) => {
    const data = fixture(kind);
    data.nodes[0].head[field] = '   ';
    expect(validateMessage(kind, data).map((i) => [i.path, i.code])).toEqual([[`nodes[0].head.${field}`, 'REQUIRED']]);
  });

  const listCases = KINDS.flatMap((k) => REQUIRED_LIST[k].map((f) => [k, f] as const));
  it.each(listCases)('%s: missing list %s → REQUIRED', (kind, field) => {
    const data = fixture(kind);
    delete data.nodes[0].list?.[1][field];
    expectRejected(kind, data, [{ path: `nodes[0].list[1].${field}`, code: 'REQUIRED' }]);
  });

  it.each(KINDS.filter((k) => k !== 'CEB605'))('%s: empty list → REQUIRED', (kind) => {
    const data = fixture(kind);
    data.nodes[0].list = [];
    expectRejected(kind, data, [{ path: 'nodes[0].list', code: 'REQUIRED' }]);
  });

  it.each(['copCode', 'copName', 'dxpId'])('missing BaseTransfer.%s → REQUIRED', (field) => {
    const data = fixture('CEB303');
    delete data.baseTransfer[field];
    expectRejected('CEB303', data, [{ path: `baseTransfer.${field}`, code: 'REQUIRED' }]);
  });

  it('dxpMode defaults to DXP and rejects anything else', () => {
    const data = fixture('CEB605');
    delete data.baseTransfer.dxpMode;
    expect(validateMessage('CEB605', data)).toEqual([]);
    expect(buildMessage('CEB605', data as unknown as CebMessageInput<'CEB605'>).xml).toContain('<ceb:dxpMode>DXP</ceb:dxpMode>');
    data.baseTransfer.dxpMode = 'FTP';
    expectRejected('CEB605', data, [{ path: 'baseTransfer.dxpMode', code: 'ENUM' }]);
  });

  it('rejects a missing message, nodes or BaseTransfer', () => {
    expect(validateMessage('CEB303', null)).toEqual([{ path: '', code: 'REQUIRED', message: expect.any(String) }]);
    expect(validateMessage('CEB303', { nodes: [], baseTransfer: baseTransfer() }).map((i) => i.path)).toEqual(['nodes']);
    expect(validateMessage('CEB303', { nodes: [orderNode()] }).map((i) => i.path)).toEqual(['baseTransfer']);
    expect(validateMessage('CEB303', { nodes: [{}], baseTransfer: baseTransfer() }).map((i) => i.path)).toEqual(['nodes[0].head']);
  });

  const enumCases: [MessageKind, 'head' | 'list', string, unknown][] = [
    ['CEB303', 'head', 'orderType', 'I'],
    ['CEB603', 'head', 'ieFlag', 'I'],
    ['CEB603', 'head', 'statisticsFlag', 'C'],
    ['CEB603', 'head', 'fFlag', '4'],
    ['CEB603', 'head', 'iFlag', '0'],
    ['CEB603', 'head', 'tradeMode', '0110'],
    ['CEB701', 'head', 'summaryFlag', '3'],
    ['CEB701', 'head', 'itemNameFlag', '2'],
    ['CEB303', 'head', 'appType', '4'],
    ['CEB303', 'head', 'appStatus', '3'],
    ['CEB303', 'head', 'currency', '840'], // ISO numeric USD, not the customs code 502
    ['CEB603', 'head', 'fCurrency', '999'],
  ];
  it.each(enumCases)('%s %s.%s = %p → ENUM', (kind, part, field, value) => {
    const data = fixture(kind);
    const target = part === 'head' ? data.nodes[0].head : (data.nodes[0].list ?? [])[0];
    target[field] = value;
    const issues = validateMessage(kind, data).filter((i) => i.path === `nodes[0].${part === 'head' ? 'head' : 'list[0]'}.${field}`);
    expect(issues.map((i) => i.code)).toEqual(['ENUM']);
  });

  const formatCases: [MessageKind, 'head' | 'list', string, unknown, string][] = [
    ['CEB603', 'head', 'ieDate', '2025-03-15', 'FORMAT'],
    ['CEB603', 'head', 'ieDate', '20250230', 'FORMAT'],
    ['CEB603', 'head', 'ieDate', '20251301', 'FORMAT'],
    ['CEB605', 'head', 'invtNo', '23052025E00001234', 'LENGTH'],
    ['CEB605', 'head', 'invtNo', '2305202E5000012345', 'FORMAT'],
    ['CEB605', 'head', 'invtNo', '23052025X000012345', 'FORMAT'],
    ['CEB605', 'head', 'invtNo', '23052025I000012345', 'FORMAT'], // import list cannot be cancelled as export
    ['CEB701', 'list', 'invtNo', '2305-2025-E-000012', 'FORMAT'],
    ['CEB603', 'list', 'gcode', '711620000', 'FORMAT'],
    ['CEB603', 'list', 'gcode', '71162000001', 'FORMAT'],
    ['CEB603', 'list', 'gcode', '7116.20.0000', 'FORMAT'],
    ['CEB303', 'head', 'currency', 'USD', 'FORMAT'],
    ['CEB303', 'head', 'guid', '4cde1cfd-eded-46b1-946c-b8022e42fc94', 'FORMAT'],
    ['CEB303', 'head', 'guid', 'NOT-A-GUID', 'FORMAT'],
    ['CEB303', 'head', 'appTime', '20250315', 'FORMAT'],
    ['CEB303', 'head', 'appTime', '20250315256000', 'FORMAT'],
    ['CEB303', 'head', 'freight', '-1', 'FORMAT'],
    ['CEB303', 'head', 'freight', '1e3', 'FORMAT'],
    ['CEB303', 'head', 'freight', '012', 'FORMAT'],
    ['CEB303', 'head', 'freight', '1.123456', 'FORMAT'],
    ['CEB303', 'head', 'freight', '1,000', 'FORMAT'],
    ['CEB303', 'head', 'freight', '123456789012345', 'LENGTH'],
    ['CEB303', 'head', 'freight', Number.NaN, 'FORMAT'],
    ['CEB303', 'head', 'ebcName', '晶'.repeat(101), 'LENGTH'],
    ['CEB303', 'head', 'orderNo', 'A'.repeat(61), 'LENGTH'],
    ['CEB303', 'head', 'orderNo', '订单 001', 'FORMAT'],
    ['CEB303', 'head', 'ebcCode', '91320722ma1n8k3q2x', 'FORMAT'],
    ['CEB303', 'head', 'ebpName', 'bad\u0001char', 'FORMAT'],
    ['CEB303', 'head', 'orderNo', 42, 'FORMAT'],
    ['CEB603', 'head', 'customsCode', '230', 'FORMAT'],
    ['CEB603', 'head', 'portCode', '23051', 'LENGTH'],
    ['CEB603', 'head', 'grossWeight', '0', 'FORMAT'],
    ['CEB603', 'head', 'packNo', '1.5', 'FORMAT'],
    ['CEB603', 'list', 'unit', '11', 'FORMAT'],
    ['CEB603', 'list', 'country', 'US', 'FORMAT'],
    ['CEB303', 'list', 'qty', '0', 'FORMAT'],
  ];
  it.each(formatCases)('%s %s.%s = %p → %s', (kind, part, field, value, code) => {
    const data = fixture(kind);
    const target = part === 'head' ? data.nodes[0].head : (data.nodes[0].list ?? [])[0];
    target[field] = value;
    const issues = validateMessage(kind, data);
    const own = issues.filter((i) => i.path === `nodes[0].${part === 'head' ? 'head' : 'list[0]'}.${field}`);
    expect(own.map((i) => i.code)).toEqual([code]);
    expect(() => buildMessage(kind, data as unknown as CebMessageInput<typeof kind>)).toThrow(CebValidationError);
  });

  it('gnum must run 1..n when given; numbering is filled in when omitted', () => {
    const data = fixture('CEB303');
    const list = data.nodes[0].list ?? [];
    list[0].gnum = 1;
    list[1].gnum = 3;
    expectRejected('CEB303', data, [{ path: 'nodes[0].list[1].gnum', code: 'FORMAT' }]);
    list[1].gnum = '2';
    expect(validateMessage('CEB303', data)).toEqual([]);
    list[0].gnum = 0;
    list[1].gnum = 1;
    expect(validateMessage('CEB303', data).map((i) => [i.path, i.code])).toEqual([
      ['nodes[0].list[0].gnum', 'FORMAT'],
      ['nodes[0].list[1].gnum', 'FORMAT'],
    ]);
  });

  it('totalPrice must equal qty × price within rounding', () => {
    const data = fixture('CEB303');
    const list = data.nodes[0].list ?? [];
    list[1].totalPrice = '137.5';
    data.nodes[0].head.goodsValue = '387.5';
    expectRejected('CEB303', data, [{ path: 'nodes[0].list[1].totalPrice', code: 'FORMAT' }]);

    // 3 × 0.333 = 0.999 → 1.00 is a legitimate rounding to cents
    const ok = fixture('CEB303');
    const l2 = ok.nodes[0].list ?? [];
    l2[1] = { ...l2[1], qty: '3', price: '0.333', totalPrice: '1.00' };
    ok.nodes[0].head.goodsValue = '251';
    expect(validateMessage('CEB303', ok)).toEqual([]);

    const inv = fixture('CEB603');
    (inv.nodes[0].list ?? [])[0].totalPrice = '25';
    expectRejected('CEB603', inv, [{ path: 'nodes[0].list[0].totalPrice', code: 'FORMAT' }]);
  });

  it('goodsValue must equal the sum of the list totalPrice (CEB303)', () => {
    const data = fixture('CEB303');
    data.nodes[0].head.goodsValue = '400';
    const issues = validateMessage('CEB303', data);
    expect(issues).toEqual([{ path: 'nodes[0].head.goodsValue', code: 'FORMAT', message: expect.stringContaining('387.4') }]);
  });

  it('list currency must match the order currency (CEB303)', () => {
    const data = fixture('CEB303');
    (data.nodes[0].list ?? [])[0].currency = '142';
    expectRejected('CEB303', data, [{ path: 'nodes[0].list[0].currency', code: 'FORMAT' }]);
  });

  it('CEB603: netWeight ≤ grossWeight; qty2 and unit2 go together', () => {
    const data = fixture('CEB603');
    data.nodes[0].head.netWeight = '2.36';
    delete (data.nodes[0].list ?? [])[1].unit2;
    expectRejected('CEB603', data, [
      { path: 'nodes[0].list[1].unit2', code: 'REQUIRED' },
      { path: 'nodes[0].head.netWeight', code: 'FORMAT' },
    ]);
  });

  it('CEB607: duplicate logisticsNo and msgSeqNo > msgCount are rejected', () => {
    const data = fixture('CEB607');
    const list = data.nodes[0].list ?? [];
    list[1].logisticsNo = list[0].logisticsNo;
    data.nodes[0].head.msgCount = 2;
    data.nodes[0].head.msgSeqNo = 3;
    expectRejected('CEB607', data, [
      { path: 'nodes[0].head.msgSeqNo', code: 'FORMAT' },
      { path: 'nodes[0].list[1].logisticsNo', code: 'FORMAT' },
    ]);
    data.nodes[0].head.msgSeqNo = undefined;
    list[1].logisticsNo = 'LYG250315000124';
    expectRejected('CEB607', data, [{ path: 'nodes[0].head.msgSeqNo', code: 'REQUIRED' }]);
  });

  it('CEB701: the same invtNo cannot be summarised twice', () => {
    const data = fixture('CEB701');
    (data.nodes[0].list ?? [])[1].invtNo = '23052025E000012345';
    expectRejected('CEB701', data, [{ path: 'nodes[0].list[1].invtNo', code: 'FORMAT' }]);
  });

  it('duplicate node guids in one message are rejected', () => {
    const guid = newGuid();
    const a = orderNode();
    const b = orderNode();
    a.head.guid = guid;
    b.head.guid = guid;
    const issues = validateMessage('CEB303', { nodes: [a, b], baseTransfer: baseTransfer() });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['nodes[1].head.guid', 'FORMAT']]);
  });

  it('reports every problem at once, in Chinese, with paths', () => {
    const data = fixture('CEB603');
    delete data.nodes[0].head.copNo;
    data.nodes[0].head.ieDate = '2025/03/15';
    (data.nodes[0].list ?? [])[0].gcode = '7116';
    delete data.baseTransfer.dxpId;
    const issues = validateMessage('CEB603', data);
    expect(issues).toEqual([
      { path: 'nodes[0].head.copNo', code: 'REQUIRED', message: '企业内部编号（copNo）为必填项' },
      { path: 'nodes[0].head.ieDate', code: 'FORMAT', message: expect.stringContaining('yyyyMMdd') },
      { path: 'nodes[0].list[0].gcode', code: 'FORMAT', message: expect.stringContaining('10位数字') },
      { path: 'baseTransfer.dxpId', code: 'REQUIRED', message: '报文传输编号（dxpId）为必填项' },
    ]);
  });

  it('rejects a malformed envelope guid option', () => {
    expect(() => buildMessage('CEB605', input<'CEB605'>(cancelNode()), { guid: 'abc' })).toThrow(CebValidationError);
  });
});

// ------------------------------------------------------------------------------------ signing

describe('signature hook', () => {
  const SIG = '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>MEUCIQ==</ds:SignatureValue></ds:Signature>';
  const insert = (xml: string): string => xml.replace('</ceb:CEB303Message>', `  ${SIG}\n</ceb:CEB303Message>`);

  it('passes the unsigned document to a sync signer and returns the signed one', async () => {
    const seen: string[] = [];
    const res = await buildMessage('CEB303', input<'CEB303'>(orderNode()), {
      now: NOW,
      sign: (xml) => {
        seen.push(xml);
        return insert(xml);
      },
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain('Signature');
    expect(res.xml).toContain('<ds:Signature');
    const root = parseXml(res.xml);
    expect(root.children.map((c) => c.localName)).toEqual(['Order', 'BaseTransfer', 'Signature']);
    const parsed = parseMessage(res.xml);
    expect(parsed.signed).toBe(true);
    expect(parsed.guid).toBe(res.guid);
  });

  it('supports an async signer and rejects a signer that returns another document', async () => {
    const res = await buildMessage('CEB605', input<'CEB605'>(cancelNode()), { sign: async (xml) => xml });
    expect(res.xml).toContain('<ceb:CEB605Message');
    await expect(buildMessage('CEB605', input<'CEB605'>(cancelNode()), { sign: () => '<x/>' })).rejects.toThrow('签名服务返回的报文与原报文不符');
    await expect(buildMessage('CEB605', input<'CEB605'>(cancelNode()), { sign: () => '' })).rejects.toThrow('签名服务未返回报文');
  });

  it('never calls the signer for an invalid message', async () => {
    const node = cancelNode();
    node.head.invtNo = '';
    const sign = jest.fn((xml: string) => xml);
    await expect(buildMessage('CEB605', input<'CEB605'>(node), { sign })).rejects.toBeInstanceOf(CebValidationError);
    expect(sign).not.toHaveBeenCalled();
  });
});

// ------------------------------------------------------------------------------------ reading back

describe('parseMessage (for the 点点通 simulator)', () => {
  it.each(KINDS)('%s: reads back what was built, and the result validates', (kind) => {
    const data = fixture(kind) as unknown as CebMessageInput<typeof kind>;
    const { xml, guid } = buildMessage(kind, data, { now: NOW });
    const parsed = parseMessage(xml);
    expect(parsed.kind).toBe(kind);
    expect(parsed.guid).toBe(guid);
    expect(parsed.version).toBe('1.0');
    expect(parsed.signed).toBe(false);
    expect(validateMessage(kind, parsed.input)).toEqual([]);
    expect(parsed.input.baseTransfer).toEqual({ ...baseTransfer() });
    expect(parsed.input.nodes[0].head.guid).toBe(guid);
    expect(parsed.input.nodes[0].head.appTime).toBe(APP_TIME);
  });

  it('rejects elements out of order, unknown, duplicated or outside the namespace', () => {
    const { xml } = buildMessage('CEB605', input<'CEB605'>(cancelNode()), { now: NOW });
    const swapped = xml.replace(/(<ceb:copNo>[^<]*<\/ceb:copNo>)(\s*)(<ceb:preNo>[^<]*<\/ceb:preNo>)/, '$3$2$1');
    expect(swapped).not.toBe(xml);
    expect(() => parseMessage(swapped)).toThrow(CebFormatError);
    expect(() => parseMessage(swapped)).toThrow('顺序错误');
    expect(() => parseMessage(xml.replace('<ceb:reason>', '<ceb:bogus>x</ceb:bogus><ceb:reason>'))).toThrow('未知元素');
    expect(() => parseMessage(xml.replace('<ceb:reason>', '<ceb:copNo>x</ceb:copNo><ceb:reason>'))).toThrow('重复');
    expect(() => parseMessage(xml.replace(/<ceb:BaseTransfer>[\s\S]*<\/ceb:BaseTransfer>/, ''))).toThrow('缺少 <ceb:BaseTransfer>');
    expect(() => parseMessage(xml.replace(/http:\/\/www\.chinaport\.gov\.cn\/ceb/, 'urn:other'))).toThrow('不支持的报文根元素');
  });
});

describe('guid', () => {
  it('is unique, 36 chars and upper case over 10,000 generated messages', () => {
    const seen = new Set<string>();
    const data = input<'CEB605'>(cancelNode());
    for (let i = 0; i < 10_000; i++) {
      seen.add(buildMessage('CEB605', data, { now: NOW, omitDeclaration: true }).guid);
    }
    expect(seen.size).toBe(10_000);
    expect([...seen].filter((g) => g.length !== 36 || !GUID_RE.test(g))).toEqual([]);
  });
});
