import SwaggerParser from '@apidevtools/swagger-parser';
import { customs, customsRoutes, openApiDocument, ERROR_STATUS } from '../src';

const errorsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('customs bodies', () => {
  it('accept a batch as the merchant fills it, trimmed and upper-cased where customs wants codes', () => {
    const r = customs.batchInput.safeParse({
      name: '  11月 TikTok 美国站 第3批 ',
      logisticsCode: '3207980YT1',
      logisticsName: '顺丰国际标快',
      country: 502,
      parcelWeight: '0.600',
    });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ name: '11月 TikTok 美国站 第3批', country: '502', parcelWeight: '0.600' });
    expect(r.data?.tradeMode).toBeUndefined();
  });

  it('refuse every bad field at once, each with the message the server always answered', () => {
    const r = customs.batchInput.safeParse({
      name: '',
      tradeMode: '1039',
      statisticsFlag: 'C',
      logisticsCode: 'yt-1',
      logisticsName: 'x'.repeat(101),
      country: 'US',
      trafMode: 'air',
      wrapType: '纸箱',
      parcelWeight: '0.1234',
      note: { a: 1 },
    });
    expect(errorsOf(r)).toEqual([
      ['name', '请填写批次名称'],
      ['tradeMode', '贸易方式应为 9610、9710、9810 或 1210'],
      ['statisticsFlag', '申报方式应为 A（简化申报）或 B（汇总申报，可退税）'],
      ['logisticsCode', '物流企业代码应为大写字母和数字'],
      ['logisticsName', '物流企业名称不能超过100个字符'],
      ['country', '运抵国应为3位海关国别代码，如 502（美国）'],
      ['trafMode', '运输方式不能超过1个字符'],
      ['trafMode', '运输方式应为1位海关代码，如 5（航空运输）'],
      ['wrapType', '包装种类应为1-2位海关代码，如 22（纸箱）'],
      ['parcelWeight', '每票毛重应为大于 0 的数字（千克，最多3位小数）'],
      ['note', '备注格式不正确'],
    ]);
  });

  it('a waybill needs its numbers in plain characters', () => {
    expect(errorsOf(customs.waybillInput.safeParse({ billNo: '784 12345675', trafName: 'CA1234' }))).toEqual([
      ['billNo', '只能填写字母、数字或符号，不含空格和中文'],
      ['voyageNo', '请填写航班航次号'],
    ]);
  });
});

describe('the OpenAPI document', () => {
  const messages = Object.fromEntries(Object.keys(ERROR_STATUS).map((code) => [code, `${code} 的中文说明`]));

  it('is valid OpenAPI 3.1 (checked by a third-party validator)', async () => {
    const doc = openApiDocument({ routes: customsRoutes, messages, version: '2.0.0' });
    // Throws with every schema violation listed when the document is not valid.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(Object.keys(doc.paths as object)).toContain('/api/customs/batches/{id}');
  });

  it('lists every error code a route can answer, with its message, under its status', () => {
    const doc = openApiDocument({ routes: customsRoutes, messages, version: '2.0.0' }) as any;
    const create = doc.paths['/api/customs/batches'].post;
    expect(create.responses['201']).toBeDefined();
    expect(create.responses['400']['x-error-codes']).toEqual(['VALIDATION_FAILED']);
    expect(create.responses['403']['x-error-codes']).toEqual(expect.arrayContaining(['MEMBER_READ_ONLY', 'MODULE_LOCKED']));
    expect(create.responses['409'].description).toContain('CUSTOMS_CONFIG_MISSING');
    expect(create.requestBody.content['application/json'].example).toMatchObject({ logisticsCode: '3207980YT1' });
  });

  it('refuses an error code without a status or a message', () => {
    const broken = [{ ...customsRoutes[0], errors: ['NO_SUCH_CODE'] }];
    expect(() => openApiDocument({ routes: broken, messages, version: '2.0.0' })).toThrow(/NO_SUCH_CODE/);
  });
});
