/**
 * The 我的 fields a settlement quotes (外汇子账户, 结汇银行卡号, 开户行) are edited through the ordinary merchant
 * route. Balance uploads find the merchant by sub-account number, so a number may belong to one merchant only
 * and must look like one: a Document Service write guard (the kit's) normalises and checks them on every write.
 */
import type { Core } from '@strapi/strapi';
import { firstProblem, fx as contract } from '@jmt/contracts';
import { guardDocumentWrites, system } from '@jmt/plugin-kit';
import { host } from '../host';
import { UID } from './db';

const { merchantFxFields, withoutSpaces } = contract;

export function guardMerchantFields(strapi: Core.Strapi): void {
  guardDocumentWrites(strapi, UID.merchant, async (data, { documentId }) => {
    const fail = (code: string, field: string, message: string) => host(strapi).error(code, code === 'FX_SUB_ACCOUNT_TAKEN' ? 409 : 400, { field, errors: [{ field, message }] });
    if (typeof data.fxSubAccount === 'string') {
      const value = withoutSpaces(data.fxSubAccount);
      const problem = value ? firstProblem(merchantFxFields.fxSubAccount, value) : null;
      if (problem) throw fail('FX_FIELD_INVALID', 'fxSubAccount', problem);
      if (value) {
        // Across all merchants (the number must be unique): system work, answering only "taken" or not.
        const other = await system(strapi)
          .table(UID.merchant)
          .findOne({ where: { fxSubAccount: value, ...(documentId ? { documentId: { $ne: documentId } } : {}) }, select: ['id'] });
        if (other) throw fail('FX_SUB_ACCOUNT_TAKEN', 'fxSubAccount', '该外汇子账号已被其他商户登记');
      }
      data.fxSubAccount = value || null;
    }
    if (typeof data.settlementCardNo === 'string') {
      const value = withoutSpaces(data.settlementCardNo);
      const problem = value ? firstProblem(merchantFxFields.settlementCardNo, value) : null;
      if (problem) throw fail('FX_FIELD_INVALID', 'settlementCardNo', problem);
      data.settlementCardNo = value || null;
    }
    if (typeof data.settlementBankName === 'string') data.settlementBankName = data.settlementBankName.trim() || null;
  });
}
