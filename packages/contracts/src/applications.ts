/**
 * 业务申请: plugins/workflow (`/api/applications/*`) — 工商注册 and the 跨境申报 kinds as state machines (the tax-refund
 * kind of plugins/taxrefund is served here too). The plugin mounts its routes from these contracts and its controller
 * parses with them; the application's `data` stays a free JSON object whose rules are the kind's (fields, file slots,
 * kind checks), judged by the engine on submission with its own error shapes (`APPLICATION_INCOMPLETE`
 * `details.missing`, `KIND_UNKNOWN` `details.allowed`, …).
 */
import * as z from 'zod/mini';
import { anyObject, dataOf, listOf, listQuery, maybe, timestamp } from './common';
import { checked, idParams } from './fields';
import { routes } from './route';

/** What the OpenAPI document says about a schema (JSON Schema keywords); fields.ts keeps its own copy of this. */
function documented<T extends z.ZodMiniType>(schema: T, meta: Record<string, unknown>): T {
  z.globalRegistry.add(schema, meta);
  return schema;
}

/** The kinds the platform ships; plugins register more at start-up (the registry, not this list, decides). */
export const BUILT_IN_KINDS = ['business-registration', 'customs-registration', 'eport-card', 'dxp-id', 'cloud-signature', 'enterprise-filing', 'tax-refund'] as const;

const KIND_HELP = `申请类型：${BUILT_IN_KINDS.join('、')}（tax-refund 由出口退税插件注册）。未知或缺少时答 KIND_UNKNOWN（details.allowed 列出可用类型）`;

/**
 * The kind as the client names it. Not judged here: the engine's registry knows the kinds (plugins add theirs), and
 * an unknown one answers `KIND_UNKNOWN` with the allowed list, as it always did — so this passes whatever came.
 */
const kindField = checked<unknown>('申请类型', false, (input) => input, { description: KIND_HELP, examples: ['business-registration'] });

/** An application's data: a JSON object. What it must hold is the kind's (GET /api/applications/kinds), checked on submission. */
export const applicationData = documented(z.record(z.string(), z.unknown(), { error: '申请资料格式不正确' }), {
  description:
    '申请资料（JSON 对象）：字段见 GET /api/applications/kinds 的 fields（按 path 取值）与 fileSlots（files.<槽位> = 私有文件 documentId）。草稿不校验，提交时由流程引擎校验',
});

// ── bodies ────────────────────────────────────────────────────────────────────────────────────

/** `POST /api/applications {kind, data}`: a draft for the caller's merchant, prefilled with what is already known. */
export const createInput = z.object({ kind: kindField, data: z.optional(applicationData) });
export type CreateInput = z.output<typeof createInput>;

/**
 * `PUT /api/applications/:id {data}`: the whole draft data (it replaces the saved one). The envelope is the body itself,
 * so the controller parses the request body as sent (plugin-kit's bodyOf would unwrap `{ data }`).
 */
export const updateInput = z.object({ data: applicationData });
export type UpdateInput = z.output<typeof updateInput>;

/** `note` as the engine keeps it: trimmed, blank is none, at most 1000 characters kept (anything that is not text is none). */
const noteField = checked<string>('说明', false, (input) => (typeof input === 'string' && input.trim() ? input.trim().slice(0, 1000) : undefined), {
  description: '办理说明；退回补正、驳回时必填（NOTE_REQUIRED）。首尾空白去掉，超过 1000 字的部分不保存',
  examples: ['营业执照照片不清晰，请重新拍摄上传'],
});

/** `POST /api/applications/:id/transitions {to, note?}`: the one way an application moves. */
export const transitionInput = z.object({
  to: documented(z.string({ error: '请选择要办理的步骤' }).check(z.minLength(1, { error: '请选择要办理的步骤' })), {
    description: '目标状态（见详情的 allowedTransitions[].to）',
    examples: ['initial_review'],
  }),
  note: noteField,
});
export type TransitionInput = z.output<typeof transitionInput>;

export const prefillQuery = z.object({ kind: kindField });

/** `:kind/:template` are looked up as they are: an unknown pair answers TEMPLATE_NOT_FOUND (not a bare 404). */
export const templateParams = z.object({
  kind: documented(z.string(), { description: '申请类型，如 customs-registration' }),
  template: documented(z.string(), { description: '模板编号（GET /api/applications/kinds 的 templates[].key），如 customs-filing-form' }),
});

// ── answers ───────────────────────────────────────────────────────────────────────────────────

const owner = z.enum(['merchant', 'platform', 'none']);
const condition = z.object({ path: z.string(), in: z.array(z.string()) });
const when = maybe(z.union([condition, z.array(condition)]));

export const kindInfo = z.object({
  kind: z.string(),
  module: z.string(),
  label: z.string(),
  description: z.string(),
  order: z.number(),
  states: z.array(z.object({ key: z.string(), label: z.string(), owner, terminal: z.boolean(), success: z.boolean(), editable: z.boolean() })),
  steps: z.array(z.object({ key: z.string(), label: z.string() })),
  transitions: z.array(z.object({ from: z.array(z.string()), to: z.string(), by: z.enum(['merchant', 'platform']), label: z.string(), noteRequired: z.boolean() })),
  fields: z.array(
    z.object({
      path: z.string(),
      label: z.string(),
      type: z.enum(['text', 'textarea', 'select', 'phone', 'idNumber', 'creditCode', 'decimal', 'email', 'customsCode']),
      required: z.boolean(),
      options: maybe(z.array(z.object({ value: z.string(), label: z.string() }))),
      placeholder: maybe(z.string()),
      when,
    }),
  ),
  fileSlots: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), hint: maybe(z.string()), when, accept: maybe(z.array(z.string())) })),
  allowMany: z.boolean(),
  prerequisites: z.array(z.string()),
  requiresRegistration: z.boolean(),
  templates: z.array(z.object({ key: z.string(), label: z.string(), format: z.enum(['docx', 'xlsx', 'pdf']) })),
});

/** An application as every route answers it (presentApplication). `merchantId` only for platform staff. */
export const application = z.object({
  id: z.string(),
  documentId: z.string(),
  number: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  module: maybe(z.string()),
  status: z.string(),
  statusLabel: z.string(),
  owner,
  editable: z.boolean(),
  data: anyObject,
  lastNote: maybe(z.string()),
  merchant: maybe(z.object({ documentId: z.string(), nameCn: z.string() })),
  submittedAt: maybe(timestamp),
  lastTransitionAt: maybe(timestamp),
  waitingSince: maybe(timestamp),
  completedAt: maybe(timestamp),
  createdAt: timestamp,
  updatedAt: timestamp,
  links: maybe(z.object({ web: z.string(), mp: z.string() })),
  merchantId: z.optional(maybe(z.number())),
});

export const timelineEvent = z.object({
  from: maybe(z.string()),
  to: z.string(),
  fromLabel: maybe(z.string()),
  toLabel: z.string(),
  note: maybe(z.string()),
  actorKind: z.enum(['merchant', 'platform', 'system']),
  /** Merchants see 晶贸通平台 for staff moves; staff see who it was. */
  actorName: maybe(z.string()),
  createdAt: timestamp,
});

export const applicationDetail = z.extend(application, {
  timeline: z.array(timelineEvent),
  /** The moves the caller may take now (none for members, or while it waits on the other side). */
  allowedTransitions: z.array(z.object({ to: z.string(), label: z.string(), by: z.enum(['merchant', 'platform']), noteRequired: z.boolean() })),
});

const guideState = z.enum(['done', 'in_progress', 'action_required', 'locked', 'pending']);
export const guide = z.object({
  steps: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      description: z.string(),
      order: z.number(),
      state: guideState,
      status: maybe(z.string()),
      statusLabel: maybe(z.string()),
      applicationId: maybe(z.string()),
      prerequisites: z.array(z.object({ kind: z.string(), label: z.string() })),
      prerequisitesMet: z.boolean(),
      link: z.string(),
      mpPath: z.string(),
      recommended: z.boolean(),
    }),
  ),
  next: maybe(z.string()),
  done: z.number(),
  total: z.number(),
  unlocked: z.boolean(),
});

const nextStep = maybe(z.object({ label: z.string(), link: z.string(), mpPath: z.string() }));
export const progressEntry = z.object({
  module: z.enum(['registration', 'filing']),
  label: z.string(),
  done: z.number(),
  total: z.number(),
  /** registration only */
  status: z.optional(maybe(z.string())),
  statusLabel: z.optional(maybe(z.string())),
  steps: z.array(z.object({ key: z.string(), label: z.string(), done: z.boolean(), state: z.optional(guideState) })),
  next: nextStep,
  /** filing only: 跨境申报 waits for business registration. */
  locked: z.optional(z.boolean()),
});

/** A merchant's to-do: what waits on them (and 开始办理工商注册 while registration was never started). */
export const merchantTodo = z.object({
  applicationId: maybe(z.string()),
  kind: z.string(),
  module: z.string(),
  status: maybe(z.string()),
  statusLabel: z.string(),
  title: z.string(),
  note: maybe(z.string()),
  link: z.string(),
  mpPath: z.string(),
});
/** A staff review queue: how many applications of a kind wait in one platform state. */
export const staffQueue = z.object({ kind: z.string(), label: z.string(), module: z.string(), status: z.string(), statusLabel: z.string(), count: z.number() });

export const prefillAnswer = z.object({
  data: anyObject,
  /** Where each prefilled value came from, by field path: `merchant` (商户信息), another kind's name, or `file` (an upload offered again). */
  meta: z.object({ sources: z.record(z.string(), z.string()) }),
});

// ── examples (东海县晶华水晶饰品有限公司, 工商注册 by an already registered company) ───────────────────────

const JINGHUA = { documentId: 'gu6zq5ag6it7f2gkwtoi85ht', nameCn: '东海县晶华水晶饰品有限公司' };
const APP_ID = 'k3q8z1m5x7c9v2b4n6p0r8t1';
const REGISTRATION_DATA = {
  path: 'existing',
  entityType: 'company',
  companyName: '东海县晶华水晶饰品有限公司',
  creditCode: '91320722MA1XJH8Q3R',
  registeredAddress: '江苏省连云港市东海县牛山街道水晶城路 88 号',
  legalPerson: { name: '王建华', idNumber: '32072219850612341X', phone: '13900000001' },
  contact: { name: '王建华', phone: '13900000001' },
  files: {
    business_licence: 'p4x9c2v7b1n5m8q3w6e0r2t4',
    id_card_front: 'h7j2k9l4z1x6c3v8b5n0m2q7',
    id_card_back: 's5d8f1g4h7j0k3l6z9x2c5v8',
    bank_permit: 'y2u5i8o1p4a7s0d3f6g9h2j5',
  },
};
const APPLICATION_EXAMPLE = {
  id: APP_ID,
  documentId: APP_ID,
  number: 'BR-20261122-00017',
  kind: 'business-registration',
  kindLabel: '工商注册',
  module: 'registration',
  status: 'initial_review',
  statusLabel: '材料初审',
  owner: 'platform',
  editable: false,
  data: REGISTRATION_DATA,
  lastNote: null,
  merchant: JINGHUA,
  submittedAt: '2026-11-22T02:14:05.000Z',
  lastTransitionAt: '2026-11-22T02:14:05.000Z',
  waitingSince: '2026-11-22T02:14:05.000Z',
  completedAt: null,
  createdAt: '2026-11-22T01:40:12.000Z',
  updatedAt: '2026-11-22T02:14:05.000Z',
  links: { web: '/registration', mp: `packageRegistration/pages/index/index?id=${APP_ID}` },
};
const DETAIL_EXAMPLE = {
  ...APPLICATION_EXAMPLE,
  timeline: [
    { from: null, to: 'filling', fromLabel: null, toLabel: '材料填报', note: null, actorKind: 'merchant', actorName: '王建华', createdAt: '2026-11-22T01:40:12.000Z' },
    {
      from: 'filling',
      to: 'initial_review',
      fromLabel: '材料填报',
      toLabel: '材料初审',
      note: null,
      actorKind: 'merchant',
      actorName: '王建华',
      createdAt: '2026-11-22T02:14:05.000Z',
    },
  ],
  allowedTransitions: [],
};

// ── routes ────────────────────────────────────────────────────────────────────────────────────

/** Anonymous callers meet users-permissions first (403 FORBIDDEN); a bad token is 401 UNAUTHORIZED. */
const READ_ERRORS = ['NO_MERCHANT', 'FORBIDDEN'];
const WRITE_ERRORS = ['MEMBER_READ_ONLY', 'NO_MERCHANT', 'FORBIDDEN'];

export const APPLICATION_LIST_DOC = {
  filters: {
    kind: ['$eq', '$in'],
    status: ['$eq', '$in'],
    merchant: ['$eq (商户 documentId，仅平台人员)'],
    q: ['$containsi (申请编号或商户名称，仅平台人员)'],
    owner: ['$eq (platform | merchant：当前等谁办理)'],
    stuckDays: ['$gte (等待平台办理超过 N 天)'],
  },
  sort: ['updatedAt', 'createdAt', 'waitingSince', 'number'],
};

export const applicationRoutes = routes('业务申请', [
  {
    method: 'GET',
    path: '/applications/kinds',
    handler: 'kinds',
    audience: 'user',
    summary: '申请类型：状态、步骤、流转、字段、文件槽位、模板（渲染表单所需的一切）',
    response: dataOf(z.array(kindInfo)),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/applications/prefill',
    handler: 'prefill',
    audience: 'merchant',
    summary: '新申请的预填资料：来自商户信息、其他申请和已上传的文件（G10）',
    query: prefillQuery,
    response: prefillAnswer,
    errors: ['KIND_UNKNOWN', ...READ_ERRORS],
    example: {
      query: { kind: 'customs-registration' },
      response: {
        data: {
          companyName: '东海县晶华水晶饰品有限公司',
          creditCode: '91320722MA1XJH8Q3R',
          registeredAddress: '江苏省连云港市东海县牛山街道水晶城路 88 号',
          legalPersonName: '王建华',
          files: { business_licence: 'p4x9c2v7b1n5m8q3w6e0r2t4' },
        },
        meta: { sources: { companyName: 'merchant', creditCode: 'merchant', registeredAddress: 'merchant', legalPersonName: 'merchant', 'files.business_licence': 'file' } },
      },
    },
  },
  {
    method: 'GET',
    path: '/applications/guide',
    handler: 'guide',
    audience: 'merchant',
    summary: '跨境申报引导（D1）：各步骤状态与推荐的下一步',
    response: dataOf(guide),
    errors: READ_ERRORS,
  },
  {
    method: 'GET',
    path: '/applications/progress',
    handler: 'progress',
    audience: 'merchant',
    summary: '我的进度（G9）：工商注册与跨境申报',
    response: dataOf(z.array(progressEntry)),
    errors: READ_ERRORS,
  },
  {
    method: 'GET',
    path: '/applications/todos',
    handler: 'todos',
    audience: 'user',
    summary: '待办：商户为待我办理的申请，平台人员为各审核队列的数量',
    description: '商户用户得到 `merchantTodo[]`；平台人员得到 `staffQueue[]`（每个申请类型、每个等待平台办理的状态一行）。',
    response: dataOf(z.union([z.array(merchantTodo), z.array(staffQueue)])),
    errors: READ_ERRORS,
  },
  {
    method: 'GET',
    path: '/applications/templates/:kind/:template',
    handler: 'template',
    audience: 'user',
    summary: '下载申请模板（.docx / .xlsx / .pdf），按商户已知信息预填',
    params: templateParams,
    download: { contentType: 'application/*' },
    errors: ['TEMPLATE_NOT_FOUND', ...READ_ERRORS],
  },
  {
    method: 'GET',
    path: '/applications',
    handler: 'find',
    audience: 'user',
    summary: '申请列表：商户为本商户的申请，平台人员为全部（审核队列）',
    description:
      '等待平台办理的队列（`filters[owner][$eq]=platform` 或 `filters[stuckDays][$gte]`）不指定排序时按等待时间从久到近。按 `merchant`、`q` 筛选仅限平台人员（商户用户答 VALIDATION_FAILED）。',
    query: listQuery,
    response: listOf(application),
    list: APPLICATION_LIST_DOC,
    errors: ['VALIDATION_FAILED', 'KIND_UNKNOWN', ...READ_ERRORS],
    example: { query: { 'filters[kind][$eq]': 'business-registration', 'filters[owner][$eq]': 'platform', 'pagination[page]': '1', 'pagination[pageSize]': '20' } },
  },
  {
    method: 'POST',
    path: '/applications',
    handler: 'create',
    audience: 'merchant',
    summary: '新建申请草稿（按已知信息预填；每类业务同时只有一份进行中的申请）',
    description:
      '商户管理员（`data.write`）；平台人员答 FORBIDDEN，普通成员答 MEMBER_READ_ONLY。跨境申报类需工商注册已核准（MODULE_LOCKED）；已有进行中的同类申请答 APPLICATION_EXISTS（details.id）。',
    body: createInput,
    status: 201,
    response: dataOf(application),
    errors: ['VALIDATION_FAILED', 'KIND_UNKNOWN', 'MODULE_LOCKED', 'APPLICATION_EXISTS', ...WRITE_ERRORS],
    example: {
      body: { kind: 'business-registration', data: { path: 'existing', entityType: 'company' } },
      response: { data: { ...APPLICATION_EXAMPLE, status: 'filling', statusLabel: '材料填报', owner: 'merchant', editable: true, submittedAt: null, waitingSince: null } },
    },
  },
  {
    method: 'GET',
    path: '/applications/:id',
    handler: 'findOne',
    audience: 'user',
    summary: '申请详情：资料、时间线、当前可办理的流转',
    params: idParams,
    response: dataOf(applicationDetail),
    errors: ['NOT_FOUND', ...READ_ERRORS],
    example: { response: { data: DETAIL_EXAMPLE } },
  },
  {
    method: 'PUT',
    path: '/applications/:id',
    handler: 'update',
    audience: 'user',
    summary: '保存申请资料（商户：草稿与补正时；平台人员：随时修正，留痕）',
    params: idParams,
    description:
      '商户管理员在可编辑状态（材料填报、退回补正）保存草稿，不校验；平台人员需 `applications.edit`，修正已核准的资料时按提交校验（APPLICATION_INCOMPLETE），工商注册的修正同步到商户信息。',
    body: updateInput,
    response: dataOf(application),
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'APPLICATION_LOCKED', 'APPLICATION_INCOMPLETE', 'TRANSITION_NOT_ALLOWED', ...WRITE_ERRORS],
    example: { body: { data: REGISTRATION_DATA } },
  },
  {
    method: 'POST',
    path: '/applications/:id/transitions',
    handler: 'transition',
    audience: 'user',
    summary: '办理流转：提交、受理、退回补正、驳回、核准（唯一的状态变更方式）',
    params: idParams,
    description:
      '商户提交需 `data.write`，平台办理需 `applications.review`；不是自己这一方的步骤答 TRANSITION_FORBIDDEN。提交时校验资料与文件（APPLICATION_INCOMPLETE，details.missing: [{ field, label, reason }]）和前置业务（PREREQUISITE_NOT_MET）；当前状态不能到达 `to` 答 TRANSITION_NOT_ALLOWED（details.allowed），两个同时的流转只有一个成功。',
    body: transitionInput,
    response: dataOf(applicationDetail),
    errors: [
      'VALIDATION_FAILED',
      'NOT_FOUND',
      'NOTE_REQUIRED',
      'APPLICATION_INCOMPLETE',
      'TRANSITION_FORBIDDEN',
      'MODULE_LOCKED',
      'TRANSITION_NOT_ALLOWED',
      'PREREQUISITE_NOT_MET',
      ...WRITE_ERRORS,
    ],
    example: { body: { to: 'returned', note: '营业执照照片不清晰，请重新拍摄上传' } },
  },
]);
