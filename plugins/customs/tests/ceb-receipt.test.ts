/** Receipts (回执): parse, build (for the 点点通 simulator), status labels and classification. */
import {
  buildReceipt,
  CebReceiptError,
  classifyReceipt,
  classifyReturnStatus,
  newGuid,
  parseReceipt,
  parseReceipts,
  RECEIPT_FOR,
  RECEIPT_KINDS,
  ReceiptInput,
  ReceiptKind,
  RETURN_STATUS,
  returnStatusLabel,
  returnStatusPhrase,
  RETURN_STATUS_PHRASE,
  XmlParseError,
} from '../server/src/ceb';

const GUID = '4CDE1CFD-EDED-46B1-946C-B8022E42FC94';
const TIME = '20250315103000123';

/** Identifying fields each receipt kind carries, with realistic Donghai values. */
const EXTRA: Record<ReceiptKind, Partial<ReceiptInput>> = {
  CEB304: { ebpCode: '3207960JH1', ebcCode: '91320722MA1N8K3Q2X', orderNo: 'JH20250315-0001' },
  CEB604: {
    customsCode: '2305',
    agentCode: '3207980B27',
    copNo: 'JHINV202503150001',
    preNo: 'B20250315000012345',
    invtNo: '23052025E000012345',
    ebpCode: '3207960JH1',
    ebcCode: '91320722MA1N8K3Q2X',
    orderNo: 'JH20250315-0001',
    statisticsFlag: 'B',
  },
  CEB606: { customsCode: '2305', agentCode: '3207980B27', ebcCode: '91320722MA1N8K3Q2X', copNo: 'JHCXL202503200001', preNo: 'B20250320000000001', invtNo: '23052025E000012345' },
  CEB608: { customsCode: '2305', agentCode: '3207980B27', logisticsCode: '3207980L05', copNo: 'JHWB202503160001', preNo: 'B20250316000000007', billNo: 'COSU6321458790' },
  CEB702: {
    customsCode: '2305',
    agentCode: '3207980B27',
    ebcCode: '91320722MA1N8K3Q2X',
    declAgentCode: '3207980B27',
    copNo: 'JHSUM202504010001',
    preNo: 'B20250401000000003',
    sumNo: '230520250000000123',
  },
  CEB792: { customsCode: '2305', agentCode: '3207980B27', ebcCode: '91320722MA1N8K3Q2X', declAgentCode: '3207980B27', copNo: 'JHSUM202504010001', sumNo: '230520250000000123' },
  CEB900: { oriCopMsgId: GUID, oriMessageType: 'CEB603' },
};

const ALL_STATUSES = [...Object.keys(RETURN_STATUS).map(Number), -1, -301010];

describe('RETURN_STATUS as a WeChat phrase', () => {
  it('has a phrase of at most 5 Chinese characters for every status, distinct where the labels are', () => {
    expect(Object.keys(RETURN_STATUS_PHRASE).sort()).toEqual(Object.keys(RETURN_STATUS).sort());
    for (const code of [...Object.keys(RETURN_STATUS).map(Number), -301010, 777]) {
      const phrase = returnStatusPhrase(code);
      expect(phrase).toMatch(/^[\u4e00-\u9fff]{1,5}$/);
    }
    // Cut to 5, both used to read "电子口岸…".
    expect(returnStatusPhrase(1)).not.toBe(returnStatusPhrase(2));
    expect(new Set(Object.values(RETURN_STATUS_PHRASE)).size).toBe(Object.keys(RETURN_STATUS_PHRASE).length);
  });
});

describe('RETURN_STATUS labels and classifier', () => {
  it('labels every documented status', () => {
    expect(RETURN_STATUS).toEqual({
      1: '电子口岸已暂存',
      2: '电子口岸申报中',
      3: '发送海关成功',
      4: '发送海关失败',
      100: '海关退单',
      120: '海关入库',
      300: '人工审核',
      399: '海关审结',
      500: '查验',
      800: '放行',
      899: '结关',
    });
    expect(returnStatusLabel(-1)).toBe('处理错误');
    expect(returnStatusLabel(-301010)).toBe('处理错误');
    expect(returnStatusLabel(777)).toBe('未知状态（777）');
  });

  it.each([
    [1, 'pending'],
    [2, 'pending'],
    [3, 'pending'],
    [4, 'error'],
    [100, 'rejected'],
    [120, 'accepted'],
    [300, 'pending'],
    [399, 'accepted'],
    [500, 'pending'],
    [800, 'released'],
    [899, 'released'],
    [-1, 'error'],
    [-301010, 'error'],
    [777, 'pending'],
  ])('status %p → %s', (status, outcome) => {
    expect(classifyReturnStatus(status)).toBe(outcome);
  });

  it('a CEB900 is always an error', () => {
    expect(classifyReceipt({ messageType: 'CEB900', returnStatus: 2 })).toBe('error');
    expect(classifyReceipt({ messageType: 'CEB604', returnStatus: 800 })).toBe('released');
  });

  it('maps each request to its receipt', () => {
    expect(RECEIPT_FOR).toEqual({ CEB303: 'CEB304', CEB603: 'CEB604', CEB605: 'CEB606', CEB607: 'CEB608', CEB701: 'CEB702' });
  });
});

describe('buildReceipt → parseReceipt round trip', () => {
  const cases = RECEIPT_KINDS.flatMap((kind) => ALL_STATUSES.map((s) => [kind, s] as const));
  it.each(cases)('%s with returnStatus %p', (kind, status) => {
    const input: ReceiptInput = { guid: GUID, returnStatus: status, returnTime: TIME, returnInfo: `[Code:2600;Desc:${returnStatusLabel(status)}] <&>`, ...EXTRA[kind] };
    const messageGuid = newGuid();
    const { xml, guid } = buildReceipt(kind, input, { messageGuid });
    expect(guid).toBe(messageGuid);
    expect(xml).toContain(`<ceb:${kind}Message guid="${messageGuid}" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">`);
    const r = parseReceipt(xml);
    expect(r).toEqual({
      ...input,
      messageType: kind,
      messageGuid,
      returnDate: new Date('2025-03-15T02:30:00.123Z'),
      outcome: kind === 'CEB900' ? 'error' : classifyReturnStatus(status),
      statusLabel: returnStatusLabel(status),
      fields: expect.any(Object),
    });
    expect(r.fields.returnStatus).toBe(String(status));
  });

  it('formats a Date returnTime in Beijing time with milliseconds', () => {
    const { xml } = buildReceipt('CEB604', { guid: GUID, returnStatus: 120, returnInfo: '', returnTime: new Date('2025-12-31T16:00:00.007Z') });
    const r = parseReceipt(xml);
    expect(r.returnTime).toBe('20260101000000007');
    expect(r.returnInfo).toBe('');
  });

  it('builds several results in one document', () => {
    const { xml } = buildReceipt('CEB604', [
      { guid: GUID, returnStatus: 2, returnTime: TIME, returnInfo: '申报中' },
      { guid: newGuid(), returnStatus: 100, returnTime: TIME, returnInfo: '退单：商品编码与品名不符' },
    ]);
    expect(() => parseReceipt(xml)).toThrow(CebReceiptError);
    const all = parseReceipts(xml);
    expect(all.map((r) => [r.returnStatus, r.outcome])).toEqual([
      [2, 'pending'],
      [100, 'rejected'],
    ]);
  });

  it('refuses fields the receipt kind cannot carry, bad status and bad time', () => {
    expect(() => buildReceipt('CEB304', { guid: GUID, returnStatus: 2, returnInfo: '', invtNo: '23052025E000012345' })).toThrow('不含字段 invtNo');
    expect(() => buildReceipt('CEB304', { guid: GUID, returnStatus: 2.5, returnInfo: '' })).toThrow('整数');
    expect(() => buildReceipt('CEB304', { guid: GUID, returnStatus: 2, returnInfo: '', returnTime: '2025-03-15' })).toThrow('yyyyMMddHHmmssSSS');
    expect(() => buildReceipt('CEB304', { guid: 'x', returnStatus: 2, returnInfo: '' })).toThrow('guid');
  });
});

describe('parseReceipt on documents as customs writes them', () => {
  it('reads a default-namespace CEB604 with fields in another order', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<CEB604Message guid="A1B2C3D4-0000-4000-8000-000000000001" version="1.0" xmlns="http://www.chinaport.gov.cn/ceb" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <InventoryReturn>
    <guid>${GUID}</guid>
    <customsCode>2305</customsCode>
    <ebpCode>3207960JH1</ebpCode>
    <ebcCode>91320722MA1N8K3Q2X</ebcCode>
    <agentCode>3207980B27</agentCode>
    <copNo>JHINV202503150001</copNo>
    <preNo>B20250315000012345</preNo>
    <invtNo>23052025E000012345</invtNo>
    <returnStatus>800</returnStatus>
    <returnTime>20250316091500000</returnTime>
    <returnInfo>[Code:2600;Desc:放行]</returnInfo>
  </InventoryReturn>
</CEB604Message>`;
    const r = parseReceipt(xml);
    expect(r).toMatchObject({
      messageType: 'CEB604',
      guid: GUID,
      returnStatus: 800,
      returnTime: '20250316091500000',
      returnInfo: '[Code:2600;Desc:放行]',
      copNo: 'JHINV202503150001',
      preNo: 'B20250315000012345',
      invtNo: '23052025E000012345',
      outcome: 'released',
      statusLabel: '放行',
    });
  });

  it('reads a CEB792 summary result with decState/opDate and a nested list', () => {
    const xml = `<ceb:CEB792Message guid="A1B2C3D4-0000-4000-8000-000000000002" version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">
  <ceb:SummaryResult>
    <ceb:SummaryResultHead>
      <ceb:guid>${GUID}</ceb:guid>
      <ceb:customsCode>2305</ceb:customsCode>
      <ceb:sumNo>230520250000000123</ceb:sumNo>
      <ceb:opDate>20250402</ceb:opDate>
      <ceb:decState>399</ceb:decState>
    </ceb:SummaryResultHead>
    <ceb:SummaryResultList><ceb:gnum>1</ceb:gnum><ceb:gcode>7116200000</ceb:gcode></ceb:SummaryResultList>
  </ceb:SummaryResult>
</ceb:CEB792Message>`;
    const r = parseReceipt(xml);
    expect(r).toMatchObject({ messageType: 'CEB792', returnStatus: 399, returnTime: '20250402', sumNo: '230520250000000123', outcome: 'accepted', returnInfo: '' });
  });

  it('reads a CEB900 format-error receipt as an error', () => {
    const { xml } = buildReceipt('CEB900', { guid: GUID, returnStatus: -1, returnTime: TIME, returnInfo: '报文格式错误：缺少 ebcCode', oriMessageType: 'CEB603' });
    expect(parseReceipt(xml)).toMatchObject({ messageType: 'CEB900', outcome: 'error', statusLabel: '处理错误', oriMessageType: 'CEB603' });
  });

  it('ignores a trailing signature on a signed receipt', () => {
    const { xml } = buildReceipt('CEB304', { guid: GUID, returnStatus: 120, returnTime: TIME, returnInfo: '' });
    const signed = xml.replace(
      '</ceb:CEB304Message>',
      '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature></ceb:CEB304Message>',
    );
    expect(parseReceipt(signed).returnStatus).toBe(120);
  });
});

describe('malformed or invalid receipts are rejected', () => {
  const good = (): string => buildReceipt('CEB604', { guid: GUID, returnStatus: 120, returnTime: TIME, returnInfo: '入库', ...EXTRA.CEB604 }).xml;

  it.each([
    ['unclosed element', (x: string) => x.replace('</ceb:returnInfo>', '')],
    ['mismatched tag', (x: string) => x.replace('</ceb:returnInfo>', '</ceb:returninfo>')],
    ['bare ampersand', (x: string) => x.replace('入库', 'A & B')],
    ['undeclared prefix', (x: string) => x.replace(' xmlns:ceb="http://www.chinaport.gov.cn/ceb"', '')],
    ['truncated document', (x: string) => x.slice(0, x.length / 2)],
    ['garbage', () => 'HTTP 502 Bad Gateway'],
    ['html error page', () => '<html><body><p>error<br></body></html>'],
  ])('%s → XmlParseError', (_name, mutate) => {
    expect(() => parseReceipt(mutate(good()))).toThrow(XmlParseError);
  });

  it.each([
    ['missing returnStatus', (x: string) => x.replace(/<ceb:returnStatus>.*<\/ceb:returnStatus>/, ''), 'returnStatus'],
    ['non-numeric returnStatus', (x: string) => x.replace('<ceb:returnStatus>120<', '<ceb:returnStatus>OK<'), '不是整数'],
    ['bad returnTime', (x: string) => x.replace(TIME, '2025-03-15 10:30:00'), 'returnTime'],
    ['impossible returnTime', (x: string) => x.replace(TIME, '20250230103000123'), 'returnTime'],
    ['missing returnInfo', (x: string) => x.replace(/<ceb:returnInfo>.*<\/ceb:returnInfo>/, ''), 'returnInfo'],
    ['missing guid', (x: string) => x.replace(/<ceb:guid>.*<\/ceb:guid>/, ''), 'guid'],
    ['bad guid', (x: string) => x.replace(`<ceb:guid>${GUID}`, '<ceb:guid>123'), 'guid'],
    ['duplicated field', (x: string) => x.replace('<ceb:returnInfo>', '<ceb:returnStatus>100</ceb:returnStatus><ceb:returnInfo>'), '重复'],
    ['wrong namespace', (x: string) => x.replace('http://www.chinaport.gov.cn/ceb', 'http://example.com/ceb'), '命名空间'],
    ['a request, not a receipt', (x: string) => x.replace(/CEB604Message/g, 'CEB603Message'), '不是支持的回执报文'],
    ['wrong return element', (x: string) => x.replace(/InventoryReturn/g, 'OrderReturn'), '未预期的元素'],
    ['no return element', (x: string) => x.replace(/<ceb:InventoryReturn>[\s\S]*<\/ceb:InventoryReturn>/, ''), '没有'],
    ['missing envelope guid', (x: string) => x.replace(/ guid="[^"]*"/, ''), 'guid'],
  ])('%s → CebReceiptError', (_name, mutate, msg) => {
    const xml = mutate(good());
    expect(() => parseReceipt(xml)).toThrow(CebReceiptError);
    expect(() => parseReceipt(xml)).toThrow(msg);
  });
});
