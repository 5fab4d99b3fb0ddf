import type { FieldSpec, FileSlot, KindDefinition, StateSpec, TransitionSpec } from './types';

/**
 * 跨境申报 (D2–D6): five applications done in this order, each with the same life cycle.
 * The platform receives the materials, does the filing with customs / 电子口岸 and records the result.
 */
const STATES: Record<string, StateSpec> = {
  filling: { label: '材料填报', owner: 'merchant', editable: true },
  submitted: { label: '待受理', owner: 'platform' },
  processing: { label: '办理中', owner: 'platform' },
  completed: { label: '已办结', owner: 'none', terminal: true, success: true },
  returned: { label: '退回补正', owner: 'merchant', editable: true },
  rejected: { label: '已驳回', owner: 'none', terminal: true },
};

const TRANSITIONS: TransitionSpec[] = [
  { from: ['filling', 'returned'], to: 'submitted', by: 'merchant', label: '提交申请', validates: true },
  { from: ['submitted'], to: 'processing', by: 'platform', label: '受理，开始办理' },
  { from: ['processing'], to: 'completed', by: 'platform', label: '办结' },
  { from: ['submitted', 'processing'], to: 'returned', by: 'platform', label: '退回补正', noteRequired: true },
  { from: ['submitted', 'processing'], to: 'rejected', by: 'platform', label: '驳回申请', noteRequired: true },
];

const company: FieldSpec[] = [
  { path: 'companyName', label: '企业名称', type: 'text', required: true, prefillFrom: 'nameCn' },
  { path: 'creditCode', label: '统一社会信用代码', type: 'creditCode', required: true, prefillFrom: 'creditCode' },
];
const contact: FieldSpec[] = [
  { path: 'contactName', label: '联系人', type: 'text', required: true, prefillFrom: 'contactName' },
  { path: 'contactPhone', label: '联系电话', type: 'phone', required: true, prefillFrom: 'contactPhone' },
];
const form = (label: string): FileSlot => ({ key: 'application_form', label, required: true, hint: '下载模板，填写后签字盖章，拍照或扫描上传' });

function filingKind(spec: {
  kind: string;
  label: string;
  description: string;
  order: number;
  prefix: string;
  fields: FieldSpec[];
  fileSlots: FileSlot[];
  prerequisites: string[];
}): KindDefinition {
  return {
    ...spec,
    module: 'filing',
    initial: 'filling',
    states: STATES,
    steps: ['filling', 'submitted', 'processing', 'completed'],
    transitions: TRANSITIONS,
    requiresRegistration: true,
    webLink: () => `/filing/${spec.kind}`,
    mpPath: (id) => `packageFiling/pages/detail/index?kind=${spec.kind}&id=${id}`,
  };
}

export const FILING_KINDS: KindDefinition[] = [
  filingKind({
    kind: 'customs-registration',
    label: '海关企业注册登记',
    description: '向海关办理进出口货物收发货人备案，取得海关编码后才能以自己的名义报关出口。约 3–5 个工作日。',
    order: 1,
    prefix: 'CR',
    fields: [
      ...company,
      { path: 'companyNameEn', label: '企业英文名称', type: 'text', required: true, prefillFrom: 'nameEn' },
      { path: 'registeredAddress', label: '注册地址', type: 'textarea', required: true, prefillFrom: 'addressCn' },
      { path: 'addressEn', label: '英文地址', type: 'textarea', required: false, prefillFrom: 'addressEn' },
      { path: 'legalPersonName', label: '法定代表人', type: 'text', required: true, prefillFrom: 'legalPersonName', alsoFrom: ['legalPerson.name'] },
      {
        path: 'customsOffice',
        label: '所在地海关',
        type: 'select',
        required: true,
        options: [
          { value: 'lianyungang', label: '连云港海关' },
          { value: 'xuzhou', label: '徐州海关' },
          { value: 'nanjing', label: '南京海关' },
        ],
      },
      {
        path: 'filingType',
        label: '备案类别',
        type: 'select',
        required: true,
        options: [
          { value: 'consignor', label: '进出口货物收发货人' },
          { value: 'broker', label: '报关企业' },
        ],
      },
      ...contact,
    ],
    fileSlots: [
      { key: 'business_licence', label: '营业执照', required: true },
      { key: 'id_card_front', label: '法人身份证人像面', required: true },
      form('报关单位备案信息表（签章）'),
    ],
    prerequisites: [],
  }),
  filingKind({
    kind: 'eport-card',
    label: '电子口岸卡',
    description: '办理中国电子口岸法人卡/操作员卡（IC 卡），用于登录单一窗口、申报与签名。约 5–7 个工作日，制卡后寄送。',
    order: 2,
    prefix: 'EC',
    fields: [
      ...company,
      { path: 'customsCode', label: '海关编码（10 位）', type: 'customsCode', required: true },
      {
        path: 'cardType',
        label: '申请卡类型',
        type: 'select',
        required: true,
        options: [
          { value: 'legal', label: '法人卡' },
          { value: 'operator', label: '操作员卡' },
        ],
      },
      { path: 'holderName', label: '持卡人姓名', type: 'text', required: true, prefillFrom: 'legalPersonName' },
      { path: 'holderIdNumber', label: '持卡人身份证号', type: 'idNumber', required: true, alsoFrom: ['legalPerson.idNumber'] },
      { path: 'holderPhone', label: '持卡人手机号', type: 'phone', required: true, alsoFrom: ['legalPerson.phone'], prefillFrom: 'contactPhone' },
    ],
    fileSlots: [
      { key: 'id_card_front', label: '持卡人身份证人像面', required: true },
      { key: 'id_card_back', label: '持卡人身份证国徽面', required: true },
      form('中国电子口岸企业情况登记表（签章）'),
    ],
    prerequisites: ['customs-registration'],
  }),
  filingKind({
    kind: 'dxp-id',
    label: 'DXP ID 申请',
    description: '申请海关数据交换平台（DXP）接入身份，跨境电商清单与总分单报文通过它发送。约 3 个工作日。',
    order: 3,
    prefix: 'DX',
    fields: [
      ...company,
      { path: 'customsCode', label: '海关编码（10 位）', type: 'customsCode', required: true },
      { path: 'eportCardNo', label: '电子口岸卡号', type: 'text', required: true },
      {
        path: 'accessMode',
        label: '接入方式',
        type: 'select',
        required: true,
        options: [
          { value: 'platform', label: '由晶贸通平台代为接入（推荐）' },
          { value: 'client', label: '企业自建客户端接入' },
        ],
      },
      { path: 'techContactName', label: '技术联系人', type: 'text', required: true, prefillFrom: 'contactName' },
      { path: 'techContactPhone', label: '技术联系人电话', type: 'phone', required: true, prefillFrom: 'contactPhone' },
    ],
    fileSlots: [form('DXP 接入申请表（签章）'), { key: 'commitment_letter', label: 'DXP 接入承诺书（签章）', required: true }],
    prerequisites: ['eport-card'],
  }),
  filingKind({
    kind: 'cloud-signature',
    label: '云加签申请',
    description: '开通报文云加签服务：报文由平台使用企业授权的电子口岸卡证书在云端加签，无需插卡。约 2 个工作日。',
    order: 4,
    prefix: 'CS',
    fields: [
      ...company,
      { path: 'eportCardNo', label: '电子口岸卡号', type: 'text', required: true },
      { path: 'signerName', label: '授权人姓名', type: 'text', required: true, prefillFrom: 'legalPersonName' },
      { path: 'signerPhone', label: '授权人手机号', type: 'phone', required: true, alsoFrom: ['holderPhone', 'legalPerson.phone'], prefillFrom: 'contactPhone' },
    ],
    fileSlots: [form('跨境电商云加签服务申请表（签章）'), { key: 'authorization_letter', label: '云加签授权委托书（签章）', required: true }],
    prerequisites: ['dxp-id'],
  }),
  filingKind({
    kind: 'enterprise-filing',
    label: '企业备案',
    description: '在跨境电商通关服务平台完成企业信息登记（9610 出口备案），备案后即可开始申报出口。约 3 个工作日。',
    order: 5,
    prefix: 'EF',
    fields: [
      ...company,
      { path: 'customsCode', label: '海关编码（10 位）', type: 'customsCode', required: true },
      {
        path: 'enterpriseRole',
        label: '企业类型',
        type: 'select',
        required: true,
        options: [
          { value: 'ecommerce', label: '电商企业' },
          { value: 'platform', label: '电商平台企业' },
          { value: 'logistics', label: '物流企业' },
        ],
      },
      { path: 'salesPlatforms', label: '销售平台 / 店铺', type: 'textarea', required: true, placeholder: '如：TikTok Shop 美区店铺 CrystalDonghai；Amazon 美国站' },
      ...contact,
    ],
    fileSlots: [form('跨境电子商务企业信息登记表（签章）'), { key: 'commitment_letter', label: '企业备案承诺书（签章）', required: true }],
    prerequisites: ['cloud-signature'],
  }),
];
