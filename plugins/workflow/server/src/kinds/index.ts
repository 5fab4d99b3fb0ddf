import { businessRegistration } from './business-registration';
import { FILING_KINDS } from './filing';
import type { KindDefinition } from './types';

export * from './types';

/**
 * The registry of application kinds. Other plugins add theirs in their register():
 * `strapi.plugin('workflow').service('kinds').register(definition)`.
 */
const registry = new Map<string, KindDefinition>();

export function registerKind(definition: KindDefinition): void {
  for (const t of definition.transitions) {
    for (const state of [...t.from, t.to]) {
      if (!definition.states[state]) throw new Error(`[workflow] ${definition.kind}: transition uses unknown state ${state}`);
    }
  }
  if (!definition.states[definition.initial]) throw new Error(`[workflow] ${definition.kind}: unknown initial state`);
  registry.set(definition.kind, definition);
}

export const getKind = (kind: string): KindDefinition | undefined => registry.get(kind);
export const allKinds = (): KindDefinition[] => [...registry.values()].sort((a, b) => a.module.localeCompare(b.module) || a.order - b.order);
export const kindsOfModule = (module: string): KindDefinition[] => allKinds().filter((k) => k.module === module);

registerKind(businessRegistration);
FILING_KINDS.forEach(registerKind);
