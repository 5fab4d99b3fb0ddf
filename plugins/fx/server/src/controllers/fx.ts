/** HTTP glue only: parse, hand over to the services, shape the answer (plugin-kit's controller). */
import type { Core } from '@strapi/strapi';
import { fx } from '@jmt/contracts';
import { controller, created, download, raw, readUpload, type Parser, type Request, type RouteDef } from '@jmt/plugin-kit';
import { balanceTemplate } from '../balance-sheet';
import { host } from '../host';
import { FX_ROUTES } from '../routes';
import type { Alerts } from '../services/alerts';
import type { Ledger } from '../services/ledger';
import type { Rates } from '../services/rates';
import type { Settlements } from '../services/settlements';

type Req = Request<Record<string, string>, Record<string, unknown>, Record<string, unknown>>;
/** A body or query the route's contract has already parsed (so it has the contract's output type). */
const parsed = <T>(input: unknown): T => input as T;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A settlement request is answered with every problem of the form at once, including the ones only the service can
 * see (which evidence files are the caller's, the date window): its body is parsed field by field and handed over
 * with its problems, and the service refuses once (VALIDATION_FAILED, the same `details.errors`).
 */
const fieldByField = <T extends Parameters<typeof fx.checkFields>[0]>(schema: T): Parser<fx.Checked<unknown>> => ({
  safeParse: (input: unknown) => ({ success: true as const, data: fx.checkFields(schema, input) }),
});
const DEFS: RouteDef[] = FX_ROUTES.map((d) => (d.handler === 'createSettlement' ? { ...d, body: fieldByField(fx.settlementInput) } : d));

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string): T => strapi.plugin('fx').service(name) as T;
  const rates = () => service<Rates>('rates');
  const alerts = () => service<Alerts>('alerts');
  const ledger = () => service<Ledger>('ledger');
  const settlements = () => service<Settlements>('settlements');
  /** Alerts are a merchant's own: a caller who has none is told so before anything about the body. */
  const alertWriter = (handle: (req: Req) => Promise<unknown>) => ({ before: async (scope: Req['scope']) => alerts().assertWriter(scope), handle });

  return controller(strapi, DEFS, {
    // `{ data, meta: { stale, lastFetch } }`
    rates: async () => raw(await rates().latest()),
    history: async ({ query }: Req) => rates().history(parsed<fx.HistoryQuery>(query)),
    setRate: async ({ scope, body }: Req) => rates().setManual(scope, parsed<fx.ManualRateInput>(body)),
    fetchRates: async ({ scope }: Req) => rates().fetchNow(scope),
    listAlerts: async ({ scope }: Req) => alerts().list(scope),
    createAlert: alertWriter(async ({ scope, body }: Req) => created(await alerts().create(scope, parsed<fx.AlertInput>(body)))),
    updateAlert: alertWriter(async ({ scope, params, body }: Req) => alerts().update(scope, params.id, parsed<fx.AlertUpdateInput>(body))),
    deleteAlert: async ({ scope, params }: Req) => {
      await alerts().remove(scope, params.id);
      return { id: params.id, deleted: true };
    },
    account: async ({ scope }: Req) => ledger().account(scope),
    ledger: async ({ scope, query }: Req) => ledger().entries(scope, query),
    accounts: async ({ scope, query }: Req) => ledger().accounts(scope, query),
    balanceTemplate: async ({ scope }: Req) => {
      host(strapi).assertCan(scope, 'fx.balances');
      return download('子账户余额上传模板.xlsx', XLSX, await balanceTemplate());
    },
    uploadBalances: async ({ scope, file }: Req) => {
      host(strapi).assertCan(scope, 'fx.balances');
      if (!file) throw host(strapi).error('FILE_REQUIRED', 400, { field: 'file' });
      return ledger().upload(scope, { buffer: await readUpload(file), name: file.name });
    },
    listUploads: async ({ scope, query }: Req) => ledger().uploads(scope, query),
    createSettlement: {
      // Merchant admin, module open: said before anything about the form (FX_PROFILE_INCOMPLETE comes after it).
      before: async (scope: Req['scope']) => {
        await settlements().assertWriter(scope);
      },
      handle: async ({ scope, body }: Req) => created(await settlements().create(scope, parsed<fx.Checked<fx.SettlementInput>>(body))),
    },
    listSettlements: async ({ scope, query }: Req) => settlements().list(scope, query),
    findSettlement: async ({ scope, params }: Req) => settlements().findOne(scope, params.id),
    completeSettlement: async ({ scope, params, body }: Req) => settlements().complete(scope, params.id, parsed<fx.CompleteInput>(body)),
    rejectSettlement: async ({ scope, params, body }: Req) => settlements().reject(scope, params.id, parsed<fx.RejectInput>(body)),
  } as never);
};
