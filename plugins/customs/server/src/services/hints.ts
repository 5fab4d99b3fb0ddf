/** C9: crystal-industry hints shown next to the customs forms; staff edit the texts, these are the first versions. */
export const DEFAULT_HINTS: { key: string; title: string; body: string; placement: string; sort: number }[] = [
  {
    key: 'fragile-goods',
    title: '易碎品申报提示',
    placement: 'batch.create',
    sort: 10,
    body: '水晶球、水晶摆件、晶簇属易碎品：包装种类请选纸箱或木箱，每票毛重按含包装重量填写；商品描述里注明“易碎 Fragile”，物流商才会按易碎件操作。',
  },
  {
    key: 'hs-code',
    title: '水晶商品 HS 编码怎么选',
    placement: 'orders.import',
    sort: 20,
    body: '天然水晶手串、吊坠等饰品多归 7116200000（宝石或半宝石制品）；未加工原石归 7103100000；加工的水晶球、水晶柱归 7103992000；合成水晶归 7104；玻璃仿水晶珠归 7018。不确定时请在订单里写清材质和用途，再咨询平台客服。',
  },
  {
    key: 'commercial-invoice',
    title: '商业发票要求',
    placement: 'orders.import',
    sort: 30,
    body: '商业发票上的品名、数量、单价、币制要和电子订单一致；天然与合成水晶分开开票，品名写“天然紫水晶手串”而不是“手串”，否则容易退单。',
  },
  {
    key: 'cultural-attribute',
    title: '文化属性商品提示',
    placement: 'orders.import',
    sort: 40,
    body: '带有宗教、风水寓意的雕件（如貔貅、佛像）按工艺品申报，品名写材质和造型，不写“开光”“招财”等功效描述；古旧水晶制品出境需文物部门鉴定，请勿按普通商品申报。',
  },
  {
    key: 'summary-reminder',
    title: '汇总申报提醒',
    placement: 'batch.summary',
    sort: 50,
    body: '选择“B 汇总申报”的批次，清单放行后须在次月 15 日前提交汇总申请单，生成报关单后才能办理出口退税；选择“A 简化申报”的批次不能退税。',
  },
];
