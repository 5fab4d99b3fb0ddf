import { messages } from '../locales/index';
import { maskPhone } from '../utils/format';
import { api, ApiClient } from './api';
import type { ReceivedInvitation } from './invitations';
import { registrationStatusLabel } from './registration';
import { getRole, setRole, setToken } from './session';

/** GET /api/me */
export interface MePayload {
  user: { id: number; phone: string; realName: string | null; email: string | null };
  isPlatformStaff: boolean;
  platformRoles: Array<{ code: string; name: string }>;
  merchant: {
    documentId: string;
    id: number;
    nameCn: string;
    nameEn: string | null;
    type: string | null;
    registrationStatus: string;
  } | null;
  role: 'admin' | 'member' | null;
  permissions: string[];
  merchants: Array<{ documentId: string; nameCn: string; role: string; current: boolean }>;
  /** Invitations waiting for this phone (成员邀请): 接受 / 拒绝 on 我的. */
  invitations?: ReceivedInvitation[];
}

export interface MeView {
  phone: string;
  realName: string;
  initial: string;
  isPlatformStaff: boolean;
  hasMerchant: boolean;
  merchantName: string;
  merchantNameEn: string;
  merchantType: string;
  registrationStatus: string;
  registrationApproved: boolean;
  role: string;
  canSwitch: boolean;
  switchActions: Array<{ text: string; description: string; documentId: string; disabled: boolean }>;
}

/** GET /api/me; the role in the current merchant is kept in the session (read-only member screens). */
export function fetchMe(client: ApiClient = api): Promise<MePayload> {
  return client.get<MePayload>('/api/me').then((me) => {
    if (me) setRole(me.role);
    return me;
  });
}

/** Members (role `member`) may only look: no save, submit or upload. */
export function isReadOnlyRole(role: string | null | undefined): boolean {
  return role === 'member';
}

/**
 * Whether the signed-in user may only view applications: asks GET /api/me (refreshing the stored role);
 * offline, the role last seen decides.
 */
export function loadReadOnly(client: ApiClient = api): Promise<boolean> {
  return fetchMe(client).then(
    (me) => isReadOnlyRole(me && me.role),
    () => isReadOnlyRole(getRole()),
  );
}

/** POST /api/me/switch-merchant → a new JWT scoped to the chosen merchant (G11). */
export async function switchMerchant(merchantDocumentId: string, client: ApiClient = api): Promise<MePayload> {
  const result = await client.post<MePayload & { jwt: string }>('/api/me/switch-merchant', { merchantId: merchantDocumentId });
  setToken(result.jwt);
  setRole(result.role);
  return result;
}

export function buildMeView(me: MePayload): MeView {
  const text = messages();
  const realName = (me.user && me.user.realName) || '';
  const merchants = me.merchants || [];
  return {
    phone: maskPhone(me.user && me.user.phone),
    realName: realName || text.mine.realNameEmpty,
    initial: (realName || (me.merchant && me.merchant.nameCn) || text.app.name).slice(0, 1),
    isPlatformStaff: !!me.isPlatformStaff,
    hasMerchant: !!me.merchant,
    merchantName: me.merchant ? me.merchant.nameCn : text.mine.noMerchant,
    merchantNameEn: (me.merchant && me.merchant.nameEn) || '',
    merchantType: (me.merchant && me.merchant.type && text.merchantTypes[me.merchant.type]) || '',
    registrationStatus: me.merchant ? registrationStatusLabel(me.merchant.registrationStatus) : '',
    registrationApproved: !!me.merchant && me.merchant.registrationStatus === 'approved',
    role: (me.role && text.roles[me.role]) || text.roles.none,
    canSwitch: merchants.length > 1,
    switchActions: merchants.map((m) => ({
      text: m.nameCn,
      description: `${text.roles[m.role] || m.role}${m.current ? ` · ${text.mine.switchCurrent}` : ''}`,
      documentId: m.documentId,
      disabled: !!m.current,
    })),
  };
}
