import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // The auth-provider tests talk to a real local HTTP server from jsdom: keep node's fetch/http.
    environmentOptions: { jsdom: { url: "http://127.0.0.1/" } },
  },
});
