import { messages } from '../locales/index';
import { toast } from '../utils/wx-promise';
import { badgeText } from '../utils/format';

/** Module keys in the order of the /api/home contract. */
export const MODULE_KEYS = [
  'registration', // 工商注册
  'logistics', // 跨境物流
  'filing', // 跨境申报
  'customs', // 出口报关
  'tax-refund', // 出口退税
  'fx', // 收结汇
  'training', // 培训服务
  'trading', // 交易平台
] as const;

export type ModuleKey = (typeof MODULE_KEYS)[number];

export type RegistrationStatus = 'not_started' | 'filling' | 'initial_review' | 'onsite_check' | 'approved' | 'returned' | 'rejected';

/** Modules open whatever the registration status (G8). */
export const ALWAYS_ENABLED: readonly ModuleKey[] = ['registration', 'training'];

/** Where each module lives in the mini-program: one subpackage per module. */
export const MODULE_ROUTES: Record<ModuleKey, { root: string; page: string; icon: string }> = {
  registration: { root: 'packageRegistration', page: '/packageRegistration/pages/index/index', icon: '/images/modules/registration.svg' },
  logistics: { root: 'packageLogistics', page: '/packageLogistics/pages/index/index', icon: '/images/modules/logistics.svg' },
  filing: { root: 'packageFiling', page: '/packageFiling/pages/index/index', icon: '/images/modules/filing.svg' },
  customs: { root: 'packageCustoms', page: '/packageCustoms/pages/index/index', icon: '/images/modules/customs.svg' },
  'tax-refund': { root: 'packageTaxRefund', page: '/packageTaxRefund/pages/index/index', icon: '/images/modules/tax-refund.svg' },
  fx: { root: 'packageFx', page: '/packageFx/pages/index/index', icon: '/images/modules/fx.svg' },
  training: { root: 'packageTraining', page: '/packageTraining/pages/index/index', icon: '/images/modules/training.svg' },
  trading: { root: 'packageTrading', page: '/packageTrading/pages/index/index', icon: '/images/modules/trading.svg' },
};

/** One entry of `modules` in GET /api/home. */
export interface HomeModule {
  key: string;
  title: string;
  enabled: boolean;
  todo: number;
  path: string;
}

/** What the module grid renders. */
export interface ModuleEntry {
  key: ModuleKey;
  title: string;
  enabled: boolean;
  locked: boolean;
  todo: number;
  todoText: string;
  lockHint: string;
  page: string;
  icon: string;
}

export function isModuleKey(key: string): key is ModuleKey {
  return (MODULE_KEYS as readonly string[]).indexOf(key) >= 0;
}

/** The lock rule of the contract: everything opens once registration is approved. */
export function isEnabledByRule(key: ModuleKey, registrationStatus: string | null | undefined): boolean {
  return ALWAYS_ENABLED.indexOf(key) >= 0 || registrationStatus === 'approved';
}

/**
 * Build the eight grid entries from the /api/home payload, always in contract order.
 * The server's `enabled` flag is authoritative; the local rule only fills in a missing flag or a
 * missing module (an older server), so the grid never shows fewer than eight entries.
 */
export function resolveModules(payload: ReadonlyArray<Partial<HomeModule>> | null | undefined, registrationStatus: string | null | undefined): ModuleEntry[] {
  const byKey: Record<string, Partial<HomeModule>> = {};
  (payload || []).forEach((m) => {
    if (m && typeof m.key === 'string') byKey[m.key] = m;
  });
  const text = messages();
  return MODULE_KEYS.map((key) => {
    const fromServer = byKey[key] || {};
    const enabled = typeof fromServer.enabled === 'boolean' ? fromServer.enabled : isEnabledByRule(key, registrationStatus);
    const todo = enabled ? Math.max(0, Number(fromServer.todo) || 0) : 0;
    return {
      key,
      title: fromServer.title || text.modules[key].title,
      enabled,
      locked: !enabled,
      todo,
      todoText: badgeText(todo),
      lockHint: text.home.lockedHint,
      page: MODULE_ROUTES[key].page,
      icon: MODULE_ROUTES[key].icon,
    };
  });
}

export type OpenResult = 'opened' | 'locked';

/** Tap on a module: locked → toast "完成工商注册后开通"; enabled → its subpackage page. */
export function openModule(entry: Pick<ModuleEntry, 'enabled' | 'page' | 'lockHint'>): OpenResult {
  if (!entry.enabled) {
    toast(entry.lockHint || messages().home.lockedHint);
    return 'locked';
  }
  wx.navigateTo({ url: entry.page });
  return 'opened';
}
