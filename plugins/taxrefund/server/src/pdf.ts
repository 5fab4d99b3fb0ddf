/**
 * "A real PDF" (T1): the private-file upload already refuses files whose first bytes are not `%PDF-`; a
 * submission also checks the file is whole — it ends with `%%EOF` after a `startxref` whose offset points
 * at a cross-reference table or stream inside the file. A renamed image or a truncated download fails.
 */
export function pdfProblem(bytes: Buffer): string | null {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return '不是 PDF 文件';
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString('latin1');
  if (!/%%EOF\s*$/.test(tail)) return 'PDF 文件不完整（缺少文件结尾），请重新导出后上传';
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) return 'PDF 文件已损坏（缺少交叉引用位置）';
  const offset = Number(m[1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= bytes.length) return 'PDF 文件已损坏（交叉引用位置无效）';
  const at = bytes.subarray(offset, offset + 32).toString('latin1');
  if (!/^(xref\b|\d+\s+\d+\s+obj\b)/.test(at)) return 'PDF 文件已损坏（交叉引用表无效）';
  return null;
}
