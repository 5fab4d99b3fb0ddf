/**
 * The mini-program checks its forms with the shared contracts, shipped as one bundle of their form entry
 * (tools/build.mjs: @jmt/contracts/forms, tree-shaken from the package's ES modules →
 * dist/miniprogram_npm/@jmt/contracts/forms/index.js). zod/mini has BigInt schemas and dozens of locales the forms
 * never use: the bundle must leave them out, run where BigInt does not exist (older iOS WeChat engines) and stay
 * small in the main package (miniprogram_npm counts there).
 */
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { createContext, runInContext } from 'vm';
import type * as Forms from '@jmt/contracts/forms';

const BUNDLE = join(__dirname, '../../dist/miniprogram_npm/@jmt/contracts/forms/index.js');

function loadWithoutBigInt(): typeof Forms {
  const module = { exports: {} as typeof Forms };
  // A fresh realm: only the ES2017 built-ins, with BigInt removed, and no require() to reach anything else.
  const context = createContext({ module, exports: module.exports });
  runInContext('delete globalThis.BigInt; delete globalThis.BigInt64Array; delete globalThis.BigUint64Array;', context);
  runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: BUNDLE });
  return module.exports;
}

describe('@jmt/contracts/forms as the mini-program ships it', () => {
  it('runs without BigInt and without require(), answering in the contracts’ words', () => {
    const c = loadWithoutBigInt();
    expect(c.checkForm(c.invitations.inviteInput, { phone: '12345678901', role: 'member' })).toEqual({
      ok: false,
      errors: [{ field: 'phone', message: '请输入正确的中国大陆手机号（11 位，以 1 开头）' }],
    });
    expect(c.checkForm(c.invitations.inviteInput, { phone: '13912345678', role: 'admin' })).toEqual({ ok: true, value: { phone: '13912345678', role: 'admin' } });
    expect(c.firstProblem(c.fx.settlementInput.shape.amount, '1.234')).toBe('结汇金额最多 2 位小数');
    expect(c.fx.settlementInput.shape.rate.safeParse('7.1').data).toBe('7.1000');
    expect(c.firstProblem(c.customs.waybillInput.shape.billNo, '784 1')).toBe('只能填写字母、数字或符号，不含空格和中文');
    expect(c.firstProblem(c.cms.smsLoginInput.shape.code, '1234')).toBe('请输入 6 位数字验证码');
    expect(c.checkForm(c.taxrefund.estimateQuery, { hsCode: '7116.20', enterpriseType: 'trading', purchaseAmount: '72000' }).ok).toBe(true);
  });

  it('leaves out zod’s BigInt schemas, its locales and the OpenAPI generator; small for the main package', () => {
    const code = readFileSync(BUNDLE, 'utf8');
    expect(code).not.toMatch(/\bBigInt\b/);
    // zod's own English / other-language messages (its locales) are not there: only the contracts' Chinese ones.
    expect(code).not.toMatch(/Invalid input: expected/);
    expect(code).not.toContain('openapi');
    expect(code).toContain('请输入正确的中国大陆手机号（11 位，以 1 开头）');
    expect(statSync(BUNDLE).size).toBeLessThan(256 * 1024);
  });

  it('is what the app imports', () => {
    // WeChat's typings declare their own require() without resolve; jest's has it and applies moduleNameMapper.
    expect((require as unknown as NodeJS.Require).resolve('@jmt/contracts/forms')).toBe(BUNDLE);
  });
});
