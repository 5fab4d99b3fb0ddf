/**
 * What the fx plugin needs from the cms (registered as `jmt.host`, cms/src/core/host.ts): the workflow plugin's
 * host — scope, permissions, errors, transactions, audit, notifications — plus private files and documentIds.
 * The shared part is the workflow plugin's declaration (types only), so there is one description of the host.
 */
import type { Core } from '@strapi/strapi';
import type { ActorScope, Host as WorkflowHost, MerchantNotice } from '@jmt/plugin-workflow';

export type { ActorScope, MerchantNotice };

export interface Host extends WorkflowHost {
  /** Directory for private files (never served publicly). */
  privateDir(): string;
  /** A documentId in Strapi's own format, for rows written below the Document Service. */
  newDocumentId(): string;
}

export function host(strapi: Core.Strapi): Host {
  return strapi.get('jmt.host') as Host;
}

export type { Host as FxHost };
