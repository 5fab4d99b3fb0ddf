/**
 * The workflow engine as other code calls it (`strapi.plugin('workflow').service('engine')`): one face over the
 * plugin's services — applications (records), transitions (the only code that moves one) and guidance
 * (prefill, guide, progress, to-dos).
 */
import type { Core } from '@strapi/strapi';
import type { ActorScope, ListResponse, Row } from '@jmt/plugin-kit';
import type { Applications } from './applications';
import type { Guidance } from './guidance';
import type { Transitions } from './transitions';

export function createEngine(strapi: Core.Strapi) {
  const service = <T>(name: string): T => strapi.plugin('workflow').service(name) as T;
  const applications = () => service<Applications>('applications');
  const transitions = () => service<Transitions>('transitions');
  const guidance = () => service<Guidance>('guidance');
  return {
    kinds: () => applications().kinds(),
    /** Who may create / save at all, for the controller to say before it judges the body. */
    assertCreator: (scope: ActorScope) => applications().assertCreator(scope),
    assertEditor: (scope: ActorScope) => applications().assertEditor(scope),
    create: (scope: ActorScope, kind: unknown, data: unknown) => applications().create(scope, kind, data),
    saveData: (scope: ActorScope, id: string, data: unknown) => applications().saveData(scope, id, data),
    findOne: (scope: ActorScope, id: string) => applications().findOne(scope, id),
    list: (scope: ActorScope, query: Row, options?: { kind?: string }): Promise<ListResponse<Row>> => applications().list(scope, query, options),
    async transition(scope: ActorScope, id: string, to: unknown, note: unknown): Promise<Row> {
      await transitions().transition(scope, id, to, note);
      return applications().findOne(scope, id);
    },
    prefill: (scope: ActorScope, kind: unknown) => guidance().prefill(scope, kind),
    guide: (scope: ActorScope, module?: string) => guidance().guide(scope, module),
    progress: (scope: ActorScope) => guidance().progress(scope),
    todos: (scope: ActorScope) => guidance().todos(scope),
    templateFill: (scope: ActorScope) => guidance().templateFill(scope),
  };
}

export type Engine = ReturnType<typeof createEngine>;
