import {
  AccountBookOutlined,
  AuditOutlined,
  BarChartOutlined,
  ApiOutlined,
  BulbOutlined,
  CarOutlined,
  CloudUploadOutlined,
  CloudServerOutlined,
  ClusterOutlined,
  DisconnectOutlined,
  ContainerOutlined,
  CreditCardOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  InboxOutlined,
  PercentageOutlined,
  IdcardOutlined,
  NotificationOutlined,
  SolutionOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileDoneOutlined,
  FundProjectionScreenOutlined,
  HistoryOutlined,
  LineChartOutlined,
  ReadOutlined,
  SafetyOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingOutlined,
  SwapOutlined,
  TeamOutlined,
  TransactionOutlined,
  WalletOutlined,
} from "@ant-design/icons";
import { DDT_OUTBOX_CHANNEL, TAX_REFUND_KIND } from "@jmt/api-types";
import { ErrorComponent, ThemedLayout, useNotificationProvider } from "@refinedev/antd";
import "@refinedev/antd/dist/reset.css";
import { Authenticated, Refine, type ResourceProps } from "@refinedev/core";
import routerProvider, { CatchAllNavigate, DocumentTitleHandler, NavigateToResource, UnsavedChangesNotifier } from "@refinedev/react-router";
import { App as AntdApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useEffect, useMemo, useState } from "react";
import { BrowserRouter, Navigate, Outlet, Route, Routes } from "react-router";
import { QueueMenuIcon } from "./components/applications/QueueMenuIcon";
import { CrystalLogo } from "./components/common/CrystalLogo";
import { FxQueueMenuIcon } from "./components/fx/FxQueueMenuIcon";
import { AppHeader } from "./components/layout/AppHeader";
import { AppSider } from "./components/layout/AppSider";
import { ApplicationQueue } from "./pages/applications/queue";
import { ApplicationShow } from "./pages/applications/show";
import { OutboxJobList } from "./pages/applications/outbox";
import { StuckApplications } from "./pages/applications/stuck";
import { AuditLogList } from "./pages/audit-logs/list";
import { DashboardPage } from "./pages/dashboard";
import { LoginPage } from "./pages/login";
import { MerchantList } from "./pages/merchants/list";
import { MerchantShow } from "./pages/merchants/show";
import { CustomsBoard } from "./pages/customs/board";
import { CustomsConfigList } from "./pages/customs/configs";
import { CustomsHintList } from "./pages/customs/hints";
import { CustomsBatchShow } from "./pages/customs/show";
import { FxAccountList } from "./pages/fx/accounts";
import { BalanceUploadPage } from "./pages/fx/balance-upload";
import { FxRatesPage } from "./pages/fx/rates";
import { SettlementShow } from "./pages/fx/settlement-show";
import { SettlementQueue } from "./pages/fx/settlements";
import { ModulePlaceholder } from "./pages/placeholder";
import { TaxRefundQueue } from "./pages/tax-refund/list";
import { RefundRatesPage } from "./pages/tax-refund/rates";
import { ReturnUploadPage } from "./pages/tax-refund/returns";
import { TaxRefundReviewRedirect, TaxRefundShow } from "./pages/tax-refund/show";
import { authProvider } from "./providers/auth";
import { dataProviders } from "./providers/data-provider";
import { i18n, type Locale } from "./providers/i18n";
import { appTheme } from "./theme";
import { APPLICATION_KINDS, TAX_REFUND_PATHS } from "./lib/application-kinds";

const KIND_ICONS: Record<(typeof APPLICATION_KINDS)[number], React.ReactNode> = {
  "business-registration": <SolutionOutlined />,
  "customs-registration": <FileProtectOutlined />,
  "eport-card": <CreditCardOutlined />,
  "dxp-id": <IdcardOutlined />,
  "cloud-signature": <CloudServerOutlined />,
  "enterprise-filing": <FileDoneOutlined />,
};
/** Dashboard module tiles: the 工商注册 and 跨境申报 modules open their first queue. */
const KIND_MODULE_KEYS: Partial<Record<(typeof APPLICATION_KINDS)[number], string>> = {
  "business-registration": "registration",
  "customs-registration": "filings",
};

/**
 * Every module of the console, declared once: the sider menu, routes, breadcrumbs and dashboard tiles come from
 * this list. `meta.placeholder` marks modules not built yet (they render <ModulePlaceholder/>).
 */
const buildResources = (t: (key: string) => string): ResourceProps[] => {
  const placeholder = (name: string, moduleKey: string, list: string, icon: React.ReactNode, parent?: string): ResourceProps => ({
    name,
    list,
    meta: { label: t(`resources.${moduleKey}`), icon, moduleKey, placeholder: true, parent },
  });
  return [
    { name: "dashboard", list: "/", meta: { label: t("resources.dashboard"), icon: <DashboardOutlined /> } },
    {
      name: "merchants",
      list: "/merchants",
      show: "/merchants/show/:id",
      meta: { label: t("resources.merchants"), icon: <ShopOutlined />, moduleKey: "merchants" },
    },
    // 业务审核: one review queue per application kind (count badges from /api/applications/todos), then 滞留件.
    {
      name: "reviews",
      meta: { label: t("resources.reviews"), icon: <QueueMenuIcon icon={<AuditOutlined />} kinds={APPLICATION_KINDS} /> },
    },
    ...APPLICATION_KINDS.map(
      (kind): ResourceProps => ({
        name: `reviews-${kind}`,
        list: `/reviews/${kind}`,
        show: `/reviews/${kind}/show/:id`,
        meta: {
          label: t(`applications.kinds.${kind}`),
          icon: <QueueMenuIcon icon={KIND_ICONS[kind]} kind={kind} />,
          parent: "reviews",
          kind,
          moduleKey: KIND_MODULE_KEYS[kind],
        },
      }),
    ),
    {
      name: "reviews-stuck",
      list: "/reviews/stuck",
      meta: { label: t("resources.stuck"), icon: <FieldTimeOutlined />, parent: "reviews" },
    },
    // 出口报关: the tracking board (C7, with each batch's detail), failed 点点通 messages, interface configs (C1), hints (C9).
    { name: "customs", meta: { label: t("resources.customs"), icon: <ContainerOutlined /> } },
    {
      name: "customs-board",
      list: "/customs/board",
      show: "/customs/batches/:id",
      // The dashboard's module tile reads 出口报关 (moduleLabel) and opens the board.
      meta: {
        label: t("resources.customsBoard"),
        icon: <ClusterOutlined />,
        parent: "customs",
        moduleKey: "customs",
        moduleLabel: t("resources.customs"),
      },
    },
    {
      name: "customs-failures",
      list: "/customs/failures",
      meta: { label: t("resources.customsFailures"), icon: <DisconnectOutlined />, parent: "customs" },
    },
    {
      name: "customs-configs",
      list: "/customs/configs",
      meta: { label: t("resources.customsConfigs"), icon: <ApiOutlined />, parent: "customs" },
    },
    {
      name: "customs-hints",
      list: "/customs/hints",
      meta: { label: t("resources.customsHints"), icon: <BulbOutlined />, parent: "customs" },
    },
    // 出口退税: the refund queue (T2/T3, with its waiting count), the day's return messages (T3), the rate table and its calculator (T4).
    { name: "tax-refund", meta: { label: t("resources.taxRefund"), icon: <AccountBookOutlined /> } },
    {
      name: "tax-refunds",
      list: TAX_REFUND_PATHS.queue,
      show: "/tax-refund/applications/:id",
      // The dashboard's module tile reads 出口退税 (moduleLabel) and opens the queue.
      meta: {
        label: t("resources.taxRefundQueue"),
        icon: <QueueMenuIcon icon={<FileSearchOutlined />} kind={TAX_REFUND_KIND} />,
        parent: "tax-refund",
        moduleKey: "taxRefund",
        moduleLabel: t("resources.taxRefund"),
      },
    },
    {
      name: "tax-refund-returns",
      list: TAX_REFUND_PATHS.returns,
      meta: { label: t("resources.taxRefundReturns"), icon: <InboxOutlined />, parent: "tax-refund" },
    },
    {
      name: "tax-refund-rates",
      list: TAX_REFUND_PATHS.rates,
      meta: { label: t("resources.taxRefundRates"), icon: <PercentageOutlined />, parent: "tax-refund" },
    },
    // 收结汇: the settlement queue (X3/X4, with its waiting count), sub-account balances and their Excel upload (X2), rates (X1).
    { name: "fx", meta: { label: t("resources.fx"), icon: <TransactionOutlined /> } },
    {
      name: "fx-settlements",
      list: "/fx/settlements",
      show: "/fx/settlements/:id",
      // The dashboard's module tile reads 收结汇 (moduleLabel) and opens the queue.
      meta: {
        label: t("resources.fxSettlements"),
        icon: <FxQueueMenuIcon icon={<SwapOutlined />} />,
        parent: "fx",
        moduleKey: "fx",
        moduleLabel: t("resources.fx"),
      },
    },
    {
      name: "fx-accounts",
      list: "/fx/accounts",
      meta: { label: t("resources.fxAccounts"), icon: <WalletOutlined />, parent: "fx" },
    },
    {
      name: "fx-balance-uploads",
      list: "/fx/balance-uploads",
      meta: { label: t("resources.fxBalanceUploads"), icon: <CloudUploadOutlined />, parent: "fx" },
    },
    {
      name: "fx-rates",
      list: "/fx/rates",
      meta: { label: t("resources.fxRates"), icon: <LineChartOutlined />, parent: "fx" },
    },
    placeholder("logistics", "logistics", "/logistics", <CarOutlined />),
    placeholder("trading", "trading", "/trading", <ShoppingOutlined />),
    placeholder("training", "training", "/training", <ReadOutlined />),
    placeholder("cockpit", "cockpit", "/cockpit", <FundProjectionScreenOutlined />),
    placeholder("reports", "reports", "/reports", <BarChartOutlined />),
    { name: "system", meta: { label: t("resources.system"), icon: <SettingOutlined /> } },
    {
      name: "audit-logs",
      list: "/system/audit-logs",
      meta: {
        label: t("resources.auditLogs"),
        icon: <HistoryOutlined />,
        parent: "system",
        dataProviderName: "audit",
        moduleKey: "auditLogs",
      },
    },
    {
      name: "outbox-jobs",
      list: "/system/outbox-jobs",
      meta: { label: t("resources.outbox"), icon: <NotificationOutlined />, parent: "system" },
    },
    placeholder("roles", "roles", "/system/roles", <SafetyOutlined />, "system"),
    placeholder("staff", "staff", "/system/staff", <TeamOutlined />, "system"),
  ];
};

const identity = (text: string) => text;

export const App = () => {
  const [locale, setLocale] = useState<Locale>(i18n.getLocale());
  useEffect(() => i18n.subscribe(setLocale), []);
  useEffect(() => {
    dayjs.locale(locale === "zh-CN" ? "zh-cn" : "en");
    document.documentElement.lang = locale;
  }, [locale]);

  // A new provider object per locale so every useTranslate() re-renders with the new language.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `locale` is the cache key: i18n reads it from its own state
  const i18nProvider = useMemo(() => ({ ...i18n.provider }), [locale]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- likewise: the resources' labels are translated anew per locale
  const resources = useMemo(() => buildResources((key) => i18n.t(key)), [locale]);
  const placeholderRoutes = resources.filter((resource) => resource.meta?.placeholder && typeof resource.list === "string");

  return (
    <BrowserRouter>
      <ConfigProvider locale={locale === "zh-CN" ? zhCN : enUS} theme={appTheme} button={{ autoInsertSpace: false }}>
        <AntdApp>
          <Refine
            dataProvider={dataProviders}
            routerProvider={routerProvider}
            authProvider={authProvider}
            i18nProvider={i18nProvider}
            notificationProvider={useNotificationProvider}
            resources={resources}
            options={{
              syncWithLocation: true,
              warnWhenUnsavedChanges: true,
              disableTelemetry: true,
              title: { text: i18n.t("app.name"), icon: <CrystalLogo size={24} /> },
              textTransformers: { humanize: identity, plural: identity, singular: identity },
              reactQuery: { clientConfig: { defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } } },
            }}
          >
            <Routes>
              <Route
                element={
                  <Authenticated key="console" fallback={<CatchAllNavigate to="/login" />}>
                    <ThemedLayout Header={AppHeader} Sider={AppSider}>
                      <Outlet />
                    </ThemedLayout>
                  </Authenticated>
                }
              >
                <Route index element={<DashboardPage />} />
                <Route path="/merchants">
                  <Route index element={<MerchantList />} />
                  <Route path="show/:id" element={<MerchantShow />} />
                </Route>
                <Route path="/reviews">
                  <Route index element={<NavigateToResource resource="reviews-business-registration" />} />
                  <Route path="stuck" element={<StuckApplications />} />
                  {/* 出口退税 has its own pages: links in the shape of a review queue land there. */}
                  <Route path={TAX_REFUND_KIND} element={<Navigate to={TAX_REFUND_PATHS.queue} replace />} />
                  <Route path={`${TAX_REFUND_KIND}/show/:id`} element={<TaxRefundReviewRedirect />} />
                  <Route path=":kind" element={<ApplicationQueue />} />
                  <Route path=":kind/show/:id" element={<ApplicationShow />} />
                </Route>
                <Route path="/customs">
                  <Route index element={<NavigateToResource resource="customs-board" />} />
                  <Route path="board" element={<CustomsBoard />} />
                  <Route path="batches/:id" element={<CustomsBatchShow />} />
                  <Route path="failures" element={<OutboxJobList key="ddt" channel={DDT_OUTBOX_CHANNEL} />} />
                  <Route path="configs" element={<CustomsConfigList />} />
                  <Route path="hints" element={<CustomsHintList />} />
                </Route>
                <Route path="/fx">
                  <Route index element={<NavigateToResource resource="fx-settlements" />} />
                  <Route path="settlements" element={<SettlementQueue />} />
                  <Route path="settlements/:id" element={<SettlementShow />} />
                  <Route path="accounts" element={<FxAccountList />} />
                  <Route path="balance-uploads" element={<BalanceUploadPage />} />
                  <Route path="rates" element={<FxRatesPage />} />
                </Route>
                <Route path="/tax-refund">
                  <Route index element={<NavigateToResource resource="tax-refunds" />} />
                  <Route path="applications" element={<TaxRefundQueue />} />
                  <Route path="applications/:id" element={<TaxRefundShow />} />
                  <Route path="returns" element={<ReturnUploadPage />} />
                  <Route path="rates" element={<RefundRatesPage />} />
                </Route>
                <Route path="/system/audit-logs" element={<AuditLogList />} />
                <Route path="/system/outbox-jobs" element={<OutboxJobList key="all" />} />
                {placeholderRoutes.map((resource) => (
                  <Route key={resource.name} path={resource.list as string} element={<ModulePlaceholder />} />
                ))}
                <Route path="*" element={<ErrorComponent />} />
              </Route>
              <Route
                element={
                  <Authenticated key="auth-pages" fallback={<Outlet />}>
                    <NavigateToResource resource="dashboard" />
                  </Authenticated>
                }
              >
                <Route path="/login" element={<LoginPage />} />
              </Route>
            </Routes>
            <UnsavedChangesNotifier />
            <DocumentTitleHandler
              handler={({ resource }) => {
                const label = resource?.meta?.label as string | undefined;
                return label ? `${label} | ${i18n.t("app.documentTitle")}` : i18n.t("app.documentTitle");
              }}
            />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
};
