/**
 * The OpenAPI 3.1 document of the whole API, generated from the route contracts (importable into Apifox):
 * Chinese summaries, request and response schemas (JSON Schema 2020-12, as OpenAPI 3.1 uses), examples, every error
 * code a route can answer with its Chinese message, the bearer scheme, one tag per business module.
 */
import * as z from 'zod/mini';
import { errorBody } from './common';
import { COMMON_ERRORS, ERROR_STATUS, SESSION_ERRORS } from './errors';
import type { RouteContract } from './route';

type Json = Record<string, unknown>;

export interface OpenApiInput {
  routes: RouteContract[];
  /** Every error code with its Chinese message (the cms's catalogue at run time). */
  messages: Record<string, string>;
  version: string;
  serverUrl?: string;
  /** Tag descriptions, by tag name. */
  tags?: Record<string, string>;
}

const STATUS_TEXT: Record<number, string> = {
  400: '请求有误',
  401: '未登录',
  403: '无权操作',
  404: '不存在或无权访问',
  409: '状态冲突',
  410: '已失效',
  413: '文件过大',
  415: '文件类型不支持',
  422: '内容无法处理',
  429: '请求过于频繁',
  500: '服务器错误',
  502: '上游服务失败',
  503: '服务暂不可用',
};

function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

/** `/customs/batches/:id` → `/api/customs/batches/{id}` */
export const openApiPath = (path: string): string => `/api${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;

function objectProperties(schema: z.ZodMiniType | undefined, io: 'input' | 'output'): { name: string; schema: Json; required: boolean }[] {
  if (!schema) return [];
  const json = schemaOf(schema, io);
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({ name, schema: s, required: required.has(name) }));
}

function parametersOf(route: RouteContract): Json[] {
  const out: Json[] = [];
  const pathNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  const fromParams = new Map(objectProperties(route.params, 'input').map((p) => [p.name, p.schema]));
  for (const name of pathNames)
    out.push({ name, in: 'path', required: true, schema: fromParams.get(name) ?? { type: 'string' }, description: name === 'id' ? 'documentId' : undefined });
  if (route.list) {
    out.push({ name: 'pagination[page]', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 }, description: '页码' });
    out.push({ name: 'pagination[pageSize]', in: 'query', schema: { type: 'integer', minimum: 1, maximum: route.list.maxPageSize ?? 100, default: 20 }, description: '每页条数' });
    if (route.list.sort.length) out.push({ name: 'sort', in: 'query', schema: { type: 'string' }, description: `排序：${route.list.sort.map((s) => `${s}:asc|desc`).join('、')}` });
    for (const [field, ops] of Object.entries({ ...route.list.filters, documentId: ['$eq', '$in'] })) {
      for (const op of ops) {
        const [operator, ...note] = op.split(' ');
        out.push({
          name: `filters[${field}][${operator}]`,
          in: 'query',
          schema: operator === '$in' ? { type: 'array', items: { type: 'string' } } : { type: 'string' },
          description: `按 ${field} 筛选（${operator}）${note.length ? `：${note.join(' ').replace(/^\(|\)$/g, '')}` : ''}`,
        });
      }
    }
  } else {
    for (const p of objectProperties(route.query, 'input')) out.push({ name: p.name, in: 'query', required: p.required, schema: p.schema });
  }
  return out.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)));
}

function errorResponses(route: RouteContract, messages: Record<string, string>): Record<string, Json> {
  const codes = [...new Set([...route.errors, ...(route.auth === 'public' ? [] : SESSION_ERRORS), ...COMMON_ERRORS])];
  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    if (!status) throw new Error(`${route.method} ${route.path}: error code ${code} has no HTTP status (contracts/errors.ts)`);
    if (!messages[code]) throw new Error(`${route.method} ${route.path}: error code ${code} has no message in any locale file`);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, Json> = {};
  for (const [status, list] of [...byStatus.entries()].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: `${STATUS_TEXT[status] ?? '错误'}：${list.map((c) => `\`${c}\` ${messages[c]}`).join('；')}`,
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ErrorBody' },
          examples: Object.fromEntries(list.map((c) => [c, { value: { data: null, error: { status, code: c, message: messages[c], details: {} } } }])),
        },
      },
      'x-error-codes': list,
    };
  }
  return out;
}

function operationOf(route: RouteContract, messages: Record<string, string>): Json {
  const status = String(route.status ?? 200);
  const success: Json = route.download
    ? { description: '文件', content: { [route.download.contentType]: { schema: { type: 'string', format: 'binary' } } } }
    : {
        description: status === '201' ? '已创建' : '成功',
        content: {
          'application/json': { schema: route.response ? schemaOf(route.response, 'output') : {}, ...(route.example?.response ? { example: route.example.response } : {}) },
        },
      };
  const op: Json = {
    operationId: `${route.tag}.${route.handler}`.replace(/[^A-Za-z0-9_.\u4e00-\u9fa5-]/g, '_'),
    tags: [route.tag],
    summary: route.summary,
    description: [
      route.description,
      route.permission ? `权限：\`${route.permission}\`` : null,
      `调用方：${{ public: '任何人', user: '已登录用户', merchant: '商户用户', staff: '平台人员' }[route.audience]}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    parameters: parametersOf(route),
    responses: { [status]: success, ...errorResponses(route, messages) },
    security: route.auth === 'public' ? [] : [{ bearerAuth: [] }],
    // Who may call, as the route declares it: the tenancy route matrix reads these.
    'x-jmt-audience': route.audience,
    ...(route.permission ? { 'x-jmt-permission': route.permission } : {}),
    ...(route.list ? { 'x-jmt-list': true } : {}),
  };
  if (route.upload) {
    op.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: [route.upload.field],
            properties: {
              [route.upload.field]: {
                type: 'string',
                format: 'binary',
                description: `${route.upload.accept.join('、')}${route.upload.maxBytes ? `，最大 ${route.upload.maxBytes}` : ''}`,
              },
              ...((route.body ? schemaOf(route.body, 'input').properties : {}) as Json),
            },
          },
        },
      },
    };
  } else if (route.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: schemaOf(route.body, 'input'), ...(route.example?.body ? { example: route.example.body } : {}) } },
    };
  }
  return op;
}

export function openApiDocument(input: OpenApiInput): Json {
  const paths: Record<string, Json> = {};
  for (const route of input.routes) {
    const p = openApiPath(route.path);
    paths[p] ??= {};
    const method = route.method.toLowerCase();
    if (paths[p][method]) throw new Error(`documented twice: ${route.method} ${p}`);
    paths[p][method] = operationOf(route, input.messages);
  }
  const tags = [...new Set(input.routes.map((r) => r.tag))].map((name) => ({ name, ...(input.tags?.[name] ? { description: input.tags[name] } : {}) }));
  return {
    openapi: '3.1.0',
    info: {
      title: '晶贸通 2.0 API',
      version: input.version,
      description:
        '东海水晶跨境贸易服务平台的 REST API。错误统一为 `{ data: null, error: { status, code, message, details } }`：`message` 为中文提示，`code` 为稳定的错误码。列表采用 Strapi 格式：`pagination[page]`、`pagination[pageSize]`、`filters[字段][$操作符]`、`sort`，返回 `meta.pagination`。',
    },
    ...(input.serverUrl ? { servers: [{ url: input.serverUrl }] } : {}),
    tags,
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '短信或微信登录后得到的 jwt：Authorization: Bearer <jwt>' } },
      schemas: { ErrorBody: schemaOf(errorBody, 'output') },
    },
  };
}
