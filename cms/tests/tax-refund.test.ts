import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { api, bearer, login, PHONES } from './support/api';
import { eventually, signUpWithSms, signUpWithWechat, upload, wechatOutbox, type SignedUp } from './support/workflow';

/**
 * 出口退税 end to end (issue 5, T1–T4) over real HTTP: a refund application through the workflow engine
 * (申报 → 审核 → 退库 → 到账, 退回补正, 不予退税), real-PDF checks, estimates from the HS-code rate table with
 * effective dates, the application package staff download, and the day's return-message upload.
 */

/** A small well-formed PDF: header, objects, an xref table where startxref says, %%EOF. */
function realPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>',
    `<< /Length ${text.length + 20} >>\nstream\nBT (${text}) Tj ET\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function uploadFile(jwt: string, category: string, bytes: Buffer, name: string): Promise<string> {
  const res = await api().post('/api/private-files').set(bearer(jwt)).field('category', category).attach('file', bytes, name);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.documentId as string;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

let staff: string;
let m: SignedUp;
let other: SignedUp;
let pdfs: Record<string, string>;
let first: string;
let second: string;

const move = (jwt: string, id: string, to: string, note?: string) => api().post(`/api/applications/${id}/transitions`).set(bearer(jwt)).send({ to, note });
const refund = async (jwt: string, id: string) => (await api().get(`/api/tax-refund/applications/${id}`).set(bearer(jwt)).expect(200)).body.data;

async function returnsSheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退税回执');
  ws.addRow(['申报编号', '状态', '退税金额', '日期', '说明']);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const DATA = { enterpriseType: 'trading', orderAmount: '86500.00', purchaseAmount: '72000.00', hsCode: '7116200000', exportDate: '2026-11-10', invoiceNo: '32002541300087451' };

beforeAll(async () => {
  staff = await login(PHONES.superAdmin);
  m = await signUpWithWechat();
  other = await signUpWithSms();
});

describe('demo data', () => {
  it('晶华 has a refund under review and one paid out, with its return message', async () => {
    const jinghua = await login(PHONES.jinghuaAdmin);
    const list = (await api().get('/api/tax-refund/applications').set(bearer(jinghua)).expect(200)).body.data;
    expect(list.map((a: any) => a.status).sort()).toEqual(['paid', 'reviewing']);
    const paid = list.find((a: any) => a.status === 'paid');
    expect(paid).toMatchObject({ refundedAmount: '4680.00', estimate: { rate: '13', estimate: '4680.00', matchedCode: '71039920' } });
  });
});

describe('estimates (T4)', () => {
  it('come from the seeded HS-code rates, exactly', async () => {
    const res = await api().get('/api/tax-refund/estimate?hsCode=7116200000&enterpriseType=trading&purchaseAmount=72000.00&date=2026-11-20').set(bearer(m.jwt)).expect(200);
    expect(res.body.data).toMatchObject({
      matchedCode: '7116200000',
      rate: '13',
      basis: 'purchase',
      baseAmount: '72000.00',
      estimate: '9360.00',
      formula: '72000.00 × 13% = 9360.00',
    });
    const glass = await api().get('/api/tax-refund/estimate?hsCode=7018100000&enterpriseType=producer&orderAmount=1234567.89').set(bearer(m.jwt)).expect(200);
    expect(glass.body.data).toMatchObject({ rate: '9', basis: 'fob', estimate: '111111.11' }); // 111111.1101
    const synthetic = await api().get('/api/tax-refund/estimate?hsCode=7104210000&purchaseAmount=50000').set(bearer(m.jwt)).expect(200);
    expect(synthetic.body.data).toMatchObject({ rate: '0', estimate: '0.00' });
    const unknown = await api().get('/api/tax-refund/estimate?hsCode=7117190000&purchaseAmount=100').set(bearer(m.jwt));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('REFUND_RATE_NOT_FOUND');
    const bad = await api().get('/api/tax-refund/estimate?hsCode=abc&purchaseAmount=-1').set(bearer(m.jwt));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.field)).toEqual(['hsCode', 'purchaseAmount']);
    // An amount missing or not a number is the caller's mistake, named as such (the parse once threw: a 500).
    for (const query of ['hsCode=7116200000', 'hsCode=7116200000&purchaseAmount=abc', 'hsCode=7018100000&enterpriseType=producer&orderAmount=']) {
      const missing = await api().get(`/api/tax-refund/estimate?${query}`).set(bearer(m.jwt));
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('VALIDATION_FAILED');
      expect(missing.body.error.details.errors.map((e: any) => e.field)).toEqual([query.includes('producer') ? 'orderAmount' : 'purchaseAmount']);
    }
  });

  it('follow the table staff edit, with effective dates and no overlapping periods', async () => {
    const rates = (await api().get('/api/tax-refund/rates?filters[q][$containsi]=7116200000').set(bearer(m.jwt)).expect(200)).body.data;
    expect(rates).toHaveLength(1);
    const seeded = rates[0];
    expect(
      (
        await api()
          .post('/api/tax-refund/rates')
          .set(bearer(m.jwt))
          .send({ ...seeded })
      ).status,
    ).toBe(403);
    // A new rate from 2027: the old one must end first.
    const clash = await api()
      .post('/api/tax-refund/rates')
      .set(bearer(staff))
      .send({ hsCode: '7116200000', description: '水晶制品（调整后）', rate: '9', effectiveFrom: '2027-01-01' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('REFUND_RATE_OVERLAP');
    await api()
      .put(`/api/tax-refund/rates/${seeded.id}`)
      .set(bearer(staff))
      .send({ ...seeded, effectiveTo: '2026-12-31' })
      .expect(200);
    const later = await api()
      .post('/api/tax-refund/rates')
      .set(bearer(staff))
      .send({ hsCode: '7116200000', description: '水晶制品（调整后）', rate: '9', effectiveFrom: '2027-01-01' })
      .expect(201);
    const before = await api().get('/api/tax-refund/estimate?hsCode=7116200000&purchaseAmount=100.00&date=2026-12-31').set(bearer(m.jwt)).expect(200);
    const after = await api().get('/api/tax-refund/estimate?hsCode=7116200000&purchaseAmount=100.00&date=2027-01-01').set(bearer(m.jwt)).expect(200);
    expect([before.body.data.rate, after.body.data.rate]).toEqual(['13', '9']);
    const invalid = await api().post('/api/tax-refund/rates').set(bearer(staff)).send({ hsCode: '71', description: '', rate: '101', effectiveFrom: '2027-02-30' });
    expect(invalid.body.error.details.errors.map((e: any) => e.field)).toEqual(['hsCode', 'description', 'rate', 'effectiveFrom']);
    // Put the table back as it was for the rest of the run.
    await api().delete(`/api/tax-refund/rates/${later.body.data.id}`).set(bearer(staff)).expect(200);
    await api()
      .put(`/api/tax-refund/rates/${seeded.id}`)
      .set(bearer(staff))
      .send({ ...seeded, effectiveTo: null })
      .expect(200);
  });
});

describe('refund applications (T1, T2)', () => {
  it('need business registration approved', async () => {
    const res = await api().post('/api/applications').set(bearer(m.jwt)).send({ kind: 'tax-refund', data: DATA });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('MODULE_LOCKED');
    await api()
      .put(`/api/merchants/${m.merchantDocumentId}`)
      .set(bearer(staff))
      .send({ data: { registrationStatus: 'approved' } })
      .expect(200);
    await api()
      .put(`/api/merchants/${other.merchantDocumentId}`)
      .set(bearer(staff))
      .send({ data: { registrationStatus: 'approved' } })
      .expect(200);
  });

  it('accept only real PDFs and a known HS code, and several may be open at once', async () => {
    const created = await api().post('/api/applications').set(bearer(m.jwt)).send({ kind: 'tax-refund', data: DATA }).expect(201);
    first = created.body.data.id;
    expect(created.body.data).toMatchObject({ status: 'draft', number: expect.stringMatching(/^TR-\d{8}-\d{5}$/) });
    const second_ = await api()
      .post('/api/applications')
      .set(bearer(m.jwt))
      .send({ kind: 'tax-refund', data: { ...DATA, hsCode: '7103992000', orderAmount: '42800.00', purchaseAmount: '36000.00' } })
      .expect(201);
    second = second_.body.data.id;

    const missing = await move(m.jwt, first, 'declared');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.missing.map((x: any) => x.field)).toEqual(['files.tax_declaration', 'files.tax_purchase_invoice', 'files.tax_sales_invoice']);

    // An image in a PDF slot, and a "PDF" without its cross-reference table: both refused, with the reason.
    const image = await uploadFile(m.jwt, 'tax_declaration', PNG, '报关单.png');
    const broken = await upload(m.jwt, 'tax_purchase_invoice');
    pdfs = {
      tax_declaration: await uploadFile(m.jwt, 'tax_declaration', realPdf('Export declaration'), '报关单.pdf'),
      tax_purchase_invoice: await uploadFile(m.jwt, 'tax_purchase_invoice', realPdf('VAT invoice'), '进项发票.pdf'),
      tax_sales_invoice: await uploadFile(m.jwt, 'tax_sales_invoice', realPdf('Sales invoice'), '销售发票.pdf'),
    };
    await api()
      .put(`/api/applications/${first}`)
      .set(bearer(m.jwt))
      .send({ data: { ...DATA, files: { ...pdfs, tax_declaration: image, tax_purchase_invoice: broken } } })
      .expect(200);
    const wrong = await move(m.jwt, first, 'declared');
    expect(wrong.status).toBe(400);
    const problems = wrong.body.error.details.missing;
    expect(problems.map((x: any) => [x.field, x.reason])).toEqual([
      ['files.tax_declaration', 'invalid'],
      ['files.tax_purchase_invoice', 'invalid'],
    ]);

    // Another merchant's customs batch cannot be linked; an HS code without a rate cannot be claimed.
    const foreignBatch = (await api().get('/api/customs/batches').set(bearer(staff)).expect(200)).body.data[0]?.id;
    await api()
      .put(`/api/applications/${first}`)
      .set(bearer(m.jwt))
      .send({ data: { ...DATA, hsCode: '7117190000', customsBatches: [foreignBatch ?? 'nope'], files: pdfs } })
      .expect(200);
    const linked = await move(m.jwt, first, 'declared');
    expect(linked.body.error.details.missing.map((x: any) => x.field)).toEqual(['customsBatches', 'hsCode']);
    expect((await api().get('/api/tax-refund/declarations').set(bearer(m.jwt)).expect(200)).body.data).toEqual([]);

    await api()
      .put(`/api/applications/${first}`)
      .set(bearer(m.jwt))
      .send({ data: { ...DATA, files: pdfs } })
      .expect(200);
    const declared = await move(m.jwt, first, 'declared').expect(200);
    expect(declared.body.data.status).toBe('declared');
    const detail = await refund(m.jwt, first);
    expect(detail).toMatchObject({ status: 'declared', estimate: { estimate: '9360.00', rate: '13' }, returns: [], refundedAmount: null });
    expect(detail.documents.map((d: any) => [d.slot, d.originalName, d.mime])).toEqual([
      ['tax_declaration', '报关单.pdf', 'application/pdf'],
      ['tax_purchase_invoice', '进项发票.pdf', 'application/pdf'],
      ['tax_sales_invoice', '销售发票.pdf', 'application/pdf'],
    ]);
  });

  it('staff list, filter and download the application package', async () => {
    const list = await api()
      .get(`/api/tax-refund/applications?filters[status][$eq]=declared&filters[q][$containsi]=${encodeURIComponent('')}`)
      .set(bearer(staff))
      .expect(200);
    expect(list.body.data.find((a: any) => a.id === first)).toMatchObject({ estimate: { estimate: '9360.00' } });
    expect((await api().get(`/api/tax-refund/applications/${first}/package.zip`).set(bearer(m.jwt))).status).toBe(403);
    expect((await api().get(`/api/tax-refund/applications/${first}`).set(bearer(other.jwt))).status).toBe(404);
    const res = await api()
      .get(`/api/tax-refund/applications/${first}/package.zip`)
      .set(bearer(staff))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.body as Buffer);
    const number = (await refund(staff, first)).number;
    expect(Object.keys(zip.files).sort()).toEqual([`报关单-${number}.pdf`, `申请汇总-${number}.xlsx`, `进项发票-${number}.pdf`, `销售发票-${number}.pdf`].sort());
    expect((await zip.file(`报关单-${number}.pdf`)!.async('nodebuffer')).equals(realPdf('Export declaration'))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file(`申请汇总-${number}.xlsx`)!.async('nodebuffer')) as unknown as ArrayBuffer);
    const summary = Object.fromEntries(
      wb
        .getWorksheet('申请汇总')!
        .getSheetValues()
        .filter(Boolean)
        .map((r: any) => [r[1], r[2]]),
    );
    expect(summary).toMatchObject({ 申请编号: number, 'HS 编码': '7116200000', '预计退税额（元）': '9360.00（72000.00 × 13% = 9360.00）' });
  });

  it('move 申报 → 审核 by staff, with a message and a push to the refund page', async () => {
    await move(staff, first, 'reviewing').expect(200);
    const notTheirs = await move(m.jwt, first, 'treasury');
    expect([notTheirs.status, notTheirs.body.error.code]).toEqual([403, 'TRANSITION_FORBIDDEN']);
    const messages = (await api().get('/api/messages?filters[module][$eq]=tax-refund').set(bearer(m.jwt)).expect(200)).body.data;
    expect(messages[0]).toMatchObject({ title: '出口退税：审核', link: `/tax-refund/${first}` });
    await eventually(
      () => wechatOutbox(m.openid as string),
      (list) => list.some((p) => p.miniprogram?.pagepath === `packageTaxRefund/pages/detail/index?id=${first}`),
    );
  });

  it('退回补正 and 不予退税 need a reason; a returned refund is corrected and resubmitted', async () => {
    await api()
      .put(`/api/applications/${second}`)
      .set(bearer(m.jwt))
      .send({ data: { ...DATA, hsCode: '7103992000', orderAmount: '42800.00', purchaseAmount: '36000.00', files: pdfs } })
      .expect(200);
    await move(m.jwt, second, 'declared').expect(200);
    expect((await move(staff, second, 'returned')).body.error.code).toBe('NOTE_REQUIRED');
    await move(staff, second, 'returned', '进项发票金额与报关单不符').expect(200);
    const home = await api().get('/api/home').set(bearer(m.jwt)).expect(200);
    expect(home.body.modules.find((x: any) => x.key === 'tax-refund').todo).toBe(1);
    await api()
      .put(`/api/applications/${second}`)
      .set(bearer(m.jwt))
      .send({ data: { ...DATA, hsCode: '7103992000', orderAmount: '42800.00', purchaseAmount: '35000.00', files: pdfs } })
      .expect(200);
    await move(m.jwt, second, 'declared').expect(200);
    expect((await refund(m.jwt, second)).estimate.estimate).toBe('4550.00');
  });
});

describe('return messages (T3)', () => {
  it('with any bad row apply nothing and report every bad row', async () => {
    const [a, b] = [await refund(staff, first), await refund(staff, second)];
    const res = await api()
      .post('/api/tax-refund/returns')
      .set(bearer(staff))
      .attach(
        'file',
        await returnsSheet([
          [a.number, '已到账', '9360.00', today(), ''],
          ['TR-19990101-99999', '审核中', '', '', ''],
          [b.number, '已办结', '', '', ''],
          [b.number, '审核中', '', '', ''],
        ]),
        '退税回执.xlsx',
      );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RETURN_UPLOAD_INVALID');
    expect(res.body.error.details.errors.map((e: any) => [e.row, e.code])).toEqual([
      [3, 'APPLICATION_UNKNOWN'],
      [4, 'STATUS_UNKNOWN'],
      [5, 'DUPLICATE_IN_FILE'],
    ]);
    expect((await refund(staff, first)).status).toBe('reviewing');
    const illegal = await api()
      .post('/api/tax-refund/returns')
      .set(bearer(staff))
      .attach(
        'file',
        await returnsSheet([
          [a.number, '审核中', '', '', ''],
          [b.number, '已到账', '1.00', '', ''],
        ]),
        'r.xlsx',
      );
    // b is 申报: 已到账 is reachable (审核 → 退库 → 到账), so only a's backward move would be wrong — it is a no-op instead.
    expect(illegal.status).toBe(200);
    expect(illegal.body.data.applied.map((x: any) => [x.number, x.from, x.to])).toEqual([[b.number, 'declared', 'paid']]);
    expect(illegal.body.data.unchanged).toBe(1);
  });

  it('move refunds through the engine once a day, and the merchant sees the refunded amount', async () => {
    const b = await refund(m.jwt, second);
    expect(b).toMatchObject({ status: 'paid', refundedAmount: '1.00' });
    expect(b.returns).toEqual([{ date: today(), status: 'paid', statusLabel: '到账', amount: '1.00', message: null }]);
    expect(b.timeline.slice(-3).map((t: any) => [t.to, t.actorKind])).toEqual([
      ['reviewing', 'platform'],
      ['treasury', 'platform'],
      ['paid', 'platform'],
    ]);
    const messages = (await api().get('/api/messages?filters[module][$eq]=tax-refund').set(bearer(m.jwt)).expect(200)).body.data;
    expect(messages[0]).toMatchObject({ title: '出口退税：到账', link: `/tax-refund/${second}` });
    const again = await api()
      .post('/api/tax-refund/returns')
      .set(bearer(staff))
      .attach('file', await returnsSheet([[b.number, '已到账', '1.00', '', '']]), 'again.xlsx');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RETURN_ALREADY_UPLOADED');
    expect(
      (
        await api()
          .post('/api/tax-refund/returns')
          .set(bearer(m.jwt))
          .attach('file', await returnsSheet([]), 'x.xlsx')
      ).status,
    ).toBe(403);
    const history = await api().get('/api/tax-refund/returns').set(bearer(staff)).expect(200);
    expect(history.body.data[0]).toMatchObject({ date: today(), fileName: 'r.xlsx', total: 2, applied: 1 });

    // The rest of the first refund's way, by staff: 审核 → 退库 → 到账; and a rejection ends another.
    await move(staff, first, 'treasury').expect(200);
    await move(staff, first, 'paid').expect(200);
    expect((await refund(m.jwt, first)).status).toBe('paid');
    const third = (
      await api()
        .post('/api/applications')
        .set(bearer(m.jwt))
        .send({ kind: 'tax-refund', data: { ...DATA, files: pdfs } })
        .expect(201)
    ).body.data.id;
    await move(m.jwt, third, 'declared').expect(200);
    await move(staff, third, 'rejected', '出口报关单非“出口退税专用”联').expect(200);
    expect((await refund(m.jwt, third)).status).toBe('rejected');
  });

  it('are recorded in the operation log', async () => {
    const res = await api().get('/api/audit-logs?filters[module][$eq]=tax-refund&pagination[pageSize]=100').set(bearer(staff)).expect(200);
    const actions = new Set(res.body.data.map((r: any) => r.action));
    for (const action of ['returns.upload', 'package.download', 'rate.create', 'rate.update', 'rate.delete']) expect(actions).toContain(action);
  });
});

describe('ids that point at another merchant’s records (plugin-kit resolves them inside the refund’s merchant)', () => {
  it('a draft naming another merchant’s files and batches shows none of them — not to the merchant, not to staff, not in the package', async () => {
    const theirPdf = realPdf('Another merchant’s invoice');
    const theirs = {
      tax_declaration: await uploadFile(other.jwt, 'tax_declaration', theirPdf, '他人的报关单.pdf'),
      tax_purchase_invoice: await uploadFile(other.jwt, 'tax_purchase_invoice', theirPdf, '他人的进项发票.pdf'),
      tax_sales_invoice: await uploadFile(other.jwt, 'tax_sales_invoice', theirPdf, '他人的销售发票.pdf'),
    };
    const jinghua = await login(PHONES.jinghuaAdmin);
    const theirBatch = (await api().get('/api/customs/batches').set(bearer(jinghua)).expect(200)).body.data[0].id as string;
    const draft = (
      await api()
        .post('/api/applications')
        .set(bearer(m.jwt))
        .send({ kind: 'tax-refund', data: { ...DATA, files: theirs, customsBatches: [theirBatch] } })
        .expect(201)
    ).body.data.id as string;

    for (const viewer of [m.jwt, staff]) {
      const detail = await refund(viewer, draft);
      expect(detail.documents).toEqual([]);
      expect(detail.batches).toEqual([]);
      expect(JSON.stringify(detail)).not.toContain('他人的');
    }
    const res = await api()
      .get(`/api/tax-refund/applications/${draft}/package.zip`)
      .set(bearer(staff))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(res.body as Buffer);
    expect(Object.keys(zip.files).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    // And the submission names each foreign id as invalid.
    const submitted = await move(m.jwt, draft, 'declared');
    expect(submitted.status).toBe(400);
    expect(submitted.body.error.details.missing.map((x: any) => x.field)).toEqual(
      expect.arrayContaining(['files.tax_declaration', 'files.tax_purchase_invoice', 'files.tax_sales_invoice', 'customsBatches']),
    );
  });
});
