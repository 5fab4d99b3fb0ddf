/**
 * The only code that moves an application. A move is checked inside a transaction — the transition exists,
 * the caller may take it, a required reason is there, a submission is complete and its prerequisites done —
 * and the state is re-checked by a conditional UPDATE, so of two concurrent moves exactly one passes. It writes
 * the timeline and the operation log and notifies the merchant (message + WeChat through the outbox).
 */
import type { Core } from '@strapi/strapi';
import type { ActorScope, Row } from '@jmt/plugin-kit';
import { getKind } from '../kinds';
import { findTransition, transitionsFor } from '../lib/machine';
import { noticeFor } from '../lib/present';
import { APPLICATION_UID, type Records } from './records';

export function createTransitions(_strapi: Core.Strapi, r: Records) {
  const { h, fail, db } = r;

  async function successfulKinds(scope: ActorScope, merchantId: number): Promise<Set<string>> {
    const rows = await db(scope)
      .within(merchantId)
      .table(APPLICATION_UID)
      .findMany({ select: ['kind', 'status'] });
    return new Set(rows.filter((row) => getKind(row.kind)?.states[row.status]?.success).map((row) => row.kind as string));
  }

  return {
    async transition(scope: ActorScope, documentId: string, to: unknown, noteInput: unknown): Promise<void> {
      const actor = r.actorOf(scope);
      if (!actor) throw fail('UNAUTHORIZED', 401);
      if (typeof to !== 'string' || !to) throw fail('VALIDATION_FAILED', 400, { errors: [{ field: 'to', message: '请选择要办理的步骤' }] });
      const note = typeof noteInput === 'string' && noteInput.trim() ? noteInput.trim().slice(0, 1000) : null;
      await h().transaction(async () => {
        const app = await r.loadApplication(scope, documentId);
        const def = r.kindOrFail(app.kind);
        const transition = findTransition(def, app.status, to);
        if (!transition) {
          throw fail('TRANSITION_NOT_ALLOWED', 409, { from: app.status, to, allowed: transitionsFor(def, app.status, actor).map((t) => t.to) });
        }
        if (transition.by !== actor) throw fail('TRANSITION_FORBIDDEN', 403, { by: transition.by });
        if (actor === 'merchant') r.assertMerchantWriter(scope);
        else h().assertCan(scope, 'applications.review');
        if (transition.noteRequired && !note) throw fail('NOTE_REQUIRED', 400, { field: 'note' });

        const data = (app.data ?? {}) as Record<string, unknown>;
        const merchantId = app.merchant.id as number;
        if (transition.validates) {
          if (def.requiresRegistration && app.merchant.registrationStatus !== 'approved') throw fail('MODULE_LOCKED', 403);
          const done = await successfulKinds(scope, merchantId);
          const lacking = def.prerequisites.filter((k) => !done.has(k));
          if (lacking.length) throw fail('PREREQUISITE_NOT_MET', 409, { prerequisites: lacking.map((k) => ({ kind: k, label: getKind(k)?.label ?? k })) });
          const missing = await r.problemsOf(scope, def, merchantId, data);
          if (missing.length) throw fail('APPLICATION_INCOMPLETE', 400, { missing });
        }

        const now = new Date();
        const target = def.states[to];
        // Re-checked here: a concurrent move of the same application makes this match nothing.
        const count = await db(scope)
          .table(APPLICATION_UID)
          .updateMany(
            { id: app.id, status: app.status },
            {
              status: to,
              lastTransitionAt: now,
              lastNote: note,
              waitingSince: target.owner === 'platform' ? now : null,
              ...(transition.validates && !app.submittedAt ? { submittedAt: now } : {}),
              ...(target.terminal ? { completedAt: now } : {}),
            },
          );
        if (count !== 1) throw fail('TRANSITION_NOT_ALLOWED', 409, { from: app.status, to, reason: 'concurrent' });

        const event = await r.recordEvent(scope, app, app.status, to, note);
        if (def.onEnter) await def.onEnter({ merchantId, data, from: app.status, to }, r.effects);
        const notice = noticeFor(def, app.number, to, note);
        await h().notifyMerchant({
          merchantId,
          eventKey: `wf:${event.documentId}`,
          category: notice.category,
          module: def.module,
          title: notice.title,
          body: notice.body,
          link: def.webLink(app.documentId),
          mpPath: def.mpPath(app.documentId),
          push: { subject: `${def.label}（${app.number}）`, status: target.label, note },
        });
        await h().audit(
          {
            module: 'application',
            action: 'transition',
            targetUid: APPLICATION_UID,
            targetId: documentId,
            before: { status: app.status, number: app.number },
            after: { status: to, note },
          },
          scope,
        );
      });
      h().afterCommit();
    },
  };
}

export type Transitions = ReturnType<typeof createTransitions>;

export type { Row };
