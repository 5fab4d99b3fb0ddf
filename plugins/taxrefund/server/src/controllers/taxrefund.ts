/** HTTP glue only: parse, hand over to the services, shape the answer (plugin-kit's controller). */
import type { Core } from '@strapi/strapi';
import { controller, created, download, readUpload, type Request } from '@jmt/plugin-kit';
import { host } from '../host';
import { TAXREFUND_ROUTES } from '../routes';
import type { Rates } from '../services/rates';
import type { Refunds } from '../services/refunds';
import { returnsTemplate, type createReturns } from '../services/returns';

type Req = Request<Record<string, string>, Record<string, unknown>, Record<string, unknown>>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string): T => strapi.plugin('taxrefund').service(name) as T;
  const rates = () => service<Rates>('rates');
  const refunds = () => service<Refunds>('refunds');
  const returns = () => service<ReturnType<typeof createReturns>>('returns');

  return controller(strapi, TAXREFUND_ROUTES, {
    estimate: async ({ scope, query: q }: Req) =>
      rates().estimate(scope, { hsCode: q.hsCode, enterpriseType: q.enterpriseType, purchaseAmount: q.purchaseAmount, orderAmount: q.orderAmount, date: q.date }),
    listApplications: async ({ scope, query }: Req) => refunds().list(scope, query),
    findApplication: async ({ scope, params }: Req) => refunds().findOne(scope, params.id),
    declarations: async ({ scope }: Req) => refunds().declarations(scope),
    package: async ({ scope, params }: Req) => {
      const pkg = await refunds().package(scope, params.id);
      return download(pkg.fileName, 'application/zip', pkg.body);
    },
    uploadReturns: async ({ scope, file }: Req) => {
      host(strapi).assertCan(scope, 'taxrefund.process');
      if (!file) throw host(strapi).error('FILE_REQUIRED', 400, { field: 'file' });
      return returns().upload(scope, { buffer: await readUpload(file), name: file.name });
    },
    returnsTemplate: async ({ scope }: Req) => {
      host(strapi).assertCan(scope, 'taxrefund.process');
      return download('退税回执上传模板.xlsx', XLSX, await returnsTemplate());
    },
    listReturns: async ({ scope, query }: Req) => returns().history(scope, query),
    listRates: async ({ scope, query }: Req) => rates().list(scope, query),
    createRate: async ({ scope, body }: Req) => created(await rates().create(scope, body)),
    updateRate: async ({ scope, params, body }: Req) => rates().update(scope, params.id, body),
    deleteRate: async ({ scope, params }: Req) => {
      await rates().remove(scope, params.id);
      return { id: params.id, deleted: true };
    },
  } as never);
};
