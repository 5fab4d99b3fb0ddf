/**
 * Guidance built from a merchant's applications: prefill from what they already told us (G10), the 跨境申报
 * guide (D1), "my progress" (G9), to-dos (merchant: what to do next; staff: what waits in each queue), and the
 * facts templates are filled with.
 */
import type { Core } from '@strapi/strapi';
import type { ActorScope, Row } from '@jmt/plugin-kit';
import { allKinds, getKind, kindsOfModule } from '../kinds';
import { getPath, setPath } from '../lib/machine';
import { guideSteps, merchantTodos } from '../lib/present';
import { APPLICATION_UID, FILE_UID, type Records } from './records';

export function createGuidance(_strapi: Core.Strapi, r: Records) {
  const { db } = r;
  const label = (kind: string) => getKind(kind)?.label ?? kind;

  const guidance = {
    async prefill(scope: ActorScope, kindName: unknown): Promise<{ data: Record<string, unknown>; meta: { sources: Record<string, string> } }> {
      const def = r.kindOrFail(kindName);
      const merchantId = r.merchantOf(scope);
      const merchant = await r.merchantRow(merchantId);
      const others = await db(scope)
        .table(APPLICATION_UID)
        .findMany({ select: ['kind', 'data', 'status'], orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }] });
      const data: Record<string, unknown> = {};
      const sources: Record<string, string> = {};
      for (const field of def.fields) {
        const fromMerchant = field.prefillFrom ? merchant[field.prefillFrom] : undefined;
        if (fromMerchant !== undefined && fromMerchant !== null && fromMerchant !== '') {
          setPath(data, field.path, fromMerchant);
          sources[field.path] = 'merchant';
          continue;
        }
        for (const other of others) {
          const value = [field.path, ...(field.alsoFrom ?? [])].map((p) => getPath(other.data, p)).find((v) => typeof v === 'string' && v.trim() !== '');
          if (value !== undefined) {
            setPath(data, field.path, value);
            sources[field.path] = other.kind;
            break;
          }
        }
      }
      // Documents already uploaded are offered again instead of asking for another photo.
      const files = await db(scope)
        .table(FILE_UID)
        .findMany({ where: { category: { $in: def.fileSlots.map((s) => s.key) } }, select: ['documentId', 'category'], orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      const fileData: Record<string, string> = {};
      for (const file of files) {
        if (!fileData[file.category]) {
          fileData[file.category] = file.documentId;
          sources[`files.${file.category}`] = 'file';
        }
      }
      if (Object.keys(fileData).length) data.files = fileData;
      return { data, meta: { sources } };
    },

    async guide(scope: ActorScope, module = 'filing'): Promise<Row> {
      const merchantId = r.merchantOf(scope);
      const merchant = await r.merchantRow(merchantId);
      const kinds = kindsOfModule(module);
      const rows = await db(scope)
        .table(APPLICATION_UID)
        .findMany({ where: { kind: { $in: kinds.map((k) => k.kind) } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      return guideSteps(kinds, rows, merchant.registrationStatus === 'approved', label);
    },

    async progress(scope: ActorScope): Promise<Row[]> {
      r.merchantOf(scope);
      const registration = r.kindOrFail('business-registration');
      const reg = await db(scope)
        .table(APPLICATION_UID)
        .findOne({ where: { kind: registration.kind }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      const regIndex = reg ? registration.steps.indexOf(reg.status) : -1;
      const regDone = reg?.status === 'approved' ? registration.steps.length : Math.max(0, regIndex);
      const guide = await guidance.guide(scope, 'filing');
      const nextFiling = (guide.steps as Row[]).find((s) => s.recommended);
      return [
        {
          module: 'registration',
          label: registration.label,
          done: regDone,
          total: registration.steps.length,
          status: reg?.status ?? null,
          statusLabel: reg ? registration.states[reg.status]?.label : '未开始',
          steps: registration.steps.map((key, i) => ({ key, label: registration.states[key].label, done: i < regDone })),
          next:
            reg?.status === 'approved'
              ? null
              : {
                  label: !reg ? '开始办理工商注册' : registration.states[reg.status]?.owner === 'merchant' ? '继续填写工商注册资料' : '等待平台审核',
                  link: '/registration',
                  mpPath: registration.mpPath(reg?.documentId ?? ''),
                },
        },
        {
          module: 'filing',
          label: '跨境申报',
          done: guide.done,
          total: guide.total,
          steps: (guide.steps as Row[]).map((s) => ({ key: s.kind, label: s.label, done: s.state === 'done', state: s.state })),
          next: nextFiling ? { label: `办理${nextFiling.label}`, link: nextFiling.link, mpPath: nextFiling.mpPath } : null,
          locked: !guide.unlocked,
        },
      ];
    },

    async todos(scope: ActorScope): Promise<Row[]> {
      r.assertReader(scope);
      const apps = db(scope).table(APPLICATION_UID);
      if (scope.kind === 'platform') {
        const out: Row[] = [];
        for (const def of allKinds()) {
          for (const [status, state] of Object.entries(def.states)) {
            if (state.owner !== 'platform') continue;
            out.push({ kind: def.kind, label: def.label, module: def.module, status, statusLabel: state.label, count: await apps.count({ kind: def.kind, status }) });
          }
        }
        return out;
      }
      const rows = await apps.findMany({ orderBy: [{ updatedAt: 'desc' }] });
      const merchant = await r.merchantRow(scope.merchantId as number);
      return merchantTodos(rows, getKind, merchant.registrationStatus === 'approved');
    },

    /** Merchant facts a template is filled with (empty for staff). */
    async templateFill(scope: ActorScope): Promise<Record<string, string | null>> {
      r.assertReader(scope);
      if (scope.kind !== 'merchant' || !scope.merchantId) return {};
      const merchant = await r.merchantRow(scope.merchantId);
      const others = await db(scope)
        .table(APPLICATION_UID)
        .findMany({ select: ['data'], orderBy: [{ updatedAt: 'desc' }] });
      const fromApps = (path: string): string | null => {
        for (const o of others) {
          const v = getPath(o.data, path);
          if (typeof v === 'string' && v) return v;
        }
        return null;
      };
      return {
        nameCn: merchant.nameCn ?? null,
        nameEn: merchant.nameEn ?? null,
        creditCode: merchant.creditCode ?? fromApps('creditCode'),
        type: merchant.type ?? null,
        addressCn: merchant.addressCn ?? null,
        addressEn: merchant.addressEn ?? null,
        legalPersonName: merchant.legalPersonName ?? null,
        legalPersonPhone: fromApps('legalPerson.phone'),
        contactName: merchant.contactName ?? null,
        contactPhone: merchant.contactPhone ?? null,
        contactEmail: merchant.contactEmail ?? null,
        customsCode: fromApps('customsCode'),
      };
    },
  };
  return guidance;
}

export type Guidance = ReturnType<typeof createGuidance>;
