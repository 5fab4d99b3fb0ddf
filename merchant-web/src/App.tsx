import { Authenticated, Refine } from "@refinedev/core";
import routerProvider, { CatchAllNavigate, NavigateToResource } from "@refinedev/react-router";
import { App as AntdApp, ConfigProvider, Spin } from "antd";
import zhCN from "antd/locale/zh_CN";
import { BrowserRouter, Navigate, Outlet, Route, Routes } from "react-router";
import { i18nProvider } from "./i18n";
import { AppLayout } from "./layout/AppLayout";
import { HomePage } from "./pages/home/HomePage";
import { LoginPage } from "./pages/login/LoginPage";
import { MePage } from "./pages/me/MePage";
import { MessagesPage } from "./pages/messages/MessagesPage";
import { ModulePage } from "./pages/modules/ModulePage";
import { FilingGuidePage } from "./pages/filing/FilingGuidePage";
import { FilingKindPage } from "./pages/filing/FilingKindPage";
import { BatchPage } from "./pages/customs/BatchPage";
import { CancellationsPage } from "./pages/customs/CancellationsPage";
import { CustomsHomePage } from "./pages/customs/CustomsHomePage";
import { FxHomePage } from "./pages/fx/FxHomePage";
import { SettlementPage } from "./pages/fx/SettlementPage";
import { RegistrationPage } from "./pages/registration/RegistrationPage";
import { TaxRefundDetailPage } from "./pages/tax-refund/TaxRefundDetailPage";
import { TaxRefundEditPage } from "./pages/tax-refund/TaxRefundEditPage";
import { TaxRefundHomePage } from "./pages/tax-refund/TaxRefundHomePage";
import { authProvider, dataProvider } from "./providers";
import { queryClient } from "./providers/queryClient";
import { theme } from "./theme";

const fullPageSpinner = (
  <div className="jmt-fullpage-spin">
    <Spin size="large" />
  </div>
);

export function App() {
  return (
    <BrowserRouter>
      <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <AntdApp>
          <Refine
            routerProvider={routerProvider}
            authProvider={authProvider}
            dataProvider={dataProvider}
            i18nProvider={i18nProvider}
            resources={[
              { name: "home", list: "/" },
              { name: "merchants", show: "/me" },
              { name: "memberships", list: "/me?tab=members" },
            ]}
            options={{
              reactQuery: { clientConfig: queryClient },
              disableTelemetry: true,
              syncWithLocation: false,
              warnWhenUnsavedChanges: false,
            }}
          >
            <Routes>
              <Route
                element={
                  <Authenticated key="app" fallback={<CatchAllNavigate to="/login" />} loading={fullPageSpinner}>
                    <AppLayout />
                  </Authenticated>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="/modules/registration" element={<Navigate to="/registration" replace />} />
                <Route path="/modules/filing" element={<Navigate to="/filing" replace />} />
                <Route path="/modules/customs" element={<Navigate to="/customs" replace />} />
                <Route path="/modules/fx" element={<Navigate to="/fx" replace />} />
                <Route path="/modules/tax-refund" element={<Navigate to="/tax-refund" replace />} />
                <Route path="/modules/:key" element={<ModulePage />} />
                <Route path="/registration" element={<RegistrationPage />} />
                <Route path="/filing" element={<FilingGuidePage />} />
                <Route path="/filing/:kind" element={<FilingKindPage />} />
                <Route path="/customs" element={<CustomsHomePage />} />
                <Route path="/customs/batches/:id" element={<BatchPage />} />
                <Route path="/customs/cancellations" element={<CancellationsPage />} />
                <Route path="/fx" element={<FxHomePage />} />
                <Route path="/fx/settlements/:id" element={<SettlementPage />} />
                <Route path="/tax-refund" element={<TaxRefundHomePage />} />
                {/* /new and /:id/edit render the same page, so the wizard survives a new refund getting its id. */}
                <Route path="/tax-refund/new" element={<TaxRefundEditPage />} />
                <Route path="/tax-refund/:id/edit" element={<TaxRefundEditPage />} />
                <Route path="/tax-refund/:id" element={<TaxRefundDetailPage />} />
                <Route path="/me" element={<MePage />} />
                <Route path="/messages" element={<MessagesPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
              <Route
                element={
                  <Authenticated key="login" fallback={<Outlet />} loading={fullPageSpinner}>
                    <NavigateToResource resource="home" />
                  </Authenticated>
                }
              >
                <Route path="/login" element={<LoginPage />} />
              </Route>
            </Routes>
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
