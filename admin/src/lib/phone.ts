/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const MAINLAND_PHONE = /^1[3-9]\d{9}$/;

export const isMainlandPhone = (value: unknown): value is string =>
  typeof value === "string" && MAINLAND_PHONE.test(value);

/** `13800000000` → `138****0000` for places where the full number is not needed. */
export const maskPhone = (phone: string | null | undefined): string =>
  phone && phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : (phone ?? "");
