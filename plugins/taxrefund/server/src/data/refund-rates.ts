/**
 * The seed of the refund-rate table (DOMAIN.md §2): rates seen on third-party HS lookups for crystal and
 * related goods. They are data, not code — staff correct them against the tax authority's rate library
 * (出口退税率文库) in the admin console, with effective dates.
 */
export const SEEDED_RATES = [
  { hsCode: '7103100000', description: '未加工的宝石或半宝石（水晶原石）', rate: '13' },
  { hsCode: '71039920', description: '经其他加工的水晶', rate: '13' },
  { hsCode: '71039990', description: '经其他加工的其他宝石或半宝石', rate: '13' },
  { hsCode: '7116200000', description: '宝石或半宝石制品（水晶手串、吊坠、摆件等）', rate: '13' },
  { hsCode: '7116100000', description: '天然或养殖珍珠制品', rate: '13' },
  { hsCode: '71042100', description: '培育钻石（未加工或简单加工）', rate: '0' },
  { hsCode: '71049190', description: '其他培育钻石', rate: '0' },
  { hsCode: '71042900', description: '其他合成或再造宝石（未加工或简单加工）', rate: '13' },
  { hsCode: '71049990', description: '其他合成或再造宝石制品', rate: '13' },
  { hsCode: '7018100000', description: '玻璃珠、仿珍珠及仿宝石', rate: '9' },
  { hsCode: '7013', description: '玻璃器皿（水晶玻璃杯、摆件等）', rate: '13' },
  { hsCode: '7113209090', description: '以贱金属为底的包贵金属首饰', rate: '13' },
].map((r) => ({ ...r, effectiveFrom: '2020-01-01', effectiveTo: null, note: '来源：第三方 HS 退税率查询，请以国家税务总局出口退税率文库为准' }));
