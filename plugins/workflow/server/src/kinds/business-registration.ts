import type { KindDefinition, MissingItem } from './types';

const NEW = { path: 'path', in: ['new'] };
const EXISTING = { path: 'path', in: ['existing'] };
const COMPANY_NEW = [NEW, { path: 'entityType', in: ['company'] }];

/** registrationStatus values the merchant record mirrors (drives the home unlock, G8). */
const MERCHANT_STATUS: Record<string, string> = {
  filling: 'filling',
  initial_review: 'initial_review',
  onsite_check: 'onsite_check',
  approved: 'approved',
  returned: 'returned',
  rejected: 'rejected',
};

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** 工商注册 (R1–R4): a new 个体工商户 / 有限公司, or an existing one supplementing its certificates. */
export const businessRegistration: KindDefinition = {
  kind: 'business-registration',
  module: 'registration',
  label: '工商注册',
  description: '在线办理个体工商户或有限公司注册；已有营业执照的商户上传执照、法人身份证和开户许可证完成认证。',
  order: 0,
  prefix: 'BR',
  initial: 'filling',
  states: {
    filling: { label: '材料填报', owner: 'merchant', editable: true },
    initial_review: { label: '材料初审', owner: 'platform' },
    onsite_check: { label: '现场核验', owner: 'platform' },
    approved: { label: '核准通过', owner: 'none', terminal: true, success: true },
    returned: { label: '退回补正', owner: 'merchant', editable: true },
    rejected: { label: '已驳回', owner: 'none', terminal: true },
  },
  steps: ['filling', 'initial_review', 'onsite_check', 'approved'],
  transitions: [
    { from: ['filling', 'returned'], to: 'initial_review', by: 'merchant', label: '提交审核', validates: true },
    { from: ['initial_review'], to: 'onsite_check', by: 'platform', label: '初审通过，安排现场核验' },
    { from: ['onsite_check'], to: 'approved', by: 'platform', label: '核验通过，核准' },
    { from: ['initial_review', 'onsite_check'], to: 'returned', by: 'platform', label: '退回补正', noteRequired: true },
    { from: ['initial_review', 'onsite_check'], to: 'rejected', by: 'platform', label: '驳回申请', noteRequired: true },
  ],
  fields: [
    {
      path: 'path',
      label: '办理方式',
      type: 'select',
      required: true,
      options: [
        { value: 'new', label: '新办注册' },
        { value: 'existing', label: '已有营业执照' },
      ],
    },
    {
      path: 'entityType',
      label: '主体类型',
      type: 'select',
      required: true,
      prefillFrom: 'type',
      options: [
        { value: 'individual', label: '个体工商户' },
        { value: 'company', label: '有限公司' },
      ],
    },
    { path: 'nameOptions.0', label: '拟用名称（首选）', type: 'text', required: true, when: NEW, placeholder: '东海县××水晶饰品有限公司' },
    { path: 'nameOptions.1', label: '拟用名称（备选一）', type: 'text', required: false, when: NEW },
    { path: 'nameOptions.2', label: '拟用名称（备选二）', type: 'text', required: false, when: NEW },
    { path: 'companyName', label: '企业名称', type: 'text', required: true, when: EXISTING, prefillFrom: 'nameCn' },
    { path: 'creditCode', label: '统一社会信用代码', type: 'creditCode', required: true, when: EXISTING, prefillFrom: 'creditCode' },
    { path: 'registeredAddress', label: '注册地址', type: 'textarea', required: true, prefillFrom: 'addressCn', placeholder: '江苏省连云港市东海县牛山街道水晶大道 88 号' },
    { path: 'businessScope', label: '经营范围', type: 'textarea', required: true, when: NEW, placeholder: '水晶饰品、工艺品销售；货物进出口；技术进出口' },
    { path: 'registeredCapital', label: '注册资本（万元）', type: 'decimal', required: true, when: COMPANY_NEW },
    { path: 'legalPerson.name', label: '法定代表人 / 经营者姓名', type: 'text', required: true, prefillFrom: 'legalPersonName' },
    { path: 'legalPerson.idNumber', label: '法定代表人身份证号', type: 'idNumber', required: true, alsoFrom: ['holderIdNumber'] },
    { path: 'legalPerson.phone', label: '法定代表人手机号', type: 'phone', required: true, alsoFrom: ['holderPhone'] },
    { path: 'contact.name', label: '联系人', type: 'text', required: true, prefillFrom: 'contactName' },
    { path: 'contact.phone', label: '联系人手机号', type: 'phone', required: true, prefillFrom: 'contactPhone' },
  ],
  fileSlots: [
    { key: 'business_licence', label: '营业执照', required: true, when: EXISTING, hint: '正本或副本的清晰照片/扫描件' },
    { key: 'id_card_front', label: '法人身份证人像面', required: true },
    { key: 'id_card_back', label: '法人身份证国徽面', required: true },
    { key: 'bank_permit', label: '银行开户许可证', required: true, when: EXISTING, hint: '或基本存款账户信息表' },
    { key: 'lease_contract', label: '经营场所证明', required: false, when: NEW, hint: '租赁合同或房产证明，现场核验时需原件' },
  ],
  prerequisites: [],
  requiresRegistration: false,
  validate(data) {
    const missing: MissingItem[] = [];
    if (str(data.path) === 'new' && str(data.entityType) === 'company') {
      const holders = Array.isArray(data.shareholders) ? (data.shareholders as Record<string, unknown>[]) : [];
      if (holders.length === 0) missing.push({ field: 'shareholders', label: '股东信息', reason: 'required' });
      let total = 0;
      holders.forEach((holder, i) => {
        if (!str(holder.name)) missing.push({ field: `shareholders.${i}.name`, label: `股东 ${i + 1} 姓名`, reason: 'required' });
        const ratio = Number(str(holder.ratio));
        if (!(ratio > 0 && ratio <= 100)) missing.push({ field: `shareholders.${i}.ratio`, label: `股东 ${i + 1} 出资比例`, reason: 'invalid' });
        else total += Math.round(ratio * 100);
      });
      if (holders.length > 0 && total !== 10000) missing.push({ field: 'shareholders', label: '股东出资比例合计须为 100%', reason: 'invalid' });
    }
    return missing;
  },
  async onEnter(ctx, effects) {
    const fields: Record<string, unknown> = { registrationStatus: MERCHANT_STATUS[ctx.to] };
    if (ctx.to === 'approved') Object.assign(fields, registeredMerchantFields(ctx.data));
    await effects.updateMerchant(ctx.merchantId, fields);
  },
  webLink: () => '/registration',
  mpPath: (id) => `packageRegistration/pages/index/index?id=${id}`,
};

/** What an approved registration makes true about the merchant (the platform keeps it from then on). */
export function registeredMerchantFields(data: Record<string, unknown>): Record<string, unknown> {
  const legal = (data.legalPerson ?? {}) as Record<string, unknown>;
  const contact = (data.contact ?? {}) as Record<string, unknown>;
  const names = Array.isArray(data.nameOptions) ? (data.nameOptions as unknown[]).map(str).filter(Boolean) : [];
  const nameCn = str(data.path) === 'existing' ? str(data.companyName) : (names[0] ?? '');
  const fields: Record<string, unknown> = {};
  if (nameCn) fields.nameCn = nameCn;
  if (str(data.entityType) === 'individual' || str(data.entityType) === 'company') fields.type = str(data.entityType);
  if (str(data.creditCode)) fields.creditCode = str(data.creditCode).toUpperCase();
  if (str(data.registeredAddress)) fields.addressCn = str(data.registeredAddress);
  if (str(legal.name)) fields.legalPersonName = str(legal.name);
  if (str(contact.name)) fields.contactName = str(contact.name);
  if (str(contact.phone)) fields.contactPhone = str(contact.phone);
  return fields;
}
