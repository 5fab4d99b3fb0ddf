/** 系统: the API's own description. */
import * as z from 'zod/mini';
import { anyObject, dataOf } from './common';
import { routes } from './route';

export const systemRoutes = routes('系统', [
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'openapi',
    audience: 'public',
    summary: '本 API 的 OpenAPI 3.1 文档（可导入 Apifox）',
    response: anyObject,
    errors: [],
  },
  {
    method: 'GET',
    path: '/system/routes',
    handler: 'routes',
    audience: 'staff',
    permission: '*',
    summary: 'Strapi 实际注册的全部 REST 路由（与文档核对）',
    response: dataOf(z.array(z.object({ method: z.string(), path: z.string() }))),
    errors: ['FORBIDDEN'],
  },
]);
