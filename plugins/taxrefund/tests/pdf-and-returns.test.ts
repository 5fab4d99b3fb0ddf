import ExcelJS from 'exceljs';
import { pdfProblem } from '../server/src/pdf';
import { pathTo, readReturns } from '../server/src/services/returns';

/** A small well-formed PDF (header, objects, xref at the offset startxref names, %%EOF). */
export function realPdf(text = 'Export declaration'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>`,
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

describe('real PDF check', () => {
  test('a whole PDF passes', () => expect(pdfProblem(realPdf())).toBeNull());
  test('a renamed image, a truncated download and a broken xref fail with a reason', () => {
    expect(pdfProblem(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('不是 PDF 文件');
    const pdf = realPdf();
    expect(pdfProblem(pdf.subarray(0, pdf.length - 40))).toMatch(/不完整/);
    expect(pdfProblem(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'))).toMatch(/缺少交叉引用位置/);
    const broken = Buffer.from(pdf.toString('latin1').replace(/startxref\n\d+/, 'startxref\n12'), 'latin1');
    expect(pdfProblem(broken)).toMatch(/交叉引用表无效/);
  });
});

describe('return messages', () => {
  async function sheet(rows: (string | number | null)[][], header = ['申报编号', '状态', '退税金额', '日期', '说明']): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('回执');
    ws.addRow(header);
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test('the path a return implies follows the platform moves', () => {
    expect(pathTo('declared', 'reviewing')).toEqual(['reviewing']);
    expect(pathTo('declared', 'paid')).toEqual(['reviewing', 'treasury', 'paid']);
    expect(pathTo('reviewing', 'returned')).toEqual(['returned']);
    expect(pathTo('treasury', 'treasury')).toEqual([]);
    expect(pathTo('treasury', 'returned')).toBeNull();
    expect(pathTo('draft', 'reviewing')).toBeNull();
    expect(pathTo('paid', 'reviewing')).toBeNull();
  });

  test('rows are read and every bad cell reported', async () => {
    const { rows, errors } = await readReturns(
      await sheet([
        ['TR-20261122-00001', '审核中', '', '2026-11-22', ''],
        ['TR-20261122-00002', '已到账', '1,300.50', '2026/11/22', '已退至对公账户'],
        ['TR-20261122-00001', '审核通过', '', '', ''],
        ['TR-20261122-00003', '已办结', '', '', ''],
        ['TR-20261122-00004', '已到账', '', '', ''],
        ['TR-20261122-00005', '退回', '', '', ''],
        ['TR-20261122-00006', '退库', '12.345', '2026-13-01', ''],
      ]),
    );
    expect(rows.slice(0, 2)).toEqual([
      { row: 2, number: 'TR-20261122-00001', word: '审核中', amount: null, date: '2026-11-22', message: null },
      { row: 3, number: 'TR-20261122-00002', word: '已到账', amount: '1300.50', date: '2026-11-22', message: '已退至对公账户' },
    ]);
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [4, 'DUPLICATE_IN_FILE'],
      [5, 'STATUS_UNKNOWN'],
      [6, 'REQUIRED'],
      [7, 'NOTE_REQUIRED'],
      [8, 'AMOUNT_INVALID'],
      [8, 'DATE_INVALID'],
    ]);
  });

  test('files that are not return files are refused as a whole', async () => {
    await expect(readReturns(Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_XLSX' });
    await expect(readReturns(await sheet([['a', 'b']], ['编号', '结果']))).rejects.toMatchObject({ code: 'HEADER_MISMATCH' });
    await expect(readReturns(await sheet([]))).rejects.toMatchObject({ code: 'NO_DATA' });
  });
});

describe('return template', () => {
  test('has the columns the reader expects and only a skipped example row', async () => {
    const { returnsTemplate } = await import('../server/src/services/returns');
    await expect(readReturns(await returnsTemplate())).rejects.toMatchObject({ code: 'NO_DATA' });
  });
});
