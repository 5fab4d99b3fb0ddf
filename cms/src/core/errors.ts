import { errorMessages, type ErrorCode } from '../locales/zh-CN';

/**
 * The one error type business code throws. The api-envelope middleware turns it into
 * `{ data: null, error: { status, code, message, details } }` with the Chinese message for users
 * and the stable `code` for programs. The cms's own codes are in locales/zh-CN.ts; each plugin adds its own
 * from its locale file at start-up (host.registerErrors), so one catalogue knows every code.
 */
const catalogue: Record<string, string> = { ...errorMessages };

export function registerErrorMessages(messages: Record<string, string>): void {
  for (const [code, message] of Object.entries(messages)) {
    if (catalogue[code] !== undefined && catalogue[code] !== message) throw new Error(`error code ${code} is defined twice with different messages`);
    catalogue[code] = message;
  }
}

/** Every known code and its message (the OpenAPI document lists them). */
export const errorCatalogue = (): Readonly<Record<string, string>> => catalogue;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode | (string & {}), status = 400, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? catalogue[code] ?? errorMessages.INTERNAL_ERROR);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const forbidden = (code: ErrorCode = 'FORBIDDEN') => new AppError(code, 403);
export const notFound = () => new AppError('NOT_FOUND', 404);
export const unauthorized = () => new AppError('UNAUTHORIZED', 401);
