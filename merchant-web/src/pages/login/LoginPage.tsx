import {
  CheckCircleFilled,
  LockOutlined,
  MessageOutlined,
  MobileOutlined,
  SafetyCertificateOutlined,
  ThunderboltOutlined,
  WechatOutlined,
} from "@ant-design/icons";
import { useLogin } from "@refinedev/core";
import { Alert, App, Button, Checkbox, Form, Input, Typography } from "antd";
import { useState } from "react";
import { CrystalFacets, CrystalMark } from "../../components/CrystalMark";
import { useCountdown } from "../../hooks/useCountdown";
import { useT } from "../../i18n/useT";
import { cms, fieldRule } from "@jmt/contracts";
import { MAINLAND_PHONE } from "../../lib/validation";

/** The sign-in rules of the cms (@jmt/contracts), in this page's words. */
const { smsLoginInput } = cms;
import { api, type SmsLoginParams } from "../../providers";
import { toApiError } from "../../providers/apiError";

interface LoginForm {
  phone: string;
  code: string;
  remember: boolean;
}

const DEFAULT_COOLDOWN = 60;

export function LoginPage() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<LoginForm>();
  const phone = Form.useWatch("phone", form) ?? "";
  const countdown = useCountdown();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { mutate: login, isPending: loggingIn } = useLogin<SmsLoginParams>();

  const sendCode = async () => {
    setError(null);
    try {
      await form.validateFields(["phone"]);
    } catch {
      return;
    }
    setSending(true);
    try {
      const result = await api.sendSmsCode(form.getFieldValue("phone").trim());
      countdown.start(result.cooldownSeconds > 0 ? result.cooldownSeconds : DEFAULT_COOLDOWN);
      message.success(t("login.codeSent"));
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      if (apiError.retryAfterSeconds) countdown.start(apiError.retryAfterSeconds);
    } finally {
      setSending(false);
    }
  };

  const onFinish = (values: LoginForm) => {
    setError(null);
    login(
      { phone: values.phone.trim(), code: values.code.trim(), remember: !!values.remember },
      {
        onSuccess: (result) => {
          if (result.success) message.success(t("login.welcomeBack"));
          else setError(toApiError(result.error).message);
        },
        onError: (e) => setError(toApiError(e).message),
      },
    );
  };

  return (
    <div className="jmt-login">
      <aside className="jmt-login-brand">
        <CrystalFacets className="jmt-login-facets" />
        <div className="jmt-login-brand-inner">
          <div className="jmt-login-logo">
            <CrystalMark size={48} />
            <span>{t("app.name")}</span>
          </div>
          <h1 className="jmt-login-headline">{t("login.brandTitle")}</h1>
          <p className="jmt-login-lead">{t("login.brandLead")}</p>
          <ul className="jmt-login-points">
            <li>
              <ThunderboltOutlined /> {t("login.brandPoints.one")}
            </li>
            <li>
              <SafetyCertificateOutlined /> {t("login.brandPoints.two")}
            </li>
            <li>
              <CheckCircleFilled /> {t("login.brandPoints.three")}
            </li>
          </ul>
          <div className="jmt-login-stats">
            <div>
              <strong>8</strong>
              <span>{t("login.brandStats.modules")}</span>
            </div>
            <div>
              <strong>7×24</strong>
              <span>{t("login.brandStats.online")}</span>
            </div>
            <div>
              <strong>TikTok · Amazon</strong>
              <span>{t("login.brandStats.markets")}</span>
            </div>
          </div>
        </div>
      </aside>

      <main className="jmt-login-main">
        <div className="jmt-login-card">
          <div className="jmt-login-mobile-logo">
            <CrystalMark size={40} />
            <span>{t("app.name")}</span>
          </div>
          <Typography.Title level={2} className="jmt-login-title">
            {t("login.title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="jmt-login-subtitle">
            {t("login.subtitle")}
          </Typography.Paragraph>
          <div className="jmt-login-first" data-testid="first-login-note">
            <CheckCircleFilled /> {t("login.firstLogin")}
          </div>

          <Form<LoginForm>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            initialValues={{ phone: "", code: "", remember: false }}
            onFinish={onFinish}
            onValuesChange={() => error && setError(null)}
          >
            <Form.Item
              name="phone"
              label={t("login.phone")}
              validateFirst
              rules={[
                { required: true, whitespace: true, message: t("login.phoneRequired") },
                fieldRule(smsLoginInput.shape.phone, { message: t("login.phoneInvalid") }),
              ]}
            >
              <Input
                prefix={
                  <span className="jmt-login-prefix">
                    <MobileOutlined /> +86
                  </span>
                }
                placeholder={t("login.phonePlaceholder")}
                maxLength={11}
                inputMode="numeric"
                autoComplete="tel"
                allowClear
              />
            </Form.Item>
            <Form.Item label={t("login.code")} required>
              <div className="jmt-login-code-row">
                <Form.Item
                  name="code"
                  noStyle
                  validateFirst
                  rules={[
                    { required: true, whitespace: true, message: t("login.codeRequired") },
                    fieldRule(smsLoginInput.shape.code, { message: t("login.codeInvalid") }),
                  ]}
                >
                  <Input
                    prefix={<LockOutlined />}
                    placeholder={t("login.codePlaceholder")}
                    maxLength={6}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                  />
                </Form.Item>
                <Button
                  className="jmt-login-send"
                  onClick={() => void sendCode()}
                  loading={sending}
                  disabled={countdown.running}
                  data-testid="send-code"
                >
                  {countdown.running ? t("login.resend", { seconds: countdown.seconds }) : t("login.sendCode")}
                </Button>
              </div>
            </Form.Item>

            {error && (
              <Alert
                type="error"
                showIcon
                message={error}
                className="jmt-login-error"
                role="alert"
                data-testid="login-error"
              />
            )}

            <Form.Item name="remember" valuePropName="checked" className="jmt-login-remember">
              <Checkbox>{t("login.remember")}</Checkbox>
            </Form.Item>

            <Button type="primary" htmlType="submit" block loading={loggingIn} className="jmt-login-submit">
              {t("login.submit")}
            </Button>
          </Form>

          {import.meta.env.DEV && (
            <Alert
              className="jmt-login-dev"
              type="info"
              showIcon
              icon={<MessageOutlined />}
              message={
                <span>
                  {t("login.devHint")}：
                  <a
                    href={`${__SMS_SIM_URL__}/outbox${MAINLAND_PHONE.test(phone) ? `?phone=${phone}` : ""}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {__SMS_SIM_URL__}/outbox
                  </a>
                </span>
              }
            />
          )}

          <div className="jmt-login-foot">
            <span>
              <WechatOutlined /> {t("login.wechatSoon")}
            </span>
            <span>{t("login.agreement")}</span>
          </div>
        </div>
      </main>
    </div>
  );
}
