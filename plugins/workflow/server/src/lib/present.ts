/**
 * Pure rules of what applications look like to the people reading them: the application and its timeline as
 * the API answers them, the notice a move sends, the 跨境申报 guide (D1), the to-dos. Plain data in, plain
 * data out — unit-tested without a database.
 */
import type { Row } from '@jmt/plugin-kit';
import type { KindDefinition } from '../kinds/types';

export type Viewer = 'merchant' | 'platform';

export function dateStamp(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3600_000); // numbers read in Beijing time
  return local.toISOString().slice(0, 10).replace(/-/g, '');
}

export const applicationNumber = (def: KindDefinition, id: number, at: Date): string => `${def.prefix}-${dateStamp(at)}-${String(id).padStart(5, '0')}`;

export function presentApplication(row: Row, def: KindDefinition | undefined, viewer: Viewer): Row {
  const state = def?.states[row.status];
  return {
    id: row.documentId,
    documentId: row.documentId,
    number: row.number,
    kind: row.kind,
    kindLabel: def?.label ?? row.kind,
    module: def?.module ?? null,
    status: row.status,
    statusLabel: state?.label ?? row.status,
    owner: state?.owner ?? 'none',
    editable: Boolean(state?.editable),
    data: row.data ?? {},
    lastNote: row.lastNote ?? null,
    merchant: row.merchant ? { documentId: row.merchant.documentId, nameCn: row.merchant.nameCn } : null,
    submittedAt: row.submittedAt ?? null,
    lastTransitionAt: row.lastTransitionAt ?? null,
    waitingSince: row.waitingSince ?? null,
    completedAt: row.completedAt ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    links: def ? { web: def.webLink(row.documentId), mp: def.mpPath(row.documentId) } : null,
    ...(viewer === 'platform' ? { merchantId: row.merchant?.id ?? null } : {}),
  };
}

export function presentTimeline(events: Row[], def: KindDefinition | undefined, viewer: Viewer): Row[] {
  return events.map((e) => ({
    from: e.fromStatus ?? null,
    to: e.toStatus,
    fromLabel: e.fromStatus ? (def?.states[e.fromStatus]?.label ?? e.fromStatus) : null,
    toLabel: def?.states[e.toStatus]?.label ?? e.toStatus,
    note: e.note ?? null,
    actorKind: e.actorKind,
    // Merchants see "the platform", not which employee.
    actorName: e.actorKind === 'platform' && viewer !== 'platform' ? '晶贸通平台' : e.actorName,
    createdAt: e.createdAt,
  }));
}

export function noticeFor(def: KindDefinition, number: string, to: string, note: string | null): { title: string; body: string; category: 'business' | 'todo' } {
  const stateLabel = def.states[to].label;
  const ref = `${def.label}申请（${number}）`;
  const title = `${def.label}：${stateLabel}`;
  if (to === 'returned') return { title, category: 'todo', body: `您的${ref}需要补正：${note ?? ''}。请按要求修改后重新提交。` };
  if (to === 'rejected') return { title, category: 'business', body: `很抱歉，您的${ref}未通过：${note ?? ''}。如有疑问请联系平台客服。` };
  if (def.kind === 'business-registration' && to === 'approved') {
    return { title, category: 'business', body: `恭喜！您的${ref}已核准通过，跨境物流、跨境申报、出口报关等业务已为您开通。` };
  }
  if (def.states[to].success) return { title, category: 'business', body: `您的${ref}已办结。${note ? `说明：${note}` : ''}` };
  const next = def.states[to].owner === 'platform' ? '平台正在处理，请留意后续通知。' : '';
  return { title, category: 'business', body: `您的${ref}已进入「${stateLabel}」阶段。${note ? `说明：${note}。` : ''}${next}` };
}

/** The states a kind's open (not unsuccessfully ended) applications are in. */
export const openStates = (def: KindDefinition): string[] =>
  Object.entries(def.states)
    .filter(([, s]) => !(s.terminal && !s.success))
    .map(([k]) => k);

/** D1: the module's steps in order — done, in progress, to act on, not started, locked — and the one to do next. */
export function guideSteps(kinds: KindDefinition[], rows: Row[], unlocked: boolean, kindLabel: (kind: string) => string) {
  const done = new Set<string>();
  const steps = kinds.map((def) => {
    const candidates = rows.filter((r) => r.kind === def.kind);
    const current = candidates.find((r) => !(def.states[r.status]?.terminal && !def.states[r.status]?.success)) ?? candidates[0] ?? null;
    const state = current ? def.states[current.status] : undefined;
    const prerequisitesMet = def.prerequisites.every((k) => done.has(k));
    let stepState: 'done' | 'in_progress' | 'action_required' | 'locked' | 'pending';
    if (current && state?.success) stepState = 'done';
    else if (current && state?.owner === 'platform') stepState = 'in_progress';
    else if (current && state?.owner === 'merchant') stepState = 'action_required';
    else if (!unlocked && def.requiresRegistration) stepState = 'locked';
    else stepState = 'pending';
    if (stepState === 'done') done.add(def.kind);
    return {
      kind: def.kind,
      label: def.label,
      description: def.description,
      order: def.order,
      state: stepState,
      status: (current?.status as string | undefined) ?? null,
      statusLabel: state?.label ?? null,
      applicationId: (current?.documentId as string | undefined) ?? null,
      prerequisites: def.prerequisites.map((k) => ({ kind: k, label: kindLabel(k) })),
      prerequisitesMet,
      link: def.webLink(current?.documentId ?? ''),
      mpPath: current ? def.mpPath(current.documentId) : `packageFiling/pages/detail/index?kind=${def.kind}`,
      recommended: false,
    };
  });
  const next = steps.find((s) => s.state === 'action_required') ?? steps.find((s) => s.state === 'pending' && s.prerequisitesMet) ?? null;
  if (next) next.recommended = true;
  return { steps, next: next?.kind ?? null, done: steps.filter((s) => s.state === 'done').length, total: steps.length, unlocked };
}

/** A merchant's to-dos: every application waiting on them, and registration if it was never started. */
export function merchantTodos(rows: Row[], kindOf: (kind: string) => KindDefinition | undefined, registrationApproved: boolean): Row[] {
  const items: Row[] = [];
  for (const row of rows) {
    const def = kindOf(row.kind);
    const state = def?.states[row.status];
    if (!def || state?.owner !== 'merchant') continue;
    items.push({
      applicationId: row.documentId,
      kind: def.kind,
      module: def.module,
      status: row.status,
      statusLabel: state.label,
      title: row.status === 'returned' ? `${def.label}需要补正` : `继续填写${def.label}资料`,
      note: row.status === 'returned' ? (row.lastNote ?? null) : null,
      link: def.webLink(row.documentId),
      mpPath: def.mpPath(row.documentId),
    });
  }
  const registration = kindOf('business-registration');
  if (registration && !registrationApproved && !rows.some((r) => r.kind === 'business-registration')) {
    items.unshift({
      applicationId: null,
      kind: registration.kind,
      module: registration.module,
      status: null,
      statusLabel: '未开始',
      title: '开始办理工商注册',
      note: '核准后即可开通跨境物流、报关、退税等业务',
      link: registration.webLink(''),
      mpPath: 'packageRegistration/pages/index/index',
    });
  }
  return items;
}
