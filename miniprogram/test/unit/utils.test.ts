import { format, messages } from '../../src/locales/index';
import { resolveApiBaseUrl } from '../../src/config';
import { startCountdown } from '../../src/utils/countdown';
import { badgeText, formatMessageTime } from '../../src/utils/format';
import { isMainlandMobile, maskPhone, normalizePhone } from '../../src/utils/phone';
import { ApiError, errorMessage, toApiError } from '../../src/utils/errors';

describe('utils', () => {
  it('validates and masks phone numbers', () => {
    expect(isMainlandMobile('13900000001')).toBe(true);
    expect(isMainlandMobile('12900000001')).toBe(false);
    expect(isMainlandMobile('1390000000')).toBe(false);
    expect(normalizePhone('139 0000-00015')).toBe('13900000001');
    expect(maskPhone('13800000000')).toBe('138****0000');
  });

  it('formats placeholders and badge counts', () => {
    expect(format('{seconds} 秒后重发', { seconds: 9 })).toBe('9 秒后重发');
    expect(format('{missing}', {})).toBe('{missing}');
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(100)).toBe('99+');
  });

  it('formats message times', () => {
    const now = new Date(2025, 2, 8, 15, 0);
    expect(formatMessageTime(new Date(2025, 2, 8, 14, 59, 40).toISOString(), now)).toBe('刚刚');
    expect(formatMessageTime(new Date(2025, 2, 8, 13, 0).toISOString(), now)).toBe('2 小时前');
    expect(formatMessageTime(new Date(2025, 2, 7, 9, 5).toISOString(), now)).toBe('昨天 09:05');
    expect(formatMessageTime('nonsense', now)).toBe('');
  });

  it('counts down against the clock', () => {
    let now = 0;
    let tick: (() => void) | null = null;
    const clock = { now: () => now, setInterval: (fn: () => void) => ((tick = fn), 1), clearInterval: () => (tick = null) };
    const seen: number[] = [];
    const onEnd = jest.fn();
    const cd = startCountdown(3, (s) => seen.push(s), onEnd, clock);
    expect(cd.remaining()).toBe(3);
    now = 1000;
    tick!();
    now = 2600;
    tick!(); // a throttled background timer: wall clock wins
    now = 3000;
    tick!();
    expect(seen).toEqual([3, 2, 1, 0]);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(tick).toBeNull();
    expect(cd.remaining()).toBe(0);
  });

  it('error messages are Chinese and locale strings exist for every error code', () => {
    expect(errorMessage(new ApiError(400, 'X', '自定义'))).toBe('自定义');
    expect(errorMessage({ errMsg: 'request:fail timeout' })).toBe('请求超时，请稍后重试');
    expect(errorMessage(new Error('boom'))).toBe('操作失败，请稍后重试');
    for (const code of ['PHONE_INVALID', 'SMS_TOO_FREQUENT', 'SMS_DAILY_LIMIT', 'PHONE_LOCKED', 'SMS_CODE_INVALID', 'SMS_CODE_EXPIRED', 'MEMBER_READ_ONLY', 'LAST_ADMIN']) {
      expect(toApiError(400, { data: null, error: { status: 400, code, message: '' } }).message).toBe(messages().errors.codes[code]);
    }
  });

  it('uses the build-time API base URL only when it was replaced', () => {
    expect(resolveApiBaseUrl('__JMT_API_BASE_URL__')).toBe('http://127.0.0.1:1337');
    expect(resolveApiBaseUrl('https://api.jmt.example.cn/')).toBe('https://api.jmt.example.cn');
  });
});
