/**
 * 账号与商户: the cms's own routes — sign-in (SMS, WeChat), the current user and merchant, the home page, merchants,
 * members, the message centre, private files, shared carriers, products, platform roles, the operation log and the
 * push outbox. Routes Strapi generates for a content type (`createCoreRouter`) speak Strapi's REST format: write
 * bodies are `{ data: { … } }` and lists take `pagination[…]`, `filters[…]`, `sort`. Strapi's own plugins'
 * content-API routes (password login, /api/users, the upload library …) are closed (cms/src/core/closed-routes.ts).
 */
import * as z from 'zod/mini';
import { anyObject, dataOf, listOf, listQuery, maybe, timestamp } from './common';
import { documentId, idParams, oneOf, text } from './fields';
import { MAINLAND_PHONE, receivedInvitation } from './invitations';
import { routes, type ListDoc } from './route';

const phone = () => text('手机号', 11, { required: true, pattern: MAINLAND_PHONE, patternMessage: '请输入正确的中国大陆手机号（11 位，以 1 开头）' });

export const smsSendInput = z.object({ phone: phone() });
export const smsLoginInput = z.object({
  phone: phone(),
  code: text('验证码', 6, { required: true, pattern: /^\d{6}$/, patternMessage: '请输入 6 位数字验证码' }),
  /** 记住我: a 7-day session instead of SESSION_TTL (8 hours). */
  remember: z.optional(z.boolean()),
});
export const wechatLoginInput = z.object({
  /** wx.login() code. */
  code: z.string(),
  /** getPhoneNumber code (the phone button). */
  phoneCode: z.string(),
  remember: z.optional(z.boolean()),
});
export const switchMerchantInput = z.object({ merchantId: documentId('商户编号') });

const sessionUser = z.object({ id: z.number(), phone: z.string(), realName: maybe(z.string()), isPlatformStaff: z.boolean() });
const signedIn = z.object({ jwt: z.string(), user: sessionUser });

const merchantSummary = z.object({ documentId: z.string(), nameCn: z.string(), nameEn: maybe(z.string()), type: z.string(), registrationStatus: z.string() });
export const mePayload = z.object({
  user: z.object({ id: z.number(), phone: z.string(), realName: maybe(z.string()), email: maybe(z.string()) }),
  isPlatformStaff: z.boolean(),
  platformRoles: z.array(z.object({ code: z.string(), name: z.string() })),
  merchant: maybe(merchantSummary),
  role: maybe(z.enum(['admin', 'member'])),
  permissions: z.array(z.string()),
  /** Every merchant the user belongs to (the account switcher). */
  merchants: z.array(z.object({ documentId: z.string(), nameCn: z.string(), role: z.string(), current: z.boolean() })),
  /** Invitations waiting for this phone. */
  invitations: z.array(receivedInvitation),
});

/** A Strapi document as the content-API answers it (its own attributes besides these). */
const document = (fields: Record<string, z.ZodMiniType> = {}) => z.looseObject({ id: z.number(), documentId: z.string(), createdAt: timestamp, updatedAt: timestamp, ...fields });

export const merchant = document({ nameCn: z.string(), nameEn: maybe(z.string()), type: z.string(), registrationStatus: z.string() });
export const membership = z.object({
  documentId: z.string(),
  role: z.enum(['admin', 'member']),
  createdAt: timestamp,
  user: maybe(z.object({ id: z.number(), phone: z.string(), realName: maybe(z.string()) })),
});
export const message = z.object({
  documentId: z.string(),
  category: z.enum(['business', 'todo', 'announcement']),
  categoryLabel: z.optional(z.string()),
  module: maybe(z.string()),
  title: z.string(),
  body: maybe(z.string()),
  link: maybe(z.string()),
  read: z.boolean(),
  createdAt: timestamp,
});
export const privateFile = document({ category: z.string(), originalName: maybe(z.string()), mime: maybe(z.string()), size: maybe(z.number()) });
export const carrier = document({ name: z.string(), code: z.string(), serviceType: maybe(z.string()), status: maybe(z.string()) });
export const product = document({
  name: z.string(),
  sku: maybe(z.string()),
  hsCode: maybe(z.string()),
  price: maybe(z.string()),
  currency: maybe(z.string()),
  status: maybe(z.string()),
});
export const staffRole = document({ code: z.string(), name: z.string(), permissions: maybe(z.array(z.string())) });

/** `{ data: { … } }`: Strapi's write body for a content type. */
const writeOf = (fields: Record<string, z.ZodMiniType>) => z.object({ data: z.object(fields) });

export const merchantInput = writeOf({
  nameCn: text('企业中文名称', 100),
  nameEn: text('企业英文名称', 200),
  addressCn: text('中文地址', 300),
  addressEn: text('英文地址', 500),
  legalPersonName: text('法人姓名', 50),
  contactName: text('联系人', 50),
  contactPhone: text('联系电话', 20),
  contactEmail: text('联系邮箱', 254),
  fxSubAccount: text('外汇子账户', 40),
  settlementCardNo: text('结算卡号', 30),
  settlementBankName: text('开户银行', 100),
});
export const membershipInput = writeOf({ role: oneOf('角色', ['admin', 'member'] as const, '角色应为管理员（admin）或普通成员（member）', { required: true }) });
export const messageInput = writeOf({
  merchant: z.union([z.number(), z.string()]),
  category: oneOf('类别', ['business', 'todo', 'announcement'] as const, '类别应为业务、待办或公告'),
  module: text('模块', 30),
  title: text('标题', 100, { required: true }),
  body: text('内容', 2000),
  link: text('链接', 300),
});
export const carrierInput = writeOf({
  name: text('服务商名称', 50, { required: true }),
  code: text('服务商代码', 30, { required: true }),
  customsCode: text('海关编码', 18),
  serviceType: oneOf('服务类型', ['express', 'dedicated_line', 'postal'] as const, '服务类型应为快递、专线或邮政'),
  transitDays: text('时效', 20),
  status: oneOf('状态', ['normal', 'paused', 'terminated'] as const, '状态应为正常、暂停或终止'),
  description: text('介绍', 2000),
});
export const productInput = writeOf({
  name: text('商品名称', 100, { required: true }),
  nameEn: text('英文名称', 200),
  sku: text('商品货号', 64),
  hsCode: text('HS 编码', 10),
  category: text('品类', 50),
  material: text('材质', 50),
  price: text('单价', 20),
  currency: oneOf('币制', ['CNY', 'USD', 'EUR', 'JPY', 'GBP', 'HKD', 'AUD'] as const, '不支持的币制'),
  unit: text('计量单位', 10),
  status: oneOf('状态', ['draft', 'listed', 'unlisted'] as const, '状态应为草稿、上架或下架'),
  description: text('描述', 2000),
});
export const staffRoleInput = writeOf({
  code: text('角色代码', 50, { required: true }),
  name: text('角色名称', 50, { required: true }),
  description: text('说明', 500),
  permissions: z.optional(z.array(z.string())),
});

export const PRIVATE_FILE_CATEGORIES = [
  'business_licence',
  'id_card_front',
  'id_card_back',
  'bank_permit',
  'lease_contract',
  'application_form',
  'commitment_letter',
  'authorization_letter',
  'invoice',
  'customs_document',
  'fx_withdrawal',
  'fx_statement',
  'fx_logistics',
  'tax_declaration',
  'tax_purchase_invoice',
  'tax_sales_invoice',
  'other',
] as const;

const auditLog = z.looseObject({
  id: z.number(),
  createdAt: timestamp,
  actorPhone: maybe(z.string()),
  actorName: maybe(z.string()),
  module: z.string(),
  moduleLabel: z.string(),
  action: z.string(),
  actionLabel: z.string(),
});
const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
const outboxJob = z.object({
  id: z.string(),
  documentId: z.string(),
  channel: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  title: maybe(z.string()),
  recipient: maybe(z.string()),
  /** The merchant a job concerns (none for platform-wide jobs). */
  merchantId: maybe(z.number()),
  attempts: z.number(),
  maxAttempts: z.number(),
  nextAttemptAt: maybe(timestamp),
  lastError: maybe(z.string()),
  sentAt: maybe(timestamp),
  createdAt: timestamp,
  /** The mini-program page a WeChat push opens. */
  pagepath: maybe(z.string()),
});

/** The operation log's filters (cms AUDIT_LIST): the list and the CSV export take the same ones. */
const AUDIT_LIST_DOC: ListDoc = {
  filters: {
    actor: ['$containsi (手机号的一部分，或用户 ID)'],
    actorId: ['$eq (用户 ID)'],
    module: ['$eq', '$in'],
    action: ['$eq', '$in'],
    createdAt: ['$gte (ISO 8601 时间)', '$lte (ISO 8601 时间)', '$between (两个 ISO 8601 时间)'],
  },
  sort: ['createdAt'],
  maxPageSize: 100,
};
/** The export's query: the list's `filters[…]` and `sort`, without pagination (every row, up to 50,000). */
const auditExportQuery = z.object({
  ...Object.fromEntries(
    Object.entries(AUDIT_LIST_DOC.filters).flatMap(([field, ops]) =>
      ops.map((op) => {
        const [operator, ...note] = op.split(' ');
        const description = `按 ${field} 筛选（${operator}）${note.length ? `：${note.join(' ').replace(/^\(|\)$/g, '')}` : ''}`;
        return [`filters[${field}][${operator}]`, z.optional(z.string().check(z.describe(description)))];
      }),
    ),
  ),
  sort: z.optional(z.string().check(z.describe('排序：createdAt:asc|desc（默认新的在前）'))),
});

/** Strapi's generated list of a content type: any attribute may be filtered; these are the ones worth knowing. */
const coreList = (filters: string[], sort: string[]): ListDoc => ({ filters: Object.fromEntries(filters.map((f) => [f, ['$eq', '$in', '$containsi']])), sort, maxPageSize: 100 });

const MERCHANT_WRITE = ['MEMBER_READ_ONLY', 'FORBIDDEN'];
const deleted = dataOf(z.looseObject({ documentId: z.string() }));

export const cmsRoutes = routes('账号与商户', [
  // ------------------------------------------------------------------ sign-in
  {
    method: 'POST',
    path: '/auth/sms/send',
    handler: 'smsSend',
    audience: 'public',
    summary: '发送短信验证码（60 秒一次，每天有上限）',
    body: smsSendInput,
    response: z.object({ sent: z.literal(true), cooldownSeconds: z.number(), expiresInSeconds: z.number() }),
    errors: ['PHONE_INVALID', 'SMS_TOO_FREQUENT', 'SMS_DAILY_LIMIT', 'PHONE_LOCKED', 'SMS_SEND_FAILED'],
    example: { body: { phone: '13912345678' } },
  },
  {
    method: 'POST',
    path: '/auth/sms/login',
    handler: 'smsLogin',
    audience: 'public',
    summary: '短信验证码登录（首次登录即注册）',
    body: smsLoginInput,
    response: signedIn,
    errors: ['PHONE_INVALID', 'SMS_CODE_REQUIRED', 'SMS_CODE_INVALID', 'SMS_CODE_EXPIRED', 'PHONE_LOCKED', 'ACCOUNT_BLOCKED'],
    example: { body: { phone: '13912345678', code: '123456', remember: true } },
  },
  {
    method: 'POST',
    path: '/auth/wechat/login',
    handler: 'wechatLogin',
    audience: 'public',
    summary: '微信小程序一键登录（wx.login 与手机号授权）',
    body: wechatLoginInput,
    response: signedIn,
    errors: ['WECHAT_CODE_INVALID', 'WECHAT_PHONE_FAILED', 'WECHAT_UNAVAILABLE', 'PHONE_INVALID', 'ACCOUNT_BLOCKED'],
    example: { body: { code: '0a1b2c', phoneCode: '9f8e7d' } },
  },
  // ------------------------------------------------------------------ me
  { method: 'GET', path: '/me', handler: 'me', audience: 'user', summary: '当前用户：所在商户与角色、全部商户（切换用）、权限、待接受的邀请', response: mePayload, errors: [] },
  {
    method: 'POST',
    path: '/me/switch-merchant',
    handler: 'switchMerchant',
    audience: 'user',
    summary: '切换当前商户（返回新的令牌）',
    body: switchMerchantInput,
    response: z.looseObject({ jwt: z.string(), ...mePayload.shape }),
    errors: ['VALIDATION_FAILED', 'NOT_A_MEMBER'],
  },
  {
    method: 'GET',
    path: '/home',
    handler: 'home',
    audience: 'merchant',
    summary: '首页：各业务模块的进度、待办、消息与公告',
    response: anyObject,
    errors: ['FORBIDDEN', 'NO_MERCHANT'],
  },
  // ------------------------------------------------------------------ merchants
  {
    method: 'GET',
    path: '/merchants',
    handler: 'find',
    audience: 'user',
    summary: '商户列表（商户用户只看到自己所在的商户）',
    list: coreList(['nameCn', 'registrationStatus', 'type'], ['createdAt', 'nameCn']),
    response: listOf(merchant),
    errors: ['VALIDATION_FAILED'],
  },
  { method: 'GET', path: '/merchants/:id', handler: 'findOne', audience: 'user', summary: '商户资料', params: idParams, response: dataOf(merchant), errors: ['NOT_FOUND'] },
  {
    method: 'POST',
    path: '/merchants',
    handler: 'create',
    audience: 'staff',
    permission: 'merchants.write',
    summary: '新建商户（平台人员）',
    body: merchantInput,
    response: dataOf(merchant),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    example: { body: { data: { nameCn: '东海县晶华水晶饰品有限公司' } } },
  },
  {
    method: 'PUT',
    path: '/merchants/:id',
    handler: 'update',
    audience: 'merchant',
    permission: 'merchant.write',
    summary: '修改商户资料（工商注册通过后，名称、类型、地址、法人由平台修改）',
    params: idParams,
    body: merchantInput,
    response: dataOf(merchant),
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'APPROVED_DATA_LOCKED', ...MERCHANT_WRITE],
    example: { body: { data: { contactName: '王晶', contactPhone: '13912345678' } } },
  },
  {
    method: 'DELETE',
    path: '/merchants/:id',
    handler: 'delete',
    audience: 'staff',
    permission: 'merchants.write',
    summary: '删除商户（平台人员）',
    params: idParams,
    response: deleted,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  // ------------------------------------------------------------------ members (people join by invitation: /invitations)
  {
    method: 'GET',
    path: '/memberships',
    handler: 'find',
    audience: 'merchant',
    permission: 'members.read',
    summary: '本商户成员',
    list: { filters: { role: ['$eq'] }, sort: ['createdAt'] },
    response: listOf(membership),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/memberships/:id',
    handler: 'findOne',
    audience: 'merchant',
    permission: 'members.read',
    summary: '成员详情',
    params: idParams,
    response: dataOf(membership),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  {
    method: 'PUT',
    path: '/memberships/:id',
    handler: 'update',
    audience: 'merchant',
    permission: 'members.write',
    summary: '修改成员角色（至少保留一名管理员）',
    params: idParams,
    body: membershipInput,
    response: dataOf(membership),
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'LAST_ADMIN', ...MERCHANT_WRITE],
    example: { body: { data: { role: 'admin' } } },
  },
  {
    method: 'DELETE',
    path: '/memberships/:id',
    handler: 'delete',
    audience: 'merchant',
    permission: 'members.write',
    summary: '移除成员（至少保留一名管理员）',
    params: idParams,
    response: deleted,
    errors: ['NOT_FOUND', 'LAST_ADMIN', ...MERCHANT_WRITE],
  },
  // ------------------------------------------------------------------ message centre
  {
    method: 'GET',
    path: '/messages',
    handler: 'find',
    audience: 'user',
    permission: 'messages.read',
    summary: '消息中心：本商户的消息，新的在前（meta.unread 为未读数）',
    list: { filters: { category: ['$eq', '$in'], module: ['$eq'], read: ['$eq (true|false)'] }, sort: ['createdAt'] },
    response: listOf(message, { unread: z.number() }),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/messages/:id',
    handler: 'findOne',
    audience: 'merchant',
    permission: 'messages.read',
    summary: '消息详情',
    params: idParams,
    response: dataOf(message),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/messages',
    handler: 'create',
    audience: 'staff',
    permission: 'message.write',
    summary: '给商户发送消息（平台人员）',
    body: messageInput,
    response: dataOf(message),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    example: { body: { data: { merchant: 1, category: 'business', module: 'registration', title: '材料初审已通过', body: '请准备现场核验。', link: '/registration' } } },
  },
  {
    method: 'POST',
    path: '/messages/:id/read',
    handler: 'markRead',
    audience: 'merchant',
    permission: 'messages.mark',
    summary: '标为已读',
    params: idParams,
    response: dataOf(z.object({ documentId: z.string(), read: z.boolean() })),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/messages/read-all',
    handler: 'markAllRead',
    audience: 'merchant',
    permission: 'messages.mark',
    summary: '全部标为已读',
    response: dataOf(z.object({ marked: z.number() })),
    errors: ['FORBIDDEN'],
  },
  // ------------------------------------------------------------------ private files
  {
    method: 'GET',
    path: '/private-files',
    handler: 'find',
    audience: 'user',
    permission: 'files.read',
    summary: '本商户的资料文件',
    list: coreList(['category'], ['createdAt']),
    response: listOf(privateFile),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/private-files/:id',
    handler: 'findOne',
    audience: 'user',
    permission: 'files.read',
    summary: '资料文件信息',
    params: idParams,
    response: dataOf(privateFile),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/private-files',
    handler: 'create',
    audience: 'merchant',
    permission: 'files.write',
    summary: '上传资料文件（按内容识别类型；只有本商户与授权的平台人员可下载）',
    upload: { field: 'file', accept: ['PDF', 'JPG', 'PNG', 'XLSX', 'DOCX', 'ZIP'], maxBytes: '20 MB' },
    body: z.object({ category: z.enum(PRIVATE_FILE_CATEGORIES) }),
    status: 201,
    response: dataOf(privateFile),
    errors: ['FILE_REQUIRED', 'FILE_CATEGORY_INVALID', 'FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', ...MERCHANT_WRITE],
  },
  {
    method: 'DELETE',
    path: '/private-files/:id',
    handler: 'delete',
    audience: 'merchant',
    permission: 'files.write',
    summary: '删除资料文件',
    params: idParams,
    response: deleted,
    errors: ['NOT_FOUND', ...MERCHANT_WRITE],
  },
  {
    method: 'GET',
    path: '/private-files/:id/download',
    handler: 'download',
    audience: 'user',
    permission: 'files.read',
    summary: '下载资料文件',
    params: idParams,
    download: { contentType: 'application/octet-stream' },
    errors: ['NOT_FOUND', 'FILE_MISSING', 'FORBIDDEN'],
  },
  // ------------------------------------------------------------------ carriers (shared reference data)
  {
    method: 'GET',
    path: '/carriers',
    handler: 'find',
    audience: 'user',
    summary: '物流服务商（所有商户共用）',
    list: coreList(['serviceType', 'status', 'name'], ['sort', 'name']),
    response: listOf(carrier),
    errors: ['VALIDATION_FAILED'],
  },
  { method: 'GET', path: '/carriers/:id', handler: 'findOne', audience: 'user', summary: '物流服务商详情', params: idParams, response: dataOf(carrier), errors: ['NOT_FOUND'] },
  {
    method: 'POST',
    path: '/carriers',
    handler: 'create',
    audience: 'staff',
    permission: 'carrier.write',
    summary: '新增物流服务商',
    body: carrierInput,
    response: dataOf(carrier),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    example: { body: { data: { name: '顺丰国际', code: 'SF', serviceType: 'express' } } },
  },
  {
    method: 'PUT',
    path: '/carriers/:id',
    handler: 'update',
    audience: 'staff',
    permission: 'carrier.write',
    summary: '修改物流服务商',
    params: idParams,
    body: carrierInput,
    response: dataOf(carrier),
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'],
    example: { body: { data: { status: 'paused' } } },
  },
  {
    method: 'DELETE',
    path: '/carriers/:id',
    handler: 'delete',
    audience: 'staff',
    permission: 'carrier.write',
    summary: '删除物流服务商',
    params: idParams,
    response: deleted,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  // ------------------------------------------------------------------ products
  {
    method: 'GET',
    path: '/products',
    handler: 'find',
    audience: 'user',
    summary: '本商户的商品',
    list: coreList(['name', 'sku', 'hsCode', 'status', 'category'], ['createdAt', 'name']),
    response: listOf(product),
    errors: ['VALIDATION_FAILED'],
  },
  { method: 'GET', path: '/products/:id', handler: 'findOne', audience: 'user', summary: '商品详情', params: idParams, response: dataOf(product), errors: ['NOT_FOUND'] },
  {
    method: 'POST',
    path: '/products',
    handler: 'create',
    audience: 'merchant',
    permission: 'data.write',
    summary: '新增商品',
    body: productInput,
    response: dataOf(product),
    errors: ['VALIDATION_FAILED', ...MERCHANT_WRITE],
    example: { body: { data: { name: '紫水晶手串', sku: 'AM-BR-8MM', hsCode: '7116200000', price: '12.50', currency: 'USD', unit: '条' } } },
  },
  {
    method: 'PUT',
    path: '/products/:id',
    handler: 'update',
    audience: 'merchant',
    permission: 'data.write',
    summary: '修改商品',
    params: idParams,
    body: productInput,
    response: dataOf(product),
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', ...MERCHANT_WRITE],
    example: { body: { data: { price: '13.00' } } },
  },
  {
    method: 'DELETE',
    path: '/products/:id',
    handler: 'delete',
    audience: 'merchant',
    permission: 'data.write',
    summary: '删除商品',
    params: idParams,
    response: deleted,
    errors: ['NOT_FOUND', ...MERCHANT_WRITE],
  },
  // ------------------------------------------------------------------ platform roles, operation log, outbox
  {
    method: 'GET',
    path: '/staff-roles',
    handler: 'find',
    audience: 'staff',
    permission: 'platform.access',
    summary: '平台角色',
    list: coreList(['code', 'name'], ['name']),
    response: listOf(staffRole),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/staff-roles/:id',
    handler: 'findOne',
    audience: 'staff',
    permission: 'platform.access',
    summary: '平台角色详情',
    params: idParams,
    response: dataOf(staffRole),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/staff-roles',
    handler: 'create',
    audience: 'staff',
    permission: 'staff-role.write',
    summary: '新建平台角色',
    body: staffRoleInput,
    response: dataOf(staffRole),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    example: { body: { data: { code: 'customs-clerk', name: '报关专员', permissions: ['platform.access', 'customs.review'] } } },
  },
  {
    method: 'PUT',
    path: '/staff-roles/:id',
    handler: 'update',
    audience: 'staff',
    permission: 'staff-role.write',
    summary: '修改平台角色',
    params: idParams,
    body: staffRoleInput,
    response: dataOf(staffRole),
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'],
    example: { body: { data: { name: '报关专员' } } },
  },
  {
    method: 'DELETE',
    path: '/staff-roles/:id',
    handler: 'delete',
    audience: 'staff',
    permission: 'staff-role.write',
    summary: '删除平台角色',
    params: idParams,
    response: deleted,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/audit-logs',
    handler: 'find',
    audience: 'staff',
    permission: 'audit.read',
    summary: '操作日志（谁、何时、做了什么、前后内容）',
    description:
      '新的在前。`filters[actor][$containsi]` 按账号手机号（的一部分）或用户 ID 筛选，`filters[createdAt][$gte]` / `[$lte]` 为 ISO 8601 时间（时间格式不正确时答 `VALIDATION_FAILED`）。`meta.modules` 为模块名称表（模块筛选用）。',
    query: listQuery,
    list: AUDIT_LIST_DOC,
    response: listOf(auditLog, { modules: z.array(z.object({ key: z.string(), label: z.string() })) }),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/audit-logs/export',
    handler: 'export',
    audience: 'staff',
    permission: 'audit.export',
    summary: '导出操作日志（CSV，Excel 可直接打开）',
    description: '筛选与 `GET /api/audit-logs` 相同（`filters[…]`、`sort`），不分页，最多 50,000 行；UTF-8 带 BOM。',
    query: auditExportQuery,
    download: { contentType: 'text/csv' },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/outbox-jobs',
    handler: 'find',
    audience: 'staff',
    permission: 'platform.access',
    summary: '推送任务（短信、微信通知、点点通报文）：失败的不会消失，可手动重试',
    description: '新的在前。`meta.counts` 为各状态的任务数（只受状态以外的筛选影响，如 `filters[channel][$eq]`）：「推送失败」的角标。',
    query: listQuery,
    list: {
      filters: { status: ['$eq (pending | sending | sent | failed)', '$in'], channel: ['$eq (wechat.template | ddt.ceb …)', '$in'] },
      sort: ['createdAt', 'nextAttemptAt'],
      maxPageSize: 100,
    },
    response: listOf(outboxJob, { counts: z.object({ pending: z.number(), sending: z.number(), sent: z.number(), failed: z.number() }) }),
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/outbox-jobs/:id/retry',
    handler: 'retry',
    audience: 'staff',
    permission: 'outbox.retry',
    summary: '重试失败的推送任务',
    params: idParams,
    response: dataOf(z.object({ id: z.string(), status: z.literal('pending') })),
    errors: ['OUTBOX_NOT_RETRYABLE', 'FORBIDDEN'],
  },
]);
