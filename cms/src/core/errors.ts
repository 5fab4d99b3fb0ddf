import { errorMessages, type ErrorCode } from '../locales/zh-CN';

/**
 * The one error type business code throws. The api-envelope middleware turns it into
 * `{ data: null, error: { status, code, message, details } }` with the Chinese message for users
 * and the stable `code` for programs.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, status = 400, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? errorMessages[code]);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const forbidden = (code: ErrorCode = 'FORBIDDEN') => new AppError(code, 403);
export const notFound = () => new AppError('NOT_FOUND', 404);
export const unauthorized = () => new AppError('UNAUTHORIZED', 401);
