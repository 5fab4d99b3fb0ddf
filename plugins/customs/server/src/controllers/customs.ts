/** HTTP glue only: parse, hand over to the services, shape the answer (plugin-kit's controller). */
import type { Core } from '@strapi/strapi';
import type { customs } from '@jmt/contracts';
import { controller, created, download, raw, type Request } from '@jmt/plugin-kit';
import { host } from '../host';
import { orderTemplate } from '../import/template';
import { CUSTOMS_ROUTES } from '../routes';
import type { Batches } from '../services/batches';
import type { Board } from '../services/board';
import type { Cancellations } from '../services/cancellations';
import type { ConfigService } from '../services/config';
import type { Declarations } from '../services/declarations';
import type { Imports } from '../services/imports';
import type { createPoller } from '../services/poller';

type Req = Request<Record<string, string>, Record<string, unknown>, Record<string, unknown>>;
/** A body the route's contract has already parsed (so it has the contract's output type). */
const parsed = <T>(body: unknown): T => body as T;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An import answer carries its fields beside `data` too (the import screens of the first version read them there). */
const preview = (result: Record<string, unknown>) => raw({ ...result, data: result });
const RECORD_KINDS = { orders: 'order', inventories: 'inventory', waybills: 'waybill', summaries: 'summary', cancellations: 'cancellation' } as const;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string): T => strapi.plugin('customs').service(name) as T;
  const config = () => service<ConfigService>('config');
  const batches = () => service<Batches>('batches');
  const imports = () => service<Imports>('imports');
  const declarations = () => service<Declarations>('declarations');
  const cancellations = () => service<Cancellations>('cancellations');
  const board = () => service<Board>('board');
  /** The merchant may write here at all (admin, module open): said before anything about the body. */
  const writer = (handle: (req: Req) => Promise<unknown>) => ({ before: (scope: Req['scope']) => batches().assertWriter(scope), handle });

  return controller(strapi, CUSTOMS_ROUTES, {
    template: async () => download('电子订单导入模板.xlsx', XLSX, await orderTemplate()),
    myConfig: async ({ scope }: Req) => config().mine(scope),
    listConfigs: async ({ scope }: Req) => config().list(scope),
    getConfig: async ({ scope, params }: Req) => config().get(scope, params.merchant),
    saveConfig: async ({ scope, params, body }: Req) => config().save(scope, params.merchant, body),
    verifyConfig: async ({ scope, params }: Req) => config().reverify(scope, params.merchant),
    // `id` and `status` beside `data` as well: what clients of the first version read.
    createBatch: {
      // Module open and a verified 点点通 config, before the form is judged.
      before: async (scope: Req['scope']) => config().requireValid(await batches().assertWriter(scope)),
      handle: async ({ scope, body }: Req) => {
        const batch = await batches().create(scope, parsed<customs.BatchInput>(body));
        return raw({ data: batch, id: batch.id, status: batch.status }, 201);
      },
    },
    listBatches: async ({ scope, query }: Req) => batches().list(scope, query),
    findBatch: async ({ scope, params }: Req) => batches().findOne(scope, params.id),
    listOrders: async ({ scope, params, query }: Req) => batches().records(scope, params.id, 'order', query),
    listInventories: async ({ scope, params, query }: Req) => batches().records(scope, params.id, 'inventory', query),
    exportOrders: async ({ scope, params }: Req) => {
      const { fileName, stream } = await batches().exportOrders(scope, params.id);
      return download(fileName, XLSX, stream);
    },
    importOrders: async ({ scope, params, file }: Req) => {
      const result = await imports().preview(scope, params.id, file);
      // A file that cannot be read at all answers the one error format, with the preview as its details.
      if (result.fatal)
        return raw({ data: null, error: { status: 422, code: 'IMPORT_FILE_REJECTED', message: result.errors[0]?.message ?? '文件无法导入', details: result } }, 422);
      return preview(result);
    },
    getImport: async ({ scope, params }: Req) => preview(await imports().previewAgain(scope, params.importId)),
    fixImport: writer(async ({ scope, params, body }: Req) =>
      preview(await imports().fix(scope, params.importId, parsed<{ overrides: Record<string, Record<string, string>> }>(body))),
    ),
    commitImport: async ({ scope, params }: Req) => preview(await imports().commit(scope, params.importId)),
    declareOrders: async ({ scope, params }: Req) => declarations().orders(scope, params.id),
    declareInventories: async ({ scope, params }: Req) => declarations().inventories(scope, params.id),
    declareWaybill: writer(async ({ scope, params, body }: Req) => declarations().waybill(scope, params.id, parsed<customs.WaybillInput>(body))),
    declareSummary: async ({ scope, params }: Req) => declarations().summary(scope, params.id),
    timeline: async ({ scope, params }: Req) => {
      const kind = RECORD_KINDS[params.kind as keyof typeof RECORD_KINDS];
      if (!kind) throw host(strapi).error('NOT_FOUND', 404);
      return batches().timeline(scope, kind, params.id);
    },
    listCancellations: async ({ scope, query }: Req) => cancellations().list(scope, query),
    cancellable: async ({ scope, query }: Req) => cancellations().cancellable(scope, query),
    createCancellation: writer(async ({ scope, body }: Req) => created(await cancellations().create(scope, parsed<customs.CancellationInput>(body)))),
    declareCancellation: async ({ scope, params }: Req) => cancellations().declare(scope, params.id),
    withdrawCancellation: async ({ scope, params }: Req) => cancellations().withdraw(scope, params.id),
    todos: async ({ scope }: Req) => board().todos(scope),
    board: async ({ scope, query }: Req) => raw(await board().board(scope, query)),
    pollNow: async ({ scope }: Req) => {
      host(strapi).assertCan(scope, 'customs.view');
      return service<ReturnType<typeof createPoller>>('poller').pollNow();
    },
    hints: async ({ scope }: Req) => board().hints(scope),
    saveHint: async ({ scope, params, body }: Req) => board().saveHint(scope, params.key, parsed<customs.HintInput>(body)),
  } as never);
};
