/**
 * Tax-refund content types. The refund itself is a workflow application (kind `tax-refund`); this plugin keeps
 * the HS-code refund-rate table staff edit, the daily return-message uploads and what each return said.
 */
import { tenancy } from '@jmt/plugin-kit';

const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

function type(collectionName: string, singularName: string, pluralName: string, displayName: string, owner: Record<string, unknown>, attributes: Record<string, unknown>) {
  return {
    schema: {
      kind: 'collectionType',
      collectionName,
      info: { singularName, pluralName, displayName },
      options: { draftAndPublish: false },
      pluginOptions: { ...hidden, ...owner },
      attributes,
    },
  };
}

export default {
  'refund-rate': type('taxrefund_rates', 'refund-rate', 'refund-rates', '出口退税率 Refund rate', tenancy.publicRead({ staffWrite: ['taxrefund.rates'] }), {
    /** An HS code or a prefix of one (4–10 digits); the longest prefix effective on a date wins. */
    hsCode: { type: 'string', required: true, maxLength: 10 },
    description: { type: 'string', required: true, maxLength: 200 },
    /** Percent, e.g. "13" or "9". */
    rate: { type: 'string', required: true, maxLength: 6 },
    effectiveFrom: { type: 'string', required: true, maxLength: 10 },
    effectiveTo: { type: 'string', maxLength: 10 },
    note: { type: 'text' },
  }),
  'return-upload': type(
    'taxrefund_return_uploads',
    'return-upload',
    'return-uploads',
    '退税回执上传 Return upload',
    tenancy.platform({ staffRead: ['taxrefund.process'], staffWrite: ['taxrefund.process'] }),
    {
      /** Beijing date: one upload a day. */
      date: { type: 'string', required: true, unique: true, maxLength: 10 },
      fileName: { type: 'string', maxLength: 255 },
      total: { type: 'integer' },
      applied: { type: 'integer' },
      uploadedBy: { type: 'string', maxLength: 100 },
      rows: { type: 'json' },
    },
  ),
  'return-record': type(
    'taxrefund_return_records',
    'return-record',
    'return-records',
    '退税回执 Return record',
    tenancy.merchant({ merchantColumn: 'merchantId', staffWrite: ['taxrefund.process'] }),
    {
      merchantId: { type: 'integer', required: true },
      applicationId: { type: 'integer', required: true },
      uploadId: { type: 'integer' },
      date: { type: 'string', required: true, maxLength: 10 },
      status: { type: 'string', required: true, maxLength: 20 },
      amount: { type: 'string', maxLength: 20 },
      message: { type: 'text' },
    },
  ),
};
