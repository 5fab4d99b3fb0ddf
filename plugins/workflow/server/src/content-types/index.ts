import { tenancy } from '@jmt/plugin-kit';

/**
 * Applications and their timeline. Both point at their merchant and declare it (plugin-kit tenancy), so every
 * read is the caller's merchant's and staff write them by reviewing (applications.review) or correcting
 * (applications.edit).
 */
const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };
const owned = tenancy.merchant({ staffWrite: ['applications.review', 'applications.edit'] });
const application = {
  schema: {
    kind: 'collectionType',
    collectionName: 'wf_applications',
    info: {
      singularName: 'application',
      pluralName: 'applications',
      displayName: '业务申请 Application',
      description: 'One application of a kind (工商注册, 跨境申报 …) moving through its state machine',
    },
    options: { draftAndPublish: false },
    pluginOptions: { ...hidden, ...owned },
    attributes: {
      number: { type: 'string', maxLength: 40, unique: true },
      kind: { type: 'string', required: true, maxLength: 60 },
      status: { type: 'string', required: true, maxLength: 40 },
      data: { type: 'json' },
      merchant: { type: 'relation', relation: 'manyToOne', target: 'api::merchant.merchant' },
      submittedAt: { type: 'datetime' },
      lastTransitionAt: { type: 'datetime' },
      /** Since when it waits on the platform (null when the merchant or nobody must act). */
      waitingSince: { type: 'datetime' },
      completedAt: { type: 'datetime' },
      lastNote: { type: 'text' },
    },
    indexes: [{ name: 'wf_applications_kind_status', columns: ['kind', 'status'] }],
  },
};

const applicationEvent = {
  schema: {
    kind: 'collectionType',
    collectionName: 'wf_application_events',
    info: {
      singularName: 'application-event',
      pluralName: 'application-events',
      displayName: '申请时间线 Application event',
      description: 'One transition of an application: from, to, actor, note, time',
    },
    options: { draftAndPublish: false },
    pluginOptions: { ...hidden, ...owned },
    attributes: {
      application: { type: 'relation', relation: 'manyToOne', target: 'plugin::workflow.application' },
      merchant: { type: 'relation', relation: 'manyToOne', target: 'api::merchant.merchant' },
      fromStatus: { type: 'string', maxLength: 40 },
      toStatus: { type: 'string', required: true, maxLength: 40 },
      note: { type: 'text' },
      actorId: { type: 'integer' },
      actorName: { type: 'string', maxLength: 100 },
      actorKind: { type: 'enumeration', enum: ['merchant', 'platform', 'system'] },
    },
  },
};

export default { application, 'application-event': applicationEvent };
