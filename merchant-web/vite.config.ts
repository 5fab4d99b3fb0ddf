/// <reference types="vitest/config" />
import { defineConfig, loadEnv } from "vite";
import react from "@vitejs/plugin-react";

/**
 * Ports come from the environment so the local stack (deploy/local/start.mjs) can place every app:
 * MERCHANT_PORT (default 8002) for this app, CMS_PORT (default 1337) for the Strapi cms behind `/api`.
 */
export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), ""), ...process.env };
  const port = Number(env.MERCHANT_PORT || 8002);
  const cmsTarget = `http://127.0.0.1:${env.CMS_PORT || 1337}`;
  const proxy = {
    "/api": { target: cmsTarget, changeOrigin: true },
  };

  return {
    plugins: [react()],
    define: {
      // Shown only in development, on the login page: where demo SMS codes can be read.
      __SMS_SIM_URL__: JSON.stringify(env.SMS_SIM_URL || `http://127.0.0.1:${env.SMS_SIM_PORT || 1340}`),
    },
    server: { host: "127.0.0.1", port, strictPort: true, proxy },
    preview: { host: "127.0.0.1", port, strictPort: true, proxy },
    build: {
      target: "es2020",
      chunkSizeWarningLimit: 1200,
      rollupOptions: {
        output: {
          manualChunks(id: string) {
            if (!id.includes("node_modules")) return undefined;
            if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) return "react";
            if (/[\\/]node_modules[\\/](@refinedev|@tanstack)[\\/]/.test(id)) return "refine";
            if (/[\\/]node_modules[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component)[\\/]/.test(id)) return "antd";
            return "vendor";
          },
        },
      },
    },
    test: {
      environment: "node",
      include: ["tests/**/*.test.ts"],
    },
  };
});
