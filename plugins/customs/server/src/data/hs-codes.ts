/**
 * A small HS (商品编码) table for the Donghai crystal trade.
 *
 * Provenance (see /work/shared/design/DOMAIN.md §2): the headings and refund rates marked
 * `source: 'domain'` are the ones DOMAIN.md lists (gathered from third-party HS lookups — verify against the
 * tax authority's rate library; in production this table is admin-editable data, this file is only the seed).
 * DOMAIN.md gives some headings with 8 digits (e.g. 71039920); the 10-digit code used here appends "00",
 * the usual national extension when a heading is not split further — that extension is an assumption.
 * Entries marked `source: 'demo'` are NOT justified by DOMAIN.md: they are plausible codes kept for demo data
 * and hint texts only; their refund rate is `null` when DOMAIN.md gives none. Never use a demo entry to
 * compute a real refund.
 *
 * Refund rates are exact decimal strings ("0.13"), never floats.
 */

export type HsSource = 'domain' | 'demo';

export interface HsEntry {
  /** 10-digit customs commodity code. */
  code: string;
  /** 中文商品名称 as shown to merchants. */
  name: string;
  /** English description (for merchants' overseas paperwork). */
  nameEn: string;
  /** Customs legal first unit code (海关法定第一计量单位) — see units in customs-codes.ts. */
  unit: string;
  /** 出口退税率 as an exact decimal string, or null when unknown. */
  refundRate: string | null;
  source: HsSource;
  /** Crystal-industry hint shown in forms (C9), e.g. which goods belong here. */
  hint?: string;
}

export const HS_CODES: readonly HsEntry[] = Object.freeze([
  {
    code: '7103100000',
    name: '未加工宝石或半宝石(水晶原石)',
    nameEn: 'Precious or semi-precious stones, unworked or simply sawn or roughly shaped (raw crystal)',
    unit: '035',
    refundRate: '0.13',
    source: 'domain',
    hint: '水晶原石、毛料、简单切割的水晶块',
  },
  {
    code: '7103992000',
    name: '经其他加工的水晶',
    nameEn: 'Rock crystal, otherwise worked',
    unit: '035',
    refundRate: '0.13',
    source: 'domain',
    hint: '水晶球、水晶柱、水晶摆件等经加工的水晶(DOMAIN.md 8位 71039920,末两位 00 为假设)',
  },
  {
    code: '7103999000',
    name: '经其他加工的其他宝石或半宝石',
    nameEn: 'Other precious or semi-precious stones, otherwise worked',
    unit: '035',
    refundRate: '0.13',
    source: 'domain',
    hint: '经加工的玛瑙、碧玺等其他半宝石(DOMAIN.md 8位 71039990)',
  },
  {
    code: '7116200000',
    name: '宝石或半宝石制品',
    nameEn: 'Articles of precious or semi-precious stones (natural, synthetic or reconstructed)',
    unit: '035',
    refundRate: '0.13',
    source: 'domain',
    hint: '紫水晶手串、粉晶吊坠、水晶项链等天然水晶饰品',
  },
  {
    code: '7116100000',
    name: '天然或养殖珍珠制品',
    nameEn: 'Articles of natural or cultured pearls',
    unit: '035',
    refundRate: '0.13',
    source: 'domain',
    hint: '珍珠手链、珍珠项链',
  },
  {
    code: '7104210000',
    name: '未加工合成钻石',
    nameEn: 'Synthetic diamonds, unworked or simply sawn or roughly shaped',
    unit: '084',
    refundRate: '0',
    source: 'domain',
    hint: '实验室培育钻石毛坯(退税率 0)',
  },
  {
    code: '7104919000',
    name: '经其他加工的合成钻石',
    nameEn: 'Synthetic diamonds, otherwise worked',
    unit: '084',
    refundRate: '0',
    source: 'domain',
    hint: '培育钻石成品裸钻(退税率 0)',
  },
  {
    code: '7104290000',
    name: '未加工的其他合成或再造宝石',
    nameEn: 'Other synthetic or reconstructed stones, unworked or simply sawn or roughly shaped',
    unit: '035',
    refundRate: '0.13',
    source: 'domain',
    hint: '合成水晶毛料、再造宝石毛坯',
  },
  {
    code: '7104999000',
    name: '经其他加工的其他合成或再造宝石',
    nameEn: 'Other synthetic or reconstructed stones, otherwise worked',
    unit: '035',
    refundRate: '0.13',
    source: 'domain',
    hint: '合成水晶球、合成宝石切磨件',
  },
  {
    code: '7018100000',
    name: '玻璃珠、仿珍珠及类似小件玻璃品',
    nameEn: 'Glass beads, imitation pearls and similar glass smallwares',
    unit: '035',
    refundRate: '0.09',
    source: 'domain',
    hint: '玻璃珠、水钻(玻璃)、仿水晶珠 —— 不是天然水晶,不要填 7116',
  },
  {
    code: '7113209090',
    name: '以贱金属为底的包贵金属制其他首饰',
    nameEn: 'Articles of jewellery of base metal clad with precious metal, other',
    unit: '036',
    refundRate: '0.13',
    source: 'domain',
    hint: '包金/镀金底托镶水晶的首饰',
  },
  // 7013xxxx glassware: DOMAIN.md gives the heading and rate (13%) only; the 10-digit codes are demo.
  {
    code: '7013220000',
    name: '铅晶质玻璃制高脚杯',
    nameEn: 'Stemware drinking glasses of lead crystal',
    unit: '007',
    refundRate: '0.13',
    source: 'demo',
    hint: '水晶玻璃高脚杯(7013 品目退税率见 DOMAIN.md;10位编码为演示数据)',
  },
  {
    code: '7013410000',
    name: '铅晶质玻璃制餐桌或厨房用器',
    nameEn: 'Glassware of lead crystal for table or kitchen purposes',
    unit: '007',
    refundRate: '0.13',
    source: 'demo',
    hint: '水晶玻璃果盘、碗(10位编码为演示数据)',
  },
  {
    code: '7013910000',
    name: '铅晶质玻璃制其他玻璃器',
    nameEn: 'Other glassware of lead crystal',
    unit: '007',
    refundRate: '0.13',
    source: 'demo',
    hint: '水晶玻璃烛台、摆件(10位编码为演示数据)',
  },
  {
    code: '7117190000',
    name: '贱金属制其他仿首饰',
    nameEn: 'Other imitation jewellery of base metal',
    unit: '036',
    refundRate: null,
    source: 'demo',
    hint: 'DOMAIN.md: 7117 退税率未查到 —— 演示数据,申报前请核实',
  },
]);

const BY_CODE: ReadonlyMap<string, HsEntry> = new Map(HS_CODES.map((e) => [e.code, e]));

/** Strips the separators people type ("7116.20.0000", "7116 2000 00") — not a validity check. */
export function compactHsCode(input: string): string {
  return input.replace(/[\s.．·-]/g, '');
}

/** True when `code` is exactly 10 ASCII digits. */
export function isHsFormat(code: string): boolean {
  return /^\d{10}$/.test(code);
}

/** The entry for a 10-digit code, or undefined. */
export function findHsCode(code: string): HsEntry | undefined {
  return BY_CODE.get(compactHsCode(code));
}

export function isKnownHsCode(code: string): boolean {
  return BY_CODE.has(compactHsCode(code));
}

/** Refund rate as an exact decimal string ("0.13"), or null when unknown / not in the table. */
export function refundRateOf(code: string): string | null {
  return findHsCode(code)?.refundRate ?? null;
}

/** Entries whose code starts with `prefix` (e.g. "7116", "7013"), in table order. */
export function hsCodesUnder(prefix: string): HsEntry[] {
  const p = compactHsCode(prefix);
  return HS_CODES.filter((e) => e.code.startsWith(p));
}
