import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core, Modules, UID, Utils } from '@strapi/strapi';
import { storePrivateFile, type PrivateFileCategory } from '../core/private-files';

/**
 * Demo applications in the states people will want to look at: an approved registration with its
 * history and filings in progress (晶华), a registration returned for correction (紫晶坊) and one
 * waiting on the platform for days (晶莹, shows up as stuck). Written as rows with their timelines,
 * not through the engine: seeding must not push WeChat messages to anybody.
 */
const APP = 'plugin::workflow.application' satisfies UID.ContentType;
const EVENT = 'plugin::workflow.application-event' satisfies UID.ContentType;
const DAY = 86_400_000;

/** What the Document Service's create() takes for a content type (from cms/types/generated). */
type Input<T extends UID.ContentType> = Modules.Documents.Params.Data.Input<T>;

interface Step {
  to: string;
  daysAgo: number;
  actor: 'merchant' | 'platform';
  note?: string;
}

const STAFF_NAME = '陈晨';

/** A small real PDF, so document downloads in the admin console show something. */
function demoPdf(title: string): Buffer {
  const text = `(${title}) Tj`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 260] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length + 30} >>\nstream\nBT /F1 16 Tf 40 130 Td ${text} ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function demoFile(strapi: Core.Strapi, merchantId: number, category: PrivateFileCategory, name: string, title: string): Promise<string> {
  const temp = path.join(os.tmpdir(), `jmt-seed-${process.pid}-${category}-${merchantId}.pdf`);
  fs.writeFileSync(temp, demoPdf(title));
  try {
    const stored = await storePrivateFile(temp);
    const doc = (await strapi.documents('api::private-file.private-file').create({
      data: { category, originalName: name, mime: stored.mime, size: stored.size, sha256: stored.sha256, storageKey: stored.storageKey, merchant: merchantId },
    })) as { documentId: string };
    return doc.documentId;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

export async function seedApplication(
  strapi: Core.Strapi,
  merchant: { id: number; actorName: string },
  spec: { kind: string; prefix: string; data: Utils.JSONObject; steps: Step[]; waitingOn: Record<string, boolean> },
): Promise<number> {
  const now = Date.now();
  const first = spec.steps[0];
  const last = spec.steps[spec.steps.length - 1];
  const at = (step: Step) => new Date(now - step.daysAgo * DAY);
  const submitted = spec.steps.find((s, i) => i > 0 && s.actor === 'merchant');
  // The casts: unset dates and notes are written as null, which the generated input types (optional means
  // undefined) do not allow.
  const created = (await strapi.documents(APP).create({
    data: {
      kind: spec.kind,
      status: last.to,
      data: spec.data,
      merchant: merchant.id,
      submittedAt: submitted ? at(submitted) : null,
      lastTransitionAt: at(last),
      waitingSince: spec.waitingOn[last.to] ? at(last) : null,
      completedAt: ['approved', 'completed', 'rejected', 'paid'].includes(last.to) ? at(last) : null,
      lastNote: last.note ?? null,
    } as Input<typeof APP>,
  })) as { id: number };
  const stamp = new Date(now - first.daysAgo * DAY + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  await strapi.db.query(APP).update({ where: { id: created.id }, data: { number: `${spec.prefix}-${stamp}-${String(created.id).padStart(5, '0')}`, createdAt: at(first) } });
  let from: string | null = null;
  for (const step of spec.steps) {
    const event = (await strapi.documents(EVENT).create({
      data: {
        application: created.id,
        merchant: merchant.id,
        fromStatus: from,
        toStatus: step.to,
        note: step.note ?? null,
        actorName: step.actor === 'platform' ? STAFF_NAME : merchant.actorName,
        actorKind: step.actor,
      } as Input<typeof EVENT>,
    })) as { id: number };
    await strapi.db.query(EVENT).update({ where: { id: event.id }, data: { createdAt: at(step) } });
    from = step.to;
  }
  return created.id;
}

const REGISTRATION_WAITING = { initial_review: true, onsite_check: true };
const FILING_WAITING = { submitted: true, processing: true };

export async function seedApplications(strapi: Core.Strapi, merchantIds: Record<string, number>): Promise<void> {
  const jinghua = { id: merchantIds.jinghua, actorName: '王建华' };
  const jinghuaFiles = {
    business_licence: await demoFile(strapi, jinghua.id, 'business_licence', '营业执照副本.pdf', 'Business licence (demo)'),
    id_card_front: await demoFile(strapi, jinghua.id, 'id_card_front', '法人身份证人像面.pdf', 'ID card front (demo)'),
    id_card_back: await demoFile(strapi, jinghua.id, 'id_card_back', '法人身份证国徽面.pdf', 'ID card back (demo)'),
    bank_permit: await demoFile(strapi, jinghua.id, 'bank_permit', '开户许可证.pdf', 'Bank account permit (demo)'),
    application_form: await demoFile(strapi, jinghua.id, 'application_form', '报关单位备案信息表（已盖章）.pdf', 'Customs filing form (demo)'),
  };
  const company = { companyName: '东海县晶华水晶饰品有限公司', creditCode: '91320722MA1XJH8Q3R' };
  await seedApplication(strapi, jinghua, {
    kind: 'business-registration',
    prefix: 'BR',
    waitingOn: REGISTRATION_WAITING,
    data: {
      path: 'existing',
      entityType: 'company',
      ...company,
      registeredAddress: '江苏省连云港市东海县牛山街道水晶城路 88 号',
      legalPerson: { name: '王建华', idNumber: '32072219850612341X', phone: '13900000001' },
      contact: { name: '王建华', phone: '13900000001' },
      files: {
        business_licence: jinghuaFiles.business_licence,
        id_card_front: jinghuaFiles.id_card_front,
        id_card_back: jinghuaFiles.id_card_back,
        bank_permit: jinghuaFiles.bank_permit,
      },
    },
    steps: [
      { to: 'filling', daysAgo: 30, actor: 'merchant' },
      { to: 'initial_review', daysAgo: 29, actor: 'merchant' },
      { to: 'onsite_check', daysAgo: 27, actor: 'platform', note: '材料齐全，已预约 3 月 12 日上午现场核验' },
      { to: 'approved', daysAgo: 25, actor: 'platform' },
    ],
  });
  await strapi.db.query('api::merchant.merchant').update({ where: { id: jinghua.id }, data: { creditCode: company.creditCode } });
  const customsCode = '3207968A21';
  await seedApplication(strapi, jinghua, {
    kind: 'customs-registration',
    prefix: 'CR',
    waitingOn: FILING_WAITING,
    data: {
      ...company,
      companyNameEn: 'Donghai Jinghua Crystal Jewelry Co., Ltd.',
      registeredAddress: '江苏省连云港市东海县牛山街道水晶城路 88 号',
      legalPersonName: '王建华',
      customsOffice: 'lianyungang',
      filingType: 'consignor',
      contactName: '王建华',
      contactPhone: '13900000001',
      customsCode,
      files: { business_licence: jinghuaFiles.business_licence, id_card_front: jinghuaFiles.id_card_front, application_form: jinghuaFiles.application_form },
    },
    steps: [
      { to: 'filling', daysAgo: 24, actor: 'merchant' },
      { to: 'submitted', daysAgo: 23, actor: 'merchant' },
      { to: 'processing', daysAgo: 22, actor: 'platform' },
      { to: 'completed', daysAgo: 19, actor: 'platform', note: `海关编码 ${customsCode}` },
    ],
  });
  await seedApplication(strapi, jinghua, {
    kind: 'eport-card',
    prefix: 'EC',
    waitingOn: FILING_WAITING,
    data: {
      ...company,
      customsCode,
      cardType: 'legal',
      holderName: '王建华',
      holderIdNumber: '32072219850612341X',
      holderPhone: '13900000001',
      eportCardNo: '8930000012345',
      files: { id_card_front: jinghuaFiles.id_card_front, id_card_back: jinghuaFiles.id_card_back, application_form: jinghuaFiles.application_form },
    },
    steps: [
      { to: 'filling', daysAgo: 18, actor: 'merchant' },
      { to: 'submitted', daysAgo: 18, actor: 'merchant' },
      { to: 'processing', daysAgo: 16, actor: 'platform' },
      { to: 'completed', daysAgo: 10, actor: 'platform', note: '法人卡已制卡，顺丰单号 SF1402218876543' },
    ],
  });
  await seedApplication(strapi, jinghua, {
    kind: 'dxp-id',
    prefix: 'DX',
    waitingOn: FILING_WAITING,
    data: {
      ...company,
      customsCode,
      eportCardNo: '8930000012345',
      accessMode: 'platform',
      techContactName: '王建华',
      techContactPhone: '13900000001',
      files: { application_form: jinghuaFiles.application_form, commitment_letter: jinghuaFiles.application_form },
    },
    steps: [
      { to: 'filling', daysAgo: 6, actor: 'merchant' },
      { to: 'submitted', daysAgo: 5, actor: 'merchant' },
      { to: 'processing', daysAgo: 2, actor: 'platform', note: '已提交海关数据分中心，等待分配 DXP ID' },
    ],
  });

  const zijing = { id: merchantIds.zijing, actorName: '李秀梅' };
  const zijingFront = await demoFile(strapi, zijing.id, 'id_card_front', '身份证正面.pdf', 'ID card front (demo)');
  await seedApplication(strapi, zijing, {
    kind: 'business-registration',
    prefix: 'BR',
    waitingOn: REGISTRATION_WAITING,
    data: {
      path: 'new',
      entityType: 'individual',
      nameOptions: ['东海县紫晶坊水晶工艺品店', '东海县紫晶阁水晶饰品店'],
      registeredAddress: '江苏省连云港市东海县温泉镇中华水晶街 16 号',
      businessScope: '水晶饰品、工艺品零售；互联网销售（除销售需要许可的商品）；货物进出口',
      legalPerson: { name: '李秀梅', idNumber: '32072219900315282X', phone: '13900000003' },
      contact: { name: '李秀梅', phone: '13900000003' },
      files: { id_card_front: zijingFront },
    },
    steps: [
      { to: 'filling', daysAgo: 4, actor: 'merchant' },
      { to: 'initial_review', daysAgo: 3, actor: 'merchant' },
      { to: 'returned', daysAgo: 1, actor: 'platform', note: '缺少法人身份证国徽面照片，请补充上传' },
    ],
  });
  await strapi.db.query('api::merchant.merchant').update({ where: { id: zijing.id }, data: { registrationStatus: 'returned' } });

  const jingying = { id: merchantIds.jingying, actorName: '王莹' };
  const jingyingFiles = {
    id_card_front: await demoFile(strapi, jingying.id, 'id_card_front', '身份证人像面.pdf', 'ID card front (demo)'),
    id_card_back: await demoFile(strapi, jingying.id, 'id_card_back', '身份证国徽面.pdf', 'ID card back (demo)'),
    lease_contract: await demoFile(strapi, jingying.id, 'lease_contract', '厂房租赁合同.pdf', 'Lease contract (demo)'),
  };
  await seedApplication(strapi, jingying, {
    kind: 'business-registration',
    prefix: 'BR',
    waitingOn: REGISTRATION_WAITING,
    data: {
      path: 'new',
      entityType: 'company',
      nameOptions: ['东海县晶莹水晶制品有限公司', '东海县晶莹工艺品有限公司'],
      registeredAddress: '江苏省连云港市东海县经济开发区晶都大道 201 号',
      businessScope: '水晶制品加工、销售；工艺美术品销售；货物进出口；技术进出口',
      registeredCapital: '100',
      legalPerson: { name: '王莹', idNumber: '320722197811034515', phone: '13900000006' },
      shareholders: [
        { name: '王莹', idNumber: '320722197811034515', ratio: '70' },
        { name: '孙立军', idNumber: '32072219850612341X', ratio: '30' },
      ],
      contact: { name: '王莹', phone: '13900000006' },
      files: jingyingFiles,
    },
    steps: [
      { to: 'filling', daysAgo: 6, actor: 'merchant' },
      { to: 'initial_review', daysAgo: 5, actor: 'merchant' },
    ],
  });
  await strapi.db.query('api::merchant.merchant').update({ where: { id: jingying.id }, data: { registrationStatus: 'initial_review' } });
}
