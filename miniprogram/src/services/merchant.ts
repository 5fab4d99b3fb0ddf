import type { FxProfile } from '@jmt/api-types';
import { format, messages } from '../locales/index';
import { contractForms } from '../utils/contracts';
import { FieldErrors } from '../utils/errors';
import { api, ApiClient } from './api';

/**
 * 我的 → 结汇账户: the merchant fields that 快速结汇 (X3) quotes read-only (API_CONTRACT.md "FX", Account):
 * read with GET /api/merchants/:documentId, saved by the merchant admin with PUT (members get MEMBER_READ_ONLY).
 */
export type SettlementProfile = Pick<FxProfile, 'fxSubAccount' | 'settlementCardNo' | 'settlementBankName'>;
export type SettlementProfileField = keyof SettlementProfile;

export const SETTLEMENT_PROFILE_FIELDS: SettlementProfileField[] = ['fxSubAccount', 'settlementCardNo', 'settlementBankName'];

/** 开户行's length in the cms merchant content type (the contracts check the two numbers: `fx.merchantFxFields`). */
const BANK_NAME_MAX = 100;

/** GET /api/merchants/:documentId (only the fields this screen uses). */
export interface MerchantRecord extends Partial<SettlementProfile> {
  documentId: string;
  nameCn?: string;
  legalPersonName?: string | null;
}

export type SettlementProfileForm = Record<SettlementProfileField, string>;

export interface ProfileRow {
  key: SettlementProfileField;
  label: string;
  value: string;
  empty: boolean;
}

export function fetchMerchant(documentId: string, client: ApiClient = api): Promise<MerchantRecord> {
  return client.get<{ data: MerchantRecord }>(`/api/merchants/${encodeURIComponent(documentId)}`).then((r) => r.data);
}

/** PUT the three fields (trimmed; an emptied field is cleared). */
export function saveSettlementProfile(documentId: string, form: SettlementProfileForm, client: ApiClient = api): Promise<MerchantRecord> {
  const data: Record<string, string | null> = {};
  SETTLEMENT_PROFILE_FIELDS.forEach((key) => {
    const value = normalize(key, form[key]);
    data[key] = value || null;
  });
  return client.put<{ data: MerchantRecord }>(`/api/merchants/${encodeURIComponent(documentId)}`, { data }).then((r) => r.data);
}

/** Numbers are often typed in groups of four: spaces go, as the fx plugin drops them (the contracts' `withoutSpaces`). */
function normalize(key: SettlementProfileField, value: string | null | undefined): string {
  return key === 'settlementBankName' ? String(value || '').trim() : contractForms().fx.withoutSpaces(value);
}

export function profileRows(merchant: Partial<SettlementProfile> | null | undefined): ProfileRow[] {
  const t = messages().mine;
  return SETTLEMENT_PROFILE_FIELDS.map((key) => {
    const value = (merchant && merchant[key]) || '';
    return { key, label: t.fxFields[key], value: value || t.fxEmpty, empty: !value };
  });
}

export function profileForm(merchant: Partial<SettlementProfile> | null | undefined): SettlementProfileForm {
  return {
    fxSubAccount: (merchant && merchant.fxSubAccount) || '',
    settlementCardNo: (merchant && merchant.settlementCardNo) || '',
    settlementBankName: (merchant && merchant.settlementBankName) || '',
  };
}

/**
 * The numbers as the fx plugin's write guard checks them, with its contract (`fx.merchantFxFields`: sub-account 6–40
 * letters/digits/dashes, card 12–30 digits) and in its words; blank clears a field. 开户行: its length only.
 */
export function validateSettlementProfile(form: SettlementProfileForm): FieldErrors {
  const { firstProblem, fx } = contractForms();
  const t = messages().mine;
  const errors: FieldErrors = {};
  SETTLEMENT_PROFILE_FIELDS.forEach((key) => {
    const value = normalize(key, form[key]);
    if (!value) return;
    const problem =
      key === 'settlementBankName'
        ? value.length > BANK_NAME_MAX
          ? format(t.fxTooLong, { label: t.fxFields[key], max: BANK_NAME_MAX })
          : null
        : firstProblem(fx.merchantFxFields[key], value);
    if (problem) errors[key] = problem;
  });
  return errors;
}
