import { blank, ENTERPRISE_TYPES, type Merchant } from './text';
import type { Block, DeclarationRow, FieldRow, FormDoc, Inline, SectionRow, TableRow } from './types';

/**
 * The wording of every template, modelled on the paper forms the offices hand out
 * (市场监管 登记申请书, 海关 报关单位备案信息表, 中国电子口岸 登记表 …). Values the platform
 * knows are filled in; everything else stays blank for the merchant to write by hand.
 */

const field = (label: string, value?: string | null, more: Partial<FieldRow> = {}): FieldRow => ({ kind: 'field', label, value, ...more });
const choice = (label: string, choices: readonly string[], selected?: string | null): FieldRow => ({ kind: 'field', label, choices, selected });
const section = (title: string): SectionRow => ({ kind: 'section', title });
const declaration = (text: string, signatures: Inline[][]): DeclarationRow => ({ kind: 'declaration', text, signatures });

const DATE: Inline[] = ['日期：____年__月__日'];
const SIGN_COMPANY: Inline[][] = [['法定代表人（签字）：________________'], ['企业（盖章）：'], DATE];

const CUSTOMS_OFFICES = ['连云港海关', '徐州海关', '南京海关'] as const;
const ECOMMERCE_ROLES = ['电商企业', '电商平台企业', '物流企业'] as const;
const EXPORT_MODES = ['9610（跨境电商零售出口）', '9710（跨境电商B2B直接出口）', '9810（跨境电商出口海外仓）'] as const;

const typeChoice = (m: Merchant): FieldRow => choice('企业类型', ENTERPRISE_TYPES, m.typeLabel);

const smallRight = (text: string): Block => ({ t: 'para', parts: [text], align: 'right', small: true });

/** 企业名称 … 法定代表人: the facts every filing form asks for first. */
function enterpriseRows(m: Merchant, opts: { english?: boolean; customs?: boolean; legalPhone?: boolean }): FieldRow[] {
  const rows: FieldRow[] = [field('企业名称', m.nameCn)];
  if (opts.english) rows.push(field('英文名称', m.nameEn));
  rows.push(field('统一社会信用代码', m.creditCode));
  if (opts.customs) rows.push(field('海关编码', m.customsCode));
  rows.push(typeChoice(m), field('注册地址', m.addressCn));
  if (opts.english) rows.push(field('英文地址', m.addressEn));
  rows.push(field('法定代表人', m.legalPersonName));
  if (opts.legalPhone) rows.push(field('法定代表人手机号', m.legalPersonPhone));
  return rows;
}

const contactRows = (m: Merchant): FieldRow[] => [field('联系人', m.contactName), field('联系电话', m.contactPhone), field('电子邮箱', m.contactEmail)];

const table = (...rows: (TableRow | TableRow[])[]): Block => ({ t: 'table', rows: rows.flat() });
const notes = (...items: string[]): Block => ({ t: 'notes', heading: '填表说明：', items });

// ---------------------------------------------------------------- 工商注册

function companyApplication(m: Merchant): FormDoc {
  return {
    title: '公司登记（备案）申请书',
    blocks: [
      smallRight('登记机关：东海县行政审批局　　受理编号：______________'),
      table(
        section('一、基本信息'),
        choice('申请事项', ['设立登记', '变更登记', '备案']),
        field('企业名称', m.nameCn),
        field('统一社会信用代码（设立登记不填）', m.creditCode),
        field('注册地址（住所）', m.addressCn),
        field('邮政编码'),
        field('联系电话', m.contactPhone ?? m.legalPersonPhone),
        field('法定代表人姓名', m.legalPersonName),
        field('法定代表人移动电话', m.legalPersonPhone),
        field('注册资本', null, { suffix: '万元' }),
        choice('公司类型', ['有限责任公司（自然人投资或控股）', '有限责任公司（自然人独资）', '其他']),
        field('经营范围', null, { lines: 4 }),
        choice('经营期限', ['长期', '____年']),
        field('申请执照副本数量', null, { suffix: '个' }),
        section('二、联络员信息'),
        field('联络员姓名', m.contactName),
        field('联络员移动电话', m.contactPhone),
        field('电子邮箱', m.contactEmail),
        declaration(
          '本公司依照《中华人民共和国公司法》《中华人民共和国市场主体登记管理条例》申请登记、备案，提交材料真实有效。通过联络员登录信息系统向登记机关报送、向社会公示的企业信息为本企业提交、发布的信息，信息真实、有效。',
          [['法定代表人签字：________________'], ['公司盖章：'], DATE],
        ),
      ),
      notes(
        '本申请书适用于有限责任公司、股份有限公司申请设立登记、变更登记及有关事项备案。',
        '请使用黑色钢笔或签字笔填写，也可打印后签字，字迹工整，不得涂改；表中“☐”为选择项，选中的请打“√”。',
        '“企业名称”应与名称自主申报结果一致；“注册地址（住所）”应写明至门牌号，例如“江苏省连云港市东海县牛山街道××路××号”。',
        '“经营范围”请参照《经营范围登记规范表述目录》规范填写，例如“水晶制品销售；珠宝首饰零售；货物进出口”。',
        '本申请书已由晶贸通平台按企业已登记的信息预先填写，请核对无误后由法定代表人签字、加盖公章，与其他申请材料一并提交。',
      ),
    ],
  };
}

function individualApplication(m: Merchant): FormDoc {
  return {
    title: '个体工商户登记（备案）申请书',
    blocks: [
      smallRight('登记机关：东海县行政审批局　　受理编号：______________'),
      table(
        section('一、基本信息'),
        choice('申请事项', ['设立登记', '变更登记', '备案']),
        field('个体工商户名称', m.nameCn),
        field('统一社会信用代码（设立登记不填）', m.creditCode),
        field('经营者姓名', m.legalPersonName),
        field('经营者身份证件号码'),
        field('经营者移动电话', m.legalPersonPhone),
        field('经营场所', m.addressCn),
        choice('组成形式', ['个人经营', '家庭经营']),
        field('参加经营的家庭成员（家庭经营填写）'),
        field('资金数额', null, { suffix: '万元' }),
        field('从业人数', null, { suffix: '人' }),
        field('经营范围', null, { lines: 4 }),
        section('二、联络员信息'),
        field('联络员姓名', m.contactName),
        field('联络员移动电话', m.contactPhone),
        field('电子邮箱', m.contactEmail),
        declaration(
          '本人依照《促进个体工商户发展条例》《中华人民共和国市场主体登记管理条例》申请登记、备案，提交材料真实有效。通过联络员登录信息系统向登记机关报送、向社会公示的信息为本人提交、发布的信息，信息真实、有效。',
          [['经营者签字：________________'], ['（有印章的加盖印章）'], DATE],
        ),
      ),
      notes(
        '本申请书适用于个体工商户申请设立登记、变更登记及有关事项备案。',
        '请使用黑色钢笔或签字笔填写，字迹工整，不得涂改；表中“☐”为选择项，选中的请打“√”。',
        '“经营场所”应写明至门牌号；家庭经营的，应填写参加经营的家庭成员姓名。',
        '“经营范围”请参照《经营范围登记规范表述目录》规范填写，例如“水晶饰品加工；工艺美术品及收藏品零售”。',
        '本申请书已由晶贸通平台按已登记的信息预先填写，请核对无误后由经营者本人签字提交。',
      ),
    ],
  };
}

// ---------------------------------------------------------------- 海关企业注册登记

function customsFilingForm(m: Merchant): FormDoc {
  return {
    title: '报关单位备案信息表',
    blocks: [
      smallRight('受理海关：______________　　受理编号：______________'),
      table(
        section('一、备案信息'),
        choice('备案类别', ['进出口货物收发货人', '报关企业']),
        choice('所在地海关', CUSTOMS_OFFICES),
        section('二、企业基本信息'),
        enterpriseRows(m, { english: true, customs: true }),
        field('行政区划'),
        field('经济区划'),
        field('行业种类'),
        choice('是否为跨境电子商务企业', ['是', '否']),
        section('三、法定代表人及联系人'),
        field('法定代表人证件号码'),
        field('法定代表人移动电话', m.legalPersonPhone),
        contactRows(m),
        declaration('本单位承诺对本表所填报备案信息内容的真实性、准确性和完整性负责，并承担相应的法律责任。', [
          ['法定代表人（负责人）签字：________________'],
          ['单位（盖章）：'],
          DATE,
        ]),
      ),
      notes(
        '本表适用于进出口货物收发货人、报关企业向海关申请备案；表中“☐”为选择项，选中的请打“√”。',
        '企业名称、统一社会信用代码、注册地址应与营业执照一致；英文名称、英文地址用于报关单及对外贸易单证，无英文名称的可不填。',
        '海关编码为海关备案后生成的10位编码，首次备案免填，办理信息变更时必须填写。',
        '“行政区划”“经济区划”“行业种类”按海关参数代码填写，不清楚的可留空，由平台工作人员协助补充。',
        '填写完整后由法定代表人（负责人）签字并加盖单位公章，扫描或拍照上传至晶贸通平台。',
      ),
    ],
  };
}

function customsStaffList(m: Merchant): FormDoc {
  return {
    title: '报关人员情况登记表',
    blocks: [
      table(field('企业名称', m.nameCn), field('统一社会信用代码', m.creditCode), field('海关编码', m.customsCode)),
      {
        t: 'grid',
        headers: ['姓名', '身份证号', '手机号', '岗位', '备注'],
        widths: [18, 26, 16, 18, 24],
        rows: 10,
        textColumns: [1, 2],
        choices: { 3: ['报关业务负责人', '报关员', '其他'] },
      },
      notes(
        '请逐一登记本单位从事报关业务的人员，每人一行，行数不足的可自行插入。',
        '身份证号请填写18位居民身份证号码；该列已设为文本格式，请勿改为数字格式，以免末位丢失。',
        '岗位请从下拉列表中选择：报关业务负责人、报关员、其他。',
        '所登记人员应为本单位在职人员，人员变动的应及时向海关办理变更。',
      ),
      { t: 'signatures', lines: SIGN_COMPANY },
    ],
  };
}

// ---------------------------------------------------------------- 电子口岸卡

function eportEnterpriseForm(m: Merchant): FormDoc {
  return {
    title: '中国电子口岸企业情况登记表',
    blocks: [
      smallRight('受理编号：______________'),
      table(
        section('一、企业基本信息'),
        enterpriseRows(m, { english: true, customs: true }),
        field('邮政编码'),
        section('二、法定代表人及联系人'),
        field('法定代表人身份证号'),
        field('法定代表人手机号', m.legalPersonPhone),
        contactRows(m),
        section('三、办理事项'),
        choice('办理事项', ['新企业入网', '企业信息变更', '企业注销']),
        choice('申请卡类型', ['法人卡', '操作员卡']),
        field('申请卡数量', null, { suffix: '张' }),
        choice('卡介质', ['IC卡', 'UKey']),
        declaration('本企业保证所填写的信息真实、准确、完整，并对中国电子口岸卡的使用和保管承担全部法律责任。', SIGN_COMPANY),
      ),
      notes(
        '本表用于企业在中国电子口岸办理入网登记，所填信息应与营业执照及海关备案信息一致。',
        '企业办理入网前须已取得10位海关编码。',
        '法人卡由企业法定代表人持有，每家企业限办一张；操作员卡由法人卡在系统中授权使用，可按业务需要申领多张。',
        '填写后由法定代表人签字并加盖企业公章，连同法定代表人及持卡人身份证复印件一并提交。',
      ),
    ],
  };
}

function eportCardForm(m: Merchant): FormDoc {
  return {
    title: '中国电子口岸企业IC卡登记表',
    blocks: [
      table(
        section('一、企业信息'),
        field('企业名称', m.nameCn),
        field('统一社会信用代码', m.creditCode),
        field('海关编码', m.customsCode),
        field('注册地址', m.addressCn),
        field('法定代表人', m.legalPersonName),
        contactRows(m),
        section('二、制卡信息'),
        choice('申请业务', ['新办', '补办', '证书延期', '解锁']),
        choice('申请卡类型', ['法人卡', '操作员卡']),
        field('持卡人姓名'),
        field('持卡人身份证号'),
        field('持卡人手机号'),
        field('持卡人电子邮箱'),
        choice('领卡方式', ['现场领取', '邮寄']),
        field('邮寄地址', null, { lines: 2 }),
        declaration('本企业申请办理上述中国电子口岸IC卡业务，所填信息真实有效。本企业将妥善保管IC卡及密码，因保管不善造成的损失由本企业承担。', SIGN_COMPANY),
      ),
      notes(
        '每张IC卡对应一名持卡人，申请多张操作员卡的，请按张复制本表分别填写。',
        '法人卡持卡人须为企业法定代表人；持卡人身份证号请填写18位居民身份证号码。',
        '表中“☐”为选择项，可在单元格的下拉列表中选择。',
        '填写后打印，由法定代表人签字并加盖企业公章，扫描或拍照上传至晶贸通平台。',
      ),
    ],
  };
}

// ---------------------------------------------------------------- DXP ID

function dxpAccessForm(m: Merchant): FormDoc {
  return {
    title: '数据交换平台（DXP）接入申请表',
    blocks: [
      table(
        section('一、申请企业信息'),
        enterpriseRows(m, { customs: true }),
        section('二、接入信息'),
        choice('申请事项', ['新申请', '变更', '注销']),
        choice('接入方式', ['由晶贸通平台代为接入（推荐）', '企业自建客户端接入']),
        field('电子口岸卡号'),
        choice('业务类型', EXPORT_MODES),
        field('服务器IP地址（自建接入填写）'),
        section('三、联系人'),
        contactRows(m),
        field('技术联系人', m.contactName),
        field('技术联系人电话', m.contactPhone),
        declaration('本企业申请接入海关数据交换平台（DXP），保证所填信息真实有效，并遵守数据交换平台接入及报文传输的各项规定。', SIGN_COMPANY),
      ),
      notes(
        'DXP（数据交换平台）接入身份用于向海关传输跨境电子商务申报报文，每家企业对应一个DXP ID。',
        '选择“由晶贸通平台代为接入”的，报文经平台统一传输，无需填写服务器IP地址。',
        '“电子口岸卡号”填写企业法人卡或操作员卡的卡号（卡面印制）。',
        '表中“☐”为选择项，可在单元格的下拉列表中选择；填写后打印，由法定代表人签字并加盖企业公章。',
      ),
    ],
  };
}

/** The commitments: a letter addressed to the office, a few numbered promises, the merchant's details and the seals. */
function commitment(m: Merchant, spec: { title: string; to: string; opening: Inline[]; promises: string[]; closing: string; notes: string[] }): FormDoc {
  return {
    title: spec.title,
    blocks: [
      { t: 'para', parts: [spec.to] },
      { t: 'para', parts: spec.opening, indent: true },
      ...spec.promises.map((p): Block => ({ t: 'para', parts: [p], indent: true })),
      { t: 'para', parts: [spec.closing], indent: true },
      table(
        section('承诺企业信息'),
        field('企业名称', m.nameCn),
        field('统一社会信用代码', m.creditCode),
        field('海关编码', m.customsCode),
        field('法定代表人', m.legalPersonName),
        field('联系人', m.contactName),
        field('联系电话', m.contactPhone),
      ),
      { t: 'signatures', lines: [['承诺企业（盖章）：'], ['法定代表人（签字）：________________'], DATE] },
      { t: 'notes', heading: '说明：', items: spec.notes },
    ],
  };
}

function dxpCommitment(m: Merchant): FormDoc {
  return commitment(m, {
    title: 'DXP 接入承诺书',
    to: '致：中国电子口岸数据中心',
    opening: ['本企业', blank(m.nameCn, 14), '（统一社会信用代码：', blank(m.creditCode, 10), '）申请接入海关数据交换平台（DXP），现就接入及使用事宜郑重承诺如下：'],
    promises: [
      '一、本企业通过数据交换平台传输的订单、支付、物流、清单等电子数据均真实、准确、完整，与实际交易一致，不伪造、不篡改、不重复申报。',
      '二、妥善保管数据交换平台分配的DXP ID、电子口岸卡及证书密码，不转借、不转让他人使用；因保管不善造成的后果由本企业承担。',
      '三、严格遵守国家网络安全、数据安全和个人信息保护相关法律法规，不利用数据交换平台从事任何违法违规活动。',
      '四、按照海关及数据交换平台的技术规范进行系统对接和报文传输，配合海关及中国电子口岸开展数据核查和系统维护。',
      '五、企业名称、联系人等接入信息发生变更的，及时办理变更手续。',
    ],
    closing: '如违反上述承诺，本企业愿意承担由此产生的一切法律责任，并接受海关等部门依法作出的处理。',
    notes: ['本承诺书须由法定代表人签字并加盖企业公章，扫描或拍照后上传至晶贸通平台。', '企业名称、统一社会信用代码应与营业执照一致；海关编码尚未取得的可暂不填写。'],
  });
}

// ---------------------------------------------------------------- 云加签

function cloudSignatureForm(m: Merchant): FormDoc {
  return {
    title: '跨境电商云加签服务申请表',
    blocks: [
      smallRight('申请编号：______________'),
      table(
        section('一、企业信息'),
        enterpriseRows(m, { customs: true, legalPhone: true }),
        section('二、服务信息'),
        choice('申请事项', ['开通', '变更', '注销']),
        choice('企业角色', ECOMMERCE_ROLES),
        field('电子口岸卡号'),
        field('DXP ID'),
        field('授权人姓名', m.legalPersonName),
        field('授权人手机号', m.legalPersonPhone),
        choice('加签报文类型', ['电子订单', '收款信息', '物流运单', '申报清单']),
        section('三、联系人'),
        contactRows(m),
        declaration(
          '本企业自愿申请开通跨境电商云加签服务，授权服务方使用本企业电子口岸卡证书在云端对本企业的申报报文进行加签。本企业保证所填信息真实有效，并对加签报文承担法律责任。',
          SIGN_COMPANY,
        ),
      ),
      notes(
        '云加签服务由平台使用企业授权的电子口岸卡证书在云端对申报报文加签，企业无需插卡操作。',
        '申请前须已取得电子口岸卡及DXP ID；“电子口岸卡号”填写法人卡或已授权的操作员卡卡号。',
        '授权人一般为企业法定代表人，授权人手机号用于接收加签授权验证码。',
        '本表须与《云加签授权委托书》一并提交，填写后由法定代表人签字并加盖企业公章。',
      ),
    ],
  };
}

function cloudSignatureAuthorization(m: Merchant): FormDoc {
  return {
    title: '云加签授权委托书',
    blocks: [
      { t: 'para', parts: ['委托方（授权人）：', blank(m.nameCn, 14)] },
      { t: 'para', parts: ['统一社会信用代码：', blank(m.creditCode, 10), '　法定代表人：', blank(m.legalPersonName, 5)] },
      { t: 'para', parts: ['受托方：晶贸通跨境贸易服务平台（运营单位：________________）'] },
      {
        t: 'para',
        indent: true,
        parts: [
          '因开展跨境电子商务业务需要，',
          blank(m.nameCn, 14),
          '（以下简称“本企业”）现委托受托方，使用本企业在中国电子口岸申领的电子口岸卡（卡号：____________）所载的电子签名证书，以云加签方式对本企业向海关申报的跨境电子商务数据进行电子签名。',
        ],
      },
      { t: 'para', indent: true, parts: ['一、授权范围：本企业跨境电子商务电子订单、收款信息、物流运单及申报清单等报文的加签与传输。'] },
      { t: 'para', indent: true, parts: ['二、授权期限：自____年__月__日起至____年__月__日止。期限届满前本企业书面撤销授权的，自撤销通知送达受托方之日起失效。'] },
      { t: 'para', indent: true, parts: ['三、受托方应仅在授权范围内使用本企业证书，不得用于其他用途，并对加签数据及证书信息承担保密义务。'] },
      { t: 'para', indent: true, parts: ['四、本企业对受托方在授权范围内以本企业名义加签、传输的数据承担相应的法律责任。'] },
      table(
        section('委托方信息'),
        field('企业名称', m.nameCn),
        field('统一社会信用代码', m.creditCode),
        field('海关编码', m.customsCode),
        field('法定代表人', m.legalPersonName),
        field('联系电话', m.legalPersonPhone ?? m.contactPhone),
      ),
      { t: 'signatures', lines: [['委托方（盖章）：'], ['法定代表人（签字）：________________'], ['受托方（盖章）：'], DATE] },
      {
        t: 'notes',
        heading: '说明：',
        items: ['本委托书须由委托方法定代表人签字并加盖企业公章，与《跨境电商云加签服务申请表》一并提交。', '授权期限不填写的，默认自签署之日起一年。'],
      },
    ],
  };
}

// ---------------------------------------------------------------- 企业备案

function enterpriseFilingForm(m: Merchant): FormDoc {
  return {
    title: '跨境电子商务企业信息登记表',
    blocks: [
      table(
        section('一、企业基本信息'),
        enterpriseRows(m, { english: true, customs: true, legalPhone: true }),
        section('二、跨境电商业务信息'),
        choice('跨境电商企业类别', ECOMMERCE_ROLES),
        choice('监管方式', EXPORT_MODES),
        choice('所在地海关', CUSTOMS_OFFICES),
        field('DXP ID'),
        field('销售平台 / 店铺', null, { lines: 2 }),
        field('主营商品', null, { lines: 2 }),
        section('三、联系人'),
        contactRows(m),
        declaration('本企业保证所填报的登记信息真实、准确、完整，登记信息发生变化的将及时办理变更，并承担相应的法律责任。', SIGN_COMPANY),
      ),
      notes(
        '本表用于跨境电子商务企业向海关办理信息登记（9610 出口备案等），登记信息应与营业执照及海关备案信息一致。',
        '“销售平台 / 店铺”请列明平台及店铺名称，例如“TikTok Shop 美区店铺 CrystalDonghai；Amazon 美国站”。',
        '“主营商品”请填写商品类别，例如“天然水晶手链、水晶摆件、水晶原石”。',
        '表中“☐”为选择项，可在单元格的下拉列表中选择；本表须与《企业备案承诺书》一并提交。',
      ),
    ],
  };
}

function enterpriseFilingCommitment(m: Merchant): FormDoc {
  return commitment(m, {
    title: '企业备案承诺书',
    to: '致：中华人民共和国连云港海关',
    opening: ['本企业', blank(m.nameCn, 14), '（统一社会信用代码：', blank(m.creditCode, 10), '）现向海关申请办理跨境电子商务企业信息登记（备案），郑重承诺如下：'],
    promises: [
      '一、本企业所提交的备案信息及随附材料真实、准确、完整、有效，不存在虚假记载、误导性陈述或重大遗漏。',
      '二、严格遵守《中华人民共和国海关法》及跨境电子商务监管相关规定，如实向海关传输交易、收款、物流等电子信息，依法履行申报等义务。',
      '三、承担出口商品质量安全主体责任，建立商品质量管理制度，不出口国家禁止或限制出口的商品。',
      '四、备案信息发生变化的，在规定时限内向海关办理变更手续；自愿接受海关的监督管理和后续核查。',
      '五、如有违反上述承诺的行为，本企业愿意承担相应的法律责任，并同意海关将相关情况纳入企业信用管理。',
    ],
    closing: '特此承诺。',
    notes: ['本承诺书须由法定代表人签字并加盖企业公章，与《跨境电子商务企业信息登记表》一并提交。', '企业名称、统一社会信用代码应与营业执照一致。'],
  });
}

/** Template key → form builder, per application kind. */
export const FORMS: Record<string, Record<string, (m: Merchant) => FormDoc>> = {
  'business-registration': { 'company-application': companyApplication, 'individual-application': individualApplication },
  'customs-registration': { 'customs-filing-form': customsFilingForm, 'customs-staff-list': customsStaffList },
  'eport-card': { 'eport-enterprise-form': eportEnterpriseForm, 'eport-card-form': eportCardForm },
  'dxp-id': { 'dxp-access-form': dxpAccessForm, 'dxp-commitment': dxpCommitment },
  'cloud-signature': { 'cloud-signature-form': cloudSignatureForm, 'cloud-signature-authorization': cloudSignatureAuthorization },
  'enterprise-filing': { 'enterprise-filing-form': enterpriseFilingForm, 'enterprise-filing-commitment': enterpriseFilingCommitment },
};
