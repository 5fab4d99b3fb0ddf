import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * One config for `vite` (dev) and `vite preview` (the built app, used by the e2e tests):
 * port ADMIN_PORT (default 8001) on 127.0.0.1, and `/api` proxied to the cms so the browser stays same-origin.
 */
const port = Number(process.env.ADMIN_PORT ?? 8001);
const host = process.env.ADMIN_HOST ?? "127.0.0.1";
const cmsTarget = `http://127.0.0.1:${process.env.CMS_PORT || 1337}`;

const proxy = {
  "/api": { target: cmsTarget, changeOrigin: false, xfwd: true },
};

export default defineConfig({
  plugins: [react()],
  server: { port, host, strictPort: true, allowedHosts: ["127.0.0.1", "localhost"], proxy },
  preview: { port, host, strictPort: true, allowedHosts: ["127.0.0.1", "localhost"], proxy },
  build: {
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ["react", "react-dom", "react-router"],
          antd: ["antd", "@ant-design/icons"],
          refine: ["@refinedev/core", "@refinedev/antd", "@refinedev/react-router", "@tanstack/react-query"],
        },
      },
    },
  },
});
