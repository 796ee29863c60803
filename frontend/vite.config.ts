/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const OPENAPI = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url));

/**
 * `virtual:openapi-limits`: the length and range limits of every schema property of the
 * committed contract (`components.schemas.<Schema>.properties.<field>.minLength/maxLength/
 * minimum/maximum`), read at build time so forms agree with the server (see src/lib/limits.ts).
 * Only these numbers reach the bundle, not the 200 KB document; dev, build and vitest alike.
 */
function openapiLimits(): Plugin {
  const id = 'virtual:openapi-limits';
  const resolved = `\0${id}`;
  type Prop = Record<string, unknown>;
  return {
    name: 'zcps-openapi-limits',
    resolveId: (source) => (source === id ? resolved : null),
    load(moduleId) {
      if (moduleId !== resolved) return null;
      this.addWatchFile(OPENAPI);
      const spec = JSON.parse(readFileSync(OPENAPI, 'utf8')) as { components: { schemas: Record<string, { properties?: Record<string, Prop> }> } };
      const out: Record<string, Record<string, Record<string, number>>> = {};
      for (const [name, schema] of Object.entries(spec.components.schemas)) {
        if (!schema.properties) continue;
        out[name] = {};
        for (const [field, prop] of Object.entries(schema.properties)) {
          const limits: Record<string, number> = {};
          for (const k of ['minLength', 'maxLength', 'minimum', 'maximum']) if (typeof prop[k] === 'number') limits[k] = prop[k] as number;
          out[name][field] = limits;
        }
      }
      return `export default ${JSON.stringify(out)};`;
    },
  };
}

// The SPA is served by the API server at `/`; in development Vite proxies the API.
export default defineConfig({
  plugins: [react(), openapiLimits()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    // dist/.vite/manifest.json: scripts/check-bundle.mjs follows the login page's chunks with it.
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Only React gets a fixed chunk (every route needs it, it rarely changes). antd and
          // pro-components are split by use: the login route loads the few antd components it
          // renders, ProLayout/ProTable come with the signed-in pages.
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 20 }],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20000,
  },
});
