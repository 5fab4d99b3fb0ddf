import { cms, firstProblem } from '@jmt/contracts/forms';
import { format, messages } from '../../locales/index';
import { sendSmsCode, smsLogin } from '../../services/auth';
import { ApiError, errorMessage } from '../../utils/errors';
import { Countdown, startCountdown } from '../../utils/countdown';
import { normalizePhone } from '../../utils/phone';
import { toast } from '../../utils/wx-promise';

const DEFAULT_COOLDOWN = 60;

/** Running countdowns by component instance (kept outside `data`, which is copied on setData). */
const timers: Record<string, Countdown | undefined> = {};
let seq = 0;

/**
 * SMS-code login form. Fires `success` with the LoginResult after POST /api/auth/sms/login
 * stored the session; the page decides where to go.
 */
Component({
  properties: {
    /** Pre-filled phone (e.g. the last one used). */
    defaultPhone: { type: String, value: '' },
  },
  data: {
    t: messages().sms,
    phone: '',
    code: '',
    countdown: 0,
    sending: false,
    submitting: false,
    sendDisabled: false,
    sendText: messages().sms.sendCode,
    uid: '',
  },
  lifetimes: {
    attached() {
      const uid = `sms-${++seq}`;
      this.setData({ uid, phone: normalizePhone(this.data.defaultPhone) });
    },
    detached() {
      const timer = timers[this.data.uid];
      if (timer) timer.stop();
      timers[this.data.uid] = undefined;
    },
  },
  methods: {
    onPhoneInput(e: WechatMiniprogram.Input) {
      const phone = normalizePhone(e.detail.value);
      this.setData({ phone });
      return phone;
    },
    onCodeInput(e: WechatMiniprogram.Input) {
      const code = String(e.detail.value || '')
        .replace(/\D/g, '')
        .slice(0, 6);
      this.setData({ code });
      return code;
    },
    refreshSendButton(countdown: number, sending: boolean, everSent: boolean) {
      const t = this.data.t;
      this.setData({
        countdown,
        sending,
        sendDisabled: sending || countdown > 0,
        sendText: sending ? t.sending : countdown > 0 ? format(t.countdown, { seconds: countdown }) : everSent ? t.resend : t.sendCode,
      });
    },
    startCooldown(seconds: number) {
      const previous = timers[this.data.uid];
      if (previous) previous.stop();
      timers[this.data.uid] = startCountdown(seconds, (left) => this.refreshSendButton(left, false, true));
    },
    async onSend() {
      if (this.data.sendDisabled) return;
      const phone = this.data.phone;
      // The contract's rule and words (POST /api/auth/sms/send `{ phone }`).
      const problem = firstProblem(cms.smsSendInput.shape.phone, phone);
      if (problem) {
        toast(problem);
        return;
      }
      this.refreshSendButton(0, true, false);
      try {
        const result = await sendSmsCode(phone);
        this.startCooldown(Number(result.cooldownSeconds) || DEFAULT_COOLDOWN);
        toast(this.data.t.sent, 'success');
      } catch (err) {
        const retry = err instanceof ApiError ? err.retryAfterSeconds : undefined;
        if (retry) this.startCooldown(retry);
        else this.refreshSendButton(0, false, false);
        toast(errorMessage(err));
      }
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const { phone, code } = this.data;
      // POST /api/auth/sms/login `{ phone, code }`: the contract's rules, phone first, as the form reads.
      const problem = firstProblem(cms.smsLoginInput.shape.phone, phone) || firstProblem(cms.smsLoginInput.shape.code, code);
      if (problem) {
        toast(problem);
        return;
      }
      this.setData({ submitting: true });
      try {
        const result = await smsLogin(phone, code);
        this.setData({ submitting: false });
        this.triggerEvent('success', result);
      } catch (err) {
        this.setData({ submitting: false });
        toast(errorMessage(err));
      }
    },
  },
});
