import type { ApiClient } from '../../src/services/api';
import { fetchMerchant, profileForm, profileRows, saveSettlementProfile, validateSettlementProfile } from '../../src/services/merchant';

function fakeClient(answer: unknown) {
  const calls: Array<{ method: string; path: string; body?: unknown }> = [];
  const client = {
    request: jest.fn(),
    get: jest.fn((path: string) => {
      calls.push({ method: 'GET', path });
      return Promise.resolve(answer);
    }),
    post: jest.fn(),
    put: jest.fn((path: string, body: unknown) => {
      calls.push({ method: 'PUT', path, body });
      return Promise.resolve(answer);
    }),
    del: jest.fn(),
  } as unknown as ApiClient;
  return { client, calls };
}

const merchant = {
  documentId: 'm1',
  nameCn: '东海县晶华水晶饰品有限公司',
  fxSubAccount: '32050161000000001234',
  settlementCardNo: null,
  settlementBankName: '中国建设银行东海支行',
};

describe('services/merchant: 我的 → 结汇账户', () => {
  it('reads GET /api/merchants/:documentId and saves the three fields with PUT { data } (trimmed, empty → null)', async () => {
    const { client, calls } = fakeClient({ data: merchant });
    expect(await fetchMerchant('m1', client)).toEqual(merchant);
    await saveSettlementProfile('m1', { fxSubAccount: ' 3205 0161 0000 0000 1234 ', settlementCardNo: '6217 0012 3456 7890', settlementBankName: '' }, client);
    expect(calls).toEqual([
      { method: 'GET', path: '/api/merchants/m1' },
      { method: 'PUT', path: '/api/merchants/m1', body: { data: { fxSubAccount: '32050161000000001234', settlementCardNo: '6217001234567890', settlementBankName: null } } },
    ]);
  });

  it('rows and form', () => {
    expect(profileRows(merchant)).toEqual([
      { key: 'fxSubAccount', label: '外汇子账户（美元）', value: '32050161000000001234', empty: false },
      { key: 'settlementCardNo', label: '结汇银行卡号（人民币）', value: '未填写', empty: true },
      { key: 'settlementBankName', label: '开户行', value: '中国建设银行东海支行', empty: false },
    ]);
    expect(profileForm(merchant)).toEqual({ fxSubAccount: '32050161000000001234', settlementCardNo: '', settlementBankName: '中国建设银行东海支行' });
    expect(profileForm(null)).toEqual({ fxSubAccount: '', settlementCardNo: '', settlementBankName: '' });
  });

  it('validates like the server: sub-account 6–40 letters/digits/dashes, card 12–30 digits, bank ≤ 100', () => {
    expect(validateSettlementProfile({ fxSubAccount: 'AB-123', settlementCardNo: '6217 0012 3456', settlementBankName: '建行' })).toEqual({});
    expect(validateSettlementProfile({ fxSubAccount: '', settlementCardNo: '', settlementBankName: '' })).toEqual({});
    expect(validateSettlementProfile({ fxSubAccount: '子账号123456', settlementCardNo: '6217-0012-3456', settlementBankName: '行'.repeat(101) })).toEqual({
      fxSubAccount: '外汇子账户只能包含数字、字母和短横线（6–40 位）',
      settlementCardNo: '结汇银行卡号应为 12–30 位数字',
      settlementBankName: '开户行不能超过100个字符',
    });
    expect(validateSettlementProfile({ fxSubAccount: '12345', settlementCardNo: '62170012345', settlementBankName: '' })).toMatchObject({
      fxSubAccount: expect.any(String),
      settlementCardNo: expect.any(String),
    });
    expect(validateSettlementProfile({ fxSubAccount: '1'.repeat(41), settlementCardNo: '', settlementBankName: '' }).fxSubAccount).toBeTruthy();
  });
});
