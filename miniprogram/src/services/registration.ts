import { messages } from '../locales/index';
import { MODULE_ROUTES } from './modules';

export type BannerTone = 'success' | 'processing' | 'warning' | 'error' | 'default';

export interface RegistrationBanner {
  status: string;
  tone: BannerTone;
  title: string;
  description: string;
  action: string;
  page: string;
}

const TONES: Record<string, BannerTone> = {
  not_started: 'default',
  filling: 'processing',
  initial_review: 'processing',
  onsite_check: 'processing',
  approved: 'success',
  returned: 'warning',
  rejected: 'error',
};

/** The home-page banner for a merchant's business-registration status (工商注册进度). */
export function registrationBanner(status: string | null | undefined): RegistrationBanner {
  const key = status && TONES[status] ? status : 'unknown';
  const text = messages().registration[key];
  return {
    status: key,
    tone: TONES[key] || 'default',
    title: text.title,
    description: text.description,
    action: text.action,
    page: MODULE_ROUTES.registration.page,
  };
}

export function registrationStatusLabel(status: string | null | undefined): string {
  return (status && messages().registrationStatus[status]) || messages().registration.unknown.title;
}
