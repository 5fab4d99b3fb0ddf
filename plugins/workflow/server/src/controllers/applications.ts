/**
 * HTTP glue only: parse, hand over to the services, shape the answer (plugin-kit's controller). Params, queries and
 * bodies are parsed with the route contracts (@jmt/contracts); who may create or save at all is said before the body
 * is judged (guards), what the application data must hold is the kind's, judged by the engine on submission.
 */
import type { Core } from '@strapi/strapi';
import { applications as contract } from '@jmt/contracts';
import { controller, created, download, host, raw, type KoaContext, type Request } from '@jmt/plugin-kit';
import { renderTemplate, templatesFor } from '../templates';
import { WORKFLOW_ROUTES } from '../routes';
import type { Engine } from '../services/engine';

type Req = Request<Record<string, string>, Record<string, unknown>, Record<string, unknown>>;
/** Input the route's contract has already parsed (so it has the contract's output type). */
const parsed = <T>(input: unknown): T => input as T;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = (): Engine => strapi.plugin('workflow').service('engine') as Engine;

  /**
   * A body whose `{ data }` envelope is part of the contract, parsed as sent (the kit's bodyOf would have unwrapped
   * it), answering like the kit: VALIDATION_FAILED with `details.errors: [{ field, message }]`.
   */
  function asSent<T>(
    schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
    ctx: KoaContext,
  ): T {
    const body = ctx.request.body;
    const result = schema.safeParse(body && typeof body === 'object' && !Array.isArray(body) ? body : {});
    if (result.success) return result.data;
    throw host(strapi).error('VALIDATION_FAILED', 400, { errors: result.error.issues.slice(0, 50).map((i) => ({ field: i.path.map(String).join('.'), message: i.message })) });
  }

  return controller(strapi, WORKFLOW_ROUTES, {
    kinds: async () =>
      engine()
        .kinds()
        .map((k) => ({ ...k, templates: templatesFor(k.kind).map(({ key, label, format }) => ({ key, label, format })) })),
    find: async ({ scope, query }: Req) => engine().list(scope, query),
    findOne: async ({ scope, params }: Req) => engine().findOne(scope, params.id),
    create: {
      // Only a merchant's admin opens applications: said before the kind or the data are judged.
      before: async (scope: Req['scope']) => engine().assertCreator(scope),
      handle: async ({ scope, body }: Req) => {
        const input = parsed<contract.CreateInput>(body);
        return created(await engine().create(scope, input.kind, input.data));
      },
    },
    update: {
      before: async (scope: Req['scope']) => engine().assertEditor(scope),
      // `{ data: {…application data} }`: the envelope's content is the data itself.
      handle: async ({ scope, params, ctx }: Req) => engine().saveData(scope, params.id, asSent(contract.updateInput, ctx).data),
    },
    transition: async ({ scope, params, body }: Req) => {
      const input = parsed<contract.TransitionInput>(body);
      return engine().transition(scope, params.id, input.to, input.note);
    },
    // `{ data, meta: { sources } }`: where each prefilled value came from.
    prefill: async ({ scope, query }: Req) => raw(await engine().prefill(scope, query.kind)),
    guide: async ({ scope }: Req) => engine().guide(scope, 'filing'),
    progress: async ({ scope }: Req) => engine().progress(scope),
    todos: async ({ scope }: Req) => engine().todos(scope),
    template: async ({ scope, params }: Req) => {
      const fill = await engine().templateFill(scope);
      try {
        const file = await renderTemplate(params.kind, params.template, fill);
        return download(file.filename, file.contentType, file.buffer);
      } catch (error) {
        if ((error as { code?: string }).code === 'TEMPLATE_NOT_FOUND') throw host(strapi).error('TEMPLATE_NOT_FOUND', 404);
        throw error;
      }
    },
  } as never);
};
