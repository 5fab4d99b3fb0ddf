import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- miniprogram-simulate has no types or ES module entry
const simulate = require('miniprogram-simulate');

export const DIST = path.join(__dirname, '..', '..', 'dist');

/** npm components as WeChat resolves them (antd-mini/X/index → /miniprogram_npm/antd-mini/X/index). */
const NPM_COMPONENTS: Record<string, string> = {
  'ant-badge': '/miniprogram_npm/antd-mini/Badge/index',
  'ant-button': '/miniprogram_npm/antd-mini/Button/index',
  'ant-tag': '/miniprogram_npm/antd-mini/Tag/index',
  'ant-list': '/miniprogram_npm/antd-mini/List/index',
  'ant-list-item': '/miniprogram_npm/antd-mini/List/ListItem/index',
  'ant-action-sheet': '/miniprogram_npm/antd-mini/ActionSheet/index',
  'ant-steps': '/miniprogram_npm/antd-mini/Steps/index',
  'ant-input': '/miniprogram_npm/antd-mini/Input/index',
  'ant-selector': '/miniprogram_npm/antd-mini/Selector/index',
};

/**
 * Load a built component from dist/ with WeChat's wcc compiler (miniprogram-simulate's "official" mode).
 */
export function loadComponent(relativePath: string): string {
  let id = '';
  // Each load runs the component JS files again (simulate registers a component when its
  // Component() call runs); jest's module registry would otherwise return cached modules.
  jest.isolateModules(() => {
    id = simulate.load(path.join(DIST, relativePath), {
      rootPath: DIST,
      compiler: 'official',
      usingComponents: NPM_COMPONENTS,
    });
  });
  return id;
}

export function render(id: string, props: Record<string, unknown> = {}) {
  const comp = simulate.render(id, props);
  const parent = document.createElement('parent-wrapper');
  comp.attach(parent);
  return comp;
}

type PageDef = Record<string, unknown> & { data?: Record<string, unknown> };

/**
 * miniprogram-simulate renders components only. A page is rendered by turning its Page({...})
 * definition into a component with the same data, template and handlers: onLoad + onShow run on
 * attach (as when the page opens), every other function becomes a method (`comp.instance.onShow()`
 * can be called again to simulate returning to the page). `query.current` is what onLoad gets (the page URL's
 * query, e.g. `{ id }` of a deep link); tests change it before each render.
 */
export function loadPage(relativePath: string, query: { current: Record<string, string> } = { current: {} }): string {
  const g = globalThis as unknown as { Page: (def: PageDef) => void; Component: (def: unknown) => void };
  g.Page = (def: PageDef) => {
    const methods: Record<string, unknown> = {};
    Object.keys(def).forEach((key) => {
      if (typeof def[key] === 'function') methods[key] = def[key];
    });
    g.Component({
      data: def.data || {},
      methods,
      lifetimes: {
        attached(this: Record<string, (arg?: unknown) => void>) {
          if (typeof def.onLoad === 'function') this.onLoad({ ...query.current });
          if (typeof def.onShow === 'function') this.onShow();
        },
      },
    });
  };
  return loadComponent(relativePath);
}

export { simulate };
