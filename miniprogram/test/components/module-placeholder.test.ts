/** @jest-environment jsdom */
import { readFileSync } from 'fs';
import { join } from 'path';
import { flushPromises, installFakeWx } from '../helpers/fake-wx';
import { DIST, loadComponent, render } from '../helpers/simulate';

describe('components/module-placeholder (the eight subpackage index pages)', () => {
  let id: string;

  beforeAll(() => {
    id = loadComponent('components/module-placeholder/index');
  });

  it('shows 即将上线 and what the module will do', () => {
    const comp = render(id, { moduleKey: 'customs' });
    const text = (comp.dom as HTMLElement).textContent!;
    expect(text).toContain('出口报关');
    expect(text).toContain('即将上线');
    expect(text).toContain('电子订单 Excel 导入');
    expect(comp.querySelectorAll('.placeholder-feature')).toHaveLength(3);
    expect(comp.data.icon).toBe('/images/modules/customs.svg');
  });

  it('goes back home', async () => {
    const fake = installFakeWx();
    (globalThis as unknown as { getCurrentPages: () => unknown[] }).getCurrentPages = () => [{}];
    const comp = render(id, { moduleKey: 'fx' });
    comp.instance.onBack();
    await flushPromises();
    expect(fake.api.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('each subpackage index page not built yet renders the placeholder for its own module', () => {
    const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'));
    const expected: Record<string, string> = {
      packageRegistration: 'registration',
      packageLogistics: 'logistics',
      packageFiling: 'filing',
      packageCustoms: 'customs',
      packageTaxRefund: 'tax-refund',
      packageFx: 'fx',
      packageTraining: 'training',
      packageTrading: 'trading',
    };
    // 成员管理 (packageAccount) is a subpackage of its own, not a module
    const modules = (app.subPackages as Array<{ root: string; pages: string[] }>).filter((s) => s.root !== 'packageAccount');
    expect(modules.map((s) => s.root)).toEqual(Object.keys(expected));
    // 工商注册, 跨境申报, 出口报关, 出口退税 and 收结汇 are real now (test/components/registration-wizard, filing, customs, tax-refund, fx)
    const built = ['packageRegistration', 'packageFiling', 'packageCustoms', 'packageTaxRefund', 'packageFx'];
    for (const sub of modules.filter((s) => built.indexOf(s.root) < 0)) {
      const base = join(DIST, sub.root, 'pages/index/index');
      expect(JSON.parse(readFileSync(`${base}.json`, 'utf8')).usingComponents['module-placeholder']).toBe('/components/module-placeholder/index');
      expect(readFileSync(`${base}.wxml`, 'utf8')).toContain('module-key="{{moduleKey}}"');
      expect(readFileSync(`${base}.js`, 'utf8')).toContain(`MODULE_KEY = '${expected[sub.root]}'`);
    }
  });
});
