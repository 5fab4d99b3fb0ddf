import { ThemedSider } from "@refinedev/antd";
import type { RefineThemedLayoutSiderProps } from "@refinedev/antd";
import { ConfigProvider } from "antd";
import { siderTheme } from "../../theme";
import { AppTitle } from "./AppTitle";

/**
 * Refine's sider (menu built from the resources in App.tsx), painted dark indigo. The wrapper is
 * `display: contents` (no box of its own) so styles.css can move the mobile menu button into the header.
 */
export const AppSider = (props: RefineThemedLayoutSiderProps) => (
  <div className="app-sider-host">
    <ConfigProvider theme={siderTheme}>
      <ThemedSider {...props} Title={AppTitle} fixed siderItemsAreCollapsed={false} render={({ items, logout }) => [...items, logout]} />
    </ConfigProvider>
  </div>
);
