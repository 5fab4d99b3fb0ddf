import { renderDocx } from './docx';
import { FORMS } from './forms';
import { renderPdf } from './pdf';
import { normalizeFill } from './text';
import type { MerchantFill, TemplateFormat, TemplateInfo } from './types';
import { renderXlsx } from './xlsx';

/**
 * Downloadable application templates (申请书、登记表、承诺书), generated on the server as real .docx,
 * .xlsx and .pdf files and pre-filled with what the platform knows about the merchant.
 * Keys are stable: the API (`GET /api/applications/templates/:kind/:template`) and the front ends use them.
 */

export type { MerchantFill, TemplateFormat, TemplateInfo } from './types';

export const CONTENT_TYPES: Record<TemplateFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const t = (kind: string, key: string, label: string, format: TemplateFormat): TemplateInfo => ({ kind, key, label, format });

/** Templates by application kind, in the order they are offered. */
export const TEMPLATES: Record<string, TemplateInfo[]> = {
  'business-registration': [
    t('business-registration', 'company-application', '公司登记（备案）申请书', 'docx'),
    t('business-registration', 'individual-application', '个体工商户登记（备案）申请书', 'docx'),
  ],
  'customs-registration': [
    t('customs-registration', 'customs-filing-form', '报关单位备案信息表', 'docx'),
    t('customs-registration', 'customs-staff-list', '报关人员情况登记表', 'xlsx'),
  ],
  'eport-card': [t('eport-card', 'eport-enterprise-form', '中国电子口岸企业情况登记表', 'docx'), t('eport-card', 'eport-card-form', '中国电子口岸企业IC卡登记表', 'xlsx')],
  'dxp-id': [t('dxp-id', 'dxp-access-form', '数据交换平台（DXP）接入申请表', 'xlsx'), t('dxp-id', 'dxp-commitment', 'DXP 接入承诺书', 'pdf')],
  'cloud-signature': [
    t('cloud-signature', 'cloud-signature-form', '跨境电商云加签服务申请表', 'docx'),
    t('cloud-signature', 'cloud-signature-authorization', '云加签授权委托书', 'pdf'),
  ],
  'enterprise-filing': [
    t('enterprise-filing', 'enterprise-filing-form', '跨境电子商务企业信息登记表', 'xlsx'),
    t('enterprise-filing', 'enterprise-filing-commitment', '企业备案承诺书', 'pdf'),
  ],
};

/** The templates offered for a kind (copies; an unknown kind has none). */
export function templatesFor(kind: string): TemplateInfo[] {
  return Object.hasOwn(TEMPLATES, kind) ? TEMPLATES[kind].map((info) => ({ ...info })) : [];
}

export class TemplateNotFoundError extends Error {
  readonly code = 'TEMPLATE_NOT_FOUND';
  readonly status = 404;
  constructor(
    readonly kind: string,
    readonly key: string,
  ) {
    super(`No template "${key}" for application kind "${kind}"`);
    this.name = 'TemplateNotFoundError';
  }
}

/**
 * Renders one template filled with the merchant's data. `filename` is the Chinese label plus the
 * extension, unencoded (the caller puts it in Content-Disposition per RFC 5987).
 * Throws TemplateNotFoundError (`code: 'TEMPLATE_NOT_FOUND'`) for an unknown kind or key.
 */
export async function renderTemplate(kind: string, key: string, fill: MerchantFill): Promise<{ buffer: Buffer; filename: string; contentType: string }> {
  const info = Object.hasOwn(TEMPLATES, kind) ? TEMPLATES[kind].find((i) => i.key === key) : undefined;
  const build = info && Object.hasOwn(FORMS, kind) && Object.hasOwn(FORMS[kind], key) ? FORMS[kind][key] : undefined;
  if (!info || !build) throw new TemplateNotFoundError(kind, key);

  const doc = build(normalizeFill(fill));
  const now = new Date();
  const buffer = info.format === 'docx' ? await renderDocx(doc, now) : info.format === 'xlsx' ? await renderXlsx(doc, now) : renderPdf(doc, now);
  return { buffer, filename: `${info.label}.${info.format}`, contentType: CONTENT_TYPES[info.format] };
}
