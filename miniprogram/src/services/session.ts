/**
 * Session persistence in wx storage: the cms JWT and the signed-in user.
 * (Kept synchronous: pages read it in onLoad/onShow before anything else.)
 */
export interface SessionUser {
  id: number;
  phone: string;
  realName?: string | null;
  isPlatformStaff?: boolean;
}

export interface LoginResult {
  jwt: string;
  user: SessionUser;
}

export const STORAGE_KEYS = {
  jwt: 'jmt.jwt',
  user: 'jmt.user',
  /** The user's role in the current merchant ('admin' | 'member'), from GET /api/me. */
  role: 'jmt.role',
  /** Kept after logout to pre-fill the SMS form. */
  lastPhone: 'jmt.lastPhone',
} as const;

export function getToken(): string {
  try {
    const value = wx.getStorageSync(STORAGE_KEYS.jwt);
    return typeof value === 'string' ? value : '';
  } catch (e) {
    return '';
  }
}

export function setToken(jwt: string): void {
  wx.setStorageSync(STORAGE_KEYS.jwt, jwt);
}

export function getUser(): SessionUser | null {
  try {
    const value = wx.getStorageSync(STORAGE_KEYS.user);
    return value && typeof value === 'object' ? (value as SessionUser) : null;
  } catch (e) {
    return null;
  }
}

export function saveSession(result: LoginResult): void {
  setToken(result.jwt);
  wx.setStorageSync(STORAGE_KEYS.user, result.user);
  if (result.user && result.user.phone) wx.setStorageSync(STORAGE_KEYS.lastPhone, result.user.phone);
}

/** Role in the current merchant as last seen from GET /api/me ('' when unknown). */
export function getRole(): string {
  try {
    const value = wx.getStorageSync(STORAGE_KEYS.role);
    return typeof value === 'string' ? value : '';
  } catch (e) {
    return '';
  }
}

export function setRole(role: string | null | undefined): void {
  try {
    wx.setStorageSync(STORAGE_KEYS.role, role || '');
  } catch (e) {
    // only a cache: pages ask GET /api/me again
  }
}

export function getLastPhone(): string {
  try {
    const value = wx.getStorageSync(STORAGE_KEYS.lastPhone);
    return typeof value === 'string' ? value : '';
  } catch (e) {
    return '';
  }
}

export function clearSession(): void {
  wx.removeStorageSync(STORAGE_KEYS.jwt);
  wx.removeStorageSync(STORAGE_KEYS.user);
  wx.removeStorageSync(STORAGE_KEYS.role);
}

export function isLoggedIn(): boolean {
  return getToken() !== '';
}
