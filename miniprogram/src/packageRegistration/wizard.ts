import { format, messages } from '../locales/index';
import { ApplicationData, getPath, When, whenHolds } from '../services/applications';
import { isMainlandMobile } from '../utils/phone';

/**
 * 工商注册 wizard (R1–R2), pure logic: steps per path, per-step validation, the data shape of the contract
 * (`path: "new"` / `"existing"`), the file slots and the confirmation summary.
 */
export type RegPath = 'new' | 'existing';
export type StepKey = 'entity' | 'name' | 'scope' | 'people' | 'files' | 'confirm';

export interface Shareholder {
  name: string;
  idNumber: string;
  ratio: string;
}

export interface RegForm extends ApplicationData {
  path: RegPath;
  entityType: string;
  nameOptions: string[];
  companyName: string;
  creditCode: string;
  registeredAddress: string;
  businessScope: string;
  registeredCapital: string;
  legalPerson: { name: string; idNumber: string; phone: string };
  shareholders: Shareholder[];
  contact: { name: string; phone: string };
  files: Record<string, string>;
}

export const STEPS: Record<RegPath, StepKey[]> = {
  new: ['entity', 'name', 'scope', 'people', 'files', 'confirm'],
  existing: ['entity', 'name', 'people', 'files', 'confirm'],
};

export interface FileSlotDef {
  key: string;
  label: string;
  hint: string;
  required: boolean;
}

/** The `when` conditions of the business-registration kind (plugins/workflow kinds), checked with whenHolds. */
export const WHEN: Record<'NEW' | 'EXISTING' | 'COMPANY_NEW', When> = {
  NEW: { path: 'path', in: ['new'] },
  EXISTING: { path: 'path', in: ['existing'] },
  COMPANY_NEW: [
    { path: 'path', in: ['new'] },
    { path: 'entityType', in: ['company'] },
  ],
};

/** The kind's file slots in order, each asked only when its `when` holds. */
const SLOTS: Array<{ key: string; required: boolean; when: When }> = [
  { key: 'business_licence', required: true, when: WHEN.EXISTING },
  { key: 'id_card_front', required: true, when: null },
  { key: 'id_card_back', required: true, when: null },
  { key: 'bank_permit', required: true, when: WHEN.EXISTING },
  { key: 'lease_contract', required: false, when: WHEN.NEW },
];

export function fileSlots(path: RegPath): FileSlotDef[] {
  const defs = messages().regFiles;
  return SLOTS.filter((s) => whenHolds(s.when, { path })).map(({ key, required }) => ({ key, required, label: defs[key].label, hint: defs[key].hint }));
}

/** 注册资本 and 股东 are asked for a new 有限公司 only. */
export function isCompanyNew(form: Pick<RegForm, 'path' | 'entityType'>): boolean {
  return whenHolds(WHEN.COMPANY_NEW, form);
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Server data (possibly partial, from prefill or a draft) → a complete form. */
export function normalizeForm(data: ApplicationData | null | undefined, path?: RegPath): RegForm {
  const d = (data || {}) as Record<string, unknown>;
  const legal = (d.legalPerson || {}) as Record<string, unknown>;
  const contact = (d.contact || {}) as Record<string, unknown>;
  const names = Array.isArray(d.nameOptions) ? (d.nameOptions as unknown[]).map(str).slice(0, 3) : [];
  const holders = Array.isArray(d.shareholders)
    ? (d.shareholders as Array<Record<string, unknown>>).map((s) => ({ name: str(s && s.name), idNumber: str(s && s.idNumber), ratio: str(s && s.ratio) }))
    : [];
  const resolvedPath: RegPath = path || (d.path === 'existing' ? 'existing' : 'new');
  return {
    ...d,
    path: resolvedPath,
    entityType: d.entityType === 'individual' || d.entityType === 'company' ? (d.entityType as string) : '',
    nameOptions: names.length ? names : [''],
    companyName: str(d.companyName),
    creditCode: str(d.creditCode),
    registeredAddress: str(d.registeredAddress),
    businessScope: str(d.businessScope),
    registeredCapital: str(d.registeredCapital),
    legalPerson: { name: str(legal.name), idNumber: str(legal.idNumber), phone: str(legal.phone) },
    shareholders: holders.length ? holders : [{ name: '', idNumber: '', ratio: '' }],
    contact: { name: str(contact.name), phone: str(contact.phone) },
    files: { ...((d.files as Record<string, string>) || {}) },
  };
}

/** The form → `application.data` as the contract defines it for its path (drops what does not apply). */
export function toApplicationData(form: RegForm): ApplicationData {
  const base = {
    path: form.path,
    entityType: form.entityType,
    registeredAddress: form.registeredAddress.trim(),
    legalPerson: { name: form.legalPerson.name.trim(), idNumber: form.legalPerson.idNumber.trim().toUpperCase(), phone: form.legalPerson.phone.trim() },
    contact: { name: form.contact.name.trim(), phone: form.contact.phone.trim() },
  };
  const slots = fileSlots(form.path).map((s) => s.key);
  const files: Record<string, string> = {};
  slots.forEach((key) => {
    if (form.files[key]) files[key] = form.files[key];
  });
  if (form.path === 'existing') {
    return { ...base, companyName: form.companyName.trim(), creditCode: form.creditCode.trim().toUpperCase(), files };
  }
  const data: ApplicationData = {
    ...base,
    nameOptions: form.nameOptions.map((n) => n.trim()).filter(Boolean),
    businessScope: form.businessScope.trim(),
    files,
  };
  if (isCompanyNew(form)) {
    data.registeredCapital = form.registeredCapital.trim();
    data.shareholders = form.shareholders.map((s) => ({ name: s.name.trim(), idNumber: s.idNumber.trim().toUpperCase(), ratio: s.ratio.trim() }));
  }
  return data;
}

const ID_RE = /^\d{17}[\dXx]$/;
const CREDIT_RE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export type Errors = Record<string, string>;

/** Validation of one step: field path → message (empty object when the step is fine). */
export function validateStep(step: StepKey, form: RegForm): Errors {
  const t = messages().regWizard;
  const e = t.errors;
  const errors: Errors = {};
  const required = (path: string, label: string) => {
    if (!str(getPath(form, path)).trim()) errors[path] = format(messages().apply.required, { label });
  };
  const companyNew = isCompanyNew(form);

  switch (step) {
    case 'entity':
      required('entityType', t.entityLabel);
      break;
    case 'name':
      if (form.path === 'existing') {
        required('companyName', t.companyName);
        required('creditCode', t.creditCode);
        if (!errors.creditCode && !CREDIT_RE.test(form.creditCode.trim().toUpperCase())) errors.creditCode = e.creditCode;
      } else if (!form.nameOptions.some((n) => n.trim())) {
        errors['nameOptions.0'] = e.nameOptions;
      }
      required('registeredAddress', t.registeredAddress);
      break;
    case 'scope':
      required('businessScope', t.businessScope);
      if (companyNew) {
        required('registeredCapital', t.registeredCapital);
        const capital = Number(form.registeredCapital);
        if (!errors.registeredCapital && !(Number.isFinite(capital) && capital > 0)) errors.registeredCapital = e.capital;
      }
      break;
    case 'people': {
      required('legalPerson.name', t.personName);
      required('legalPerson.idNumber', t.idNumber);
      required('legalPerson.phone', t.phone);
      if (!errors['legalPerson.idNumber'] && !ID_RE.test(form.legalPerson.idNumber.trim())) errors['legalPerson.idNumber'] = e.idNumber;
      if (!errors['legalPerson.phone'] && !isMainlandMobile(form.legalPerson.phone.trim())) errors['legalPerson.phone'] = e.phone;
      if (companyNew) {
        let sum = 0;
        form.shareholders.forEach((s, i) => {
          required(`shareholders.${i}.name`, t.personName);
          required(`shareholders.${i}.idNumber`, t.idNumber);
          required(`shareholders.${i}.ratio`, t.ratio);
          if (!errors[`shareholders.${i}.idNumber`] && !ID_RE.test(s.idNumber.trim())) errors[`shareholders.${i}.idNumber`] = e.idNumber;
          const ratio = Number(s.ratio);
          if (!errors[`shareholders.${i}.ratio`] && !(Number.isFinite(ratio) && ratio > 0 && ratio <= 100)) errors[`shareholders.${i}.ratio`] = e.ratio;
          sum += Number.isFinite(ratio) ? ratio : 0;
        });
        if (!form.shareholders.length) errors.shareholders = e.shareholders;
        else if (Math.abs(sum - 100) > 0.001) errors.shareholders = e.ratioSum;
      }
      required('contact.name', t.personName);
      required('contact.phone', t.phone);
      if (!errors['contact.phone'] && !isMainlandMobile(form.contact.phone.trim())) errors['contact.phone'] = e.phone;
      break;
    }
    case 'files':
      fileSlots(form.path).forEach((slot) => {
        if (slot.required && !form.files[slot.key]) errors[`files.${slot.key}`] = format(messages().apply.required, { label: slot.label });
      });
      break;
    default:
      break;
  }
  return errors;
}

/** The step a (server-reported) missing field belongs to. */
export function stepOfField(field: string, path: RegPath): StepKey {
  const head = field.split('.')[0];
  const map: Record<string, StepKey> = {
    entityType: 'entity',
    path: 'entity',
    nameOptions: 'name',
    companyName: 'name',
    creditCode: 'name',
    registeredAddress: 'name',
    businessScope: 'scope',
    registeredCapital: 'scope',
    legalPerson: 'people',
    shareholders: 'people',
    contact: 'people',
    files: 'files',
  };
  const step = map[head] || 'confirm';
  return STEPS[path].indexOf(step) >= 0 ? step : path === 'existing' && step === 'scope' ? 'name' : step;
}

/** First step (index) with client-side errors, or -1. */
export function firstInvalidStep(form: RegForm): { index: number; errors: Errors } {
  const steps = STEPS[form.path];
  for (let i = 0; i < steps.length; i++) {
    const errors = validateStep(steps[i], form);
    if (Object.keys(errors).length) return { index: i, errors };
  }
  return { index: -1, errors: {} };
}

export interface SummaryRow {
  label: string;
  value: string;
}

/** 确认提交: what will be submitted, in reading order. */
export function summaryRows(form: RegForm): SummaryRow[] {
  const t = messages().regWizard;
  const none = t.notFilled;
  const v = (s: string) => (s && s.trim()) || none;
  const rows: SummaryRow[] = [{ label: t.entityLabel, value: messages().merchantTypes[form.entityType] || none }];
  if (form.path === 'existing') {
    rows.push({ label: t.companyName, value: v(form.companyName) }, { label: t.creditCode, value: v(form.creditCode) });
  } else {
    rows.push({ label: t.nameOptions, value: form.nameOptions.filter((n) => n.trim()).join(' / ') || none });
  }
  rows.push({ label: t.registeredAddress, value: v(form.registeredAddress) });
  if (whenHolds(WHEN.NEW, form)) {
    rows.push({ label: t.businessScope, value: v(form.businessScope) });
    if (isCompanyNew(form)) rows.push({ label: t.registeredCapital, value: v(form.registeredCapital) });
  }
  const legal = form.entityType === 'individual' ? t.legalPersonIndividual : t.legalPerson;
  rows.push({ label: legal, value: [form.legalPerson.name, form.legalPerson.phone].filter(Boolean).join(' · ') || none });
  if (isCompanyNew(form)) {
    rows.push({
      label: t.shareholders,
      value:
        form.shareholders
          .filter((s) => s.name)
          .map((s) => `${s.name} ${s.ratio}%`)
          .join('，') || none,
    });
  }
  rows.push({ label: t.contact, value: [form.contact.name, form.contact.phone].filter(Boolean).join(' · ') || none });
  const slots = fileSlots(form.path);
  rows.push({ label: t.files, value: format(t.fileCount, { done: slots.filter((s) => form.files[s.key]).length, total: slots.length }) });
  return rows;
}

export function ratioSum(form: RegForm): number {
  return form.shareholders.reduce((sum, s) => sum + (Number(s.ratio) || 0), 0);
}
