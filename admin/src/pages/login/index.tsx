import { CheckCircleFilled, LockOutlined, MobileOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { cms, fieldRule } from "@jmt/contracts";
import { useInvalidateAuthStore, useLogin, useTranslation, type HttpError } from "@refinedev/core";
import { Alert, Button, Checkbox, Dropdown, Flex, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { CrystalLogo } from "../../components/common/CrystalLogo";
import { checkBody } from "../../lib/contract-form";
import { useCountdown } from "../../lib/use-countdown";
import { authProvider } from "../../providers/auth";
import type { LoginParams } from "../../providers/auth-provider";
import { LOCALES, i18n, isLocale } from "../../providers/i18n";

type LoginForm = LoginParams;

/** The sign-in fields' rules, the contract's (`cms.smsLoginInput`): a mainland mobile number and the 6-digit SMS code. */
export const loginRules = { phone: [fieldRule(cms.smsLoginInput.shape.phone)], code: [fieldRule(cms.smsLoginInput.shape.code)] };

/** 平台工作人员登录: phone + SMS code, 60 s resend countdown, "remember me" for 7 days. */
export const LoginPage = () => {
  const { translate: t, changeLocale, getLocale } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const invalidateAuthStore = useInvalidateAuthStore();
  const countdown = useCountdown();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const { mutate: login, isPending } = useLogin<LoginForm>({
    mutationOptions: {
      // Errors are shown inline on the form instead of Refine's toast.
      onSuccess: (result) => {
        if (!result.success) {
          setNotice(null);
          setError(result.error?.message ?? t("login.errors.generic"));
          return;
        }
        invalidateAuthStore();
        navigate(searchParams.get("to") ?? result.redirectTo ?? "/", { replace: true });
      },
      onError: (failure) => setError(failure.message || t("login.errors.generic")),
    },
  });

  const sendCode = async () => {
    setError(null);
    let values: Pick<LoginForm, "phone">;
    try {
      values = await form.validateFields(["phone"]);
    } catch {
      return;
    }
    const body = checkBody(form, cms.smsSendInput, values);
    if (!body) return;
    const { phone } = body;
    setSending(true);
    try {
      const result = await authProvider.sendSmsCode(phone);
      countdown.start(result.cooldownSeconds);
      setNotice(t("login.codeSent", { phone }));
      form.getFieldInstance("code")?.focus?.();
    } catch (failure) {
      const httpError = failure as HttpError & { details?: { retryAfterSeconds?: number } };
      setNotice(null);
      setError(httpError.message);
      const retryAfter = Number(httpError.details?.retryAfterSeconds);
      if (Number.isFinite(retryAfter) && retryAfter > 0) countdown.start(Math.ceil(retryAfter));
    } finally {
      setSending(false);
    }
  };

  const locale = getLocale();
  const points = i18n.list("login.brand.points");

  return (
    <div className="login-page">
      <section className="login-brand" aria-hidden="true">
        <div className="login-brand__glow" />
        <div className="login-brand__facets" />
        <div className="login-brand__inner">
          <div className="login-brand__logo">
            <CrystalLogo size={44} />
            <span>
              {t("app.name")} <em>{t("app.version")}</em>
            </span>
          </div>
          <div>
            <Typography.Title level={1} className="login-brand__headline">
              {t("login.brand.headline")}
            </Typography.Title>
            <Typography.Paragraph className="login-brand__intro">{t("login.brand.intro")}</Typography.Paragraph>
            <ul className="login-brand__points">
              {points.map((point) => (
                <li key={point}>
                  <CheckCircleFilled />
                  <span>{point}</span>
                </li>
              ))}
            </ul>
          </div>
          <Typography.Text className="login-brand__footer">{t("app.copyright", { year: new Date().getFullYear() })}</Typography.Text>
        </div>
      </section>

      <main className="login-main">
        <div className="login-main__top">
          <div className="login-main__mobile-logo">
            <CrystalLogo size={30} />
            <span>{t("app.name")}</span>
          </div>
          <Dropdown
            menu={{
              items: Object.entries(LOCALES).map(([key, { label }]) => ({ key, label, disabled: key === locale })),
              onClick: ({ key }) => isLocale(key) && changeLocale(key),
            }}
          >
            <Button type="text" size="small">
              {LOCALES[isLocale(locale) ? locale : "zh-CN"].label}
            </Button>
          </Dropdown>
        </div>

        <div className="login-card">
          <Typography.Text className="login-card__eyebrow">
            <SafetyCertificateOutlined /> {t("login.welcome")}
          </Typography.Text>
          <Typography.Title level={2} className="login-card__title">
            {t("login.title")}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="login-card__subtitle">
            {t("login.subtitle")}
          </Typography.Paragraph>

          {error && <Alert className="login-card__alert" type="error" showIcon message={error} closable onClose={() => setError(null)} />}
          {!error && notice && <Alert className="login-card__alert" type="success" showIcon message={notice} />}

          <Form<LoginForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            size="large"
            initialValues={{ remember: false }}
            onFinish={(values) => {
              setError(null);
              const body = checkBody(form, cms.smsLoginInput, { phone: values.phone, code: values.code, remember: Boolean(values.remember) });
              if (body) login({ phone: body.phone, code: body.code, remember: Boolean(body.remember) });
            }}
            onValuesChange={() => error && setError(null)}
          >
            <Form.Item name="phone" label={t("login.phone")} validateTrigger="onBlur" rules={loginRules.phone}>
              <Input
                prefix={
                  <span className="phone-prefix">
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

            <Form.Item label={t("login.code")} required style={{ marginBottom: 0 }}>
              <Flex gap={12}>
                <Form.Item name="code" style={{ flex: 1 }} rules={loginRules.code}>
                  <Input prefix={<LockOutlined />} placeholder={t("login.codePlaceholder")} maxLength={6} inputMode="numeric" autoComplete="one-time-code" />
                </Form.Item>
                <Button className="send-code-button" onClick={sendCode} loading={sending} disabled={countdown.running} data-testid="send-code">
                  {countdown.running ? t("login.resend", { seconds: countdown.seconds }) : t("login.sendCode")}
                </Button>
              </Flex>
            </Form.Item>

            <Form.Item name="remember" valuePropName="checked" style={{ marginBottom: 20 }}>
              <Checkbox>{t("login.remember")}</Checkbox>
            </Form.Item>

            <Button type="primary" htmlType="submit" block loading={isPending} className="login-submit">
              {t("login.submit")}
            </Button>
          </Form>

          <Typography.Paragraph type="secondary" className="login-card__foot">
            {t("login.staffOnly")}
          </Typography.Paragraph>
        </div>
      </main>
    </div>
  );
};
