import { readFileSync } from 'fs';
import { join } from 'path';
import { HomeModule, isEnabledByRule, MODULE_KEYS, MODULE_ROUTES, openModule, resolveModules } from '../../src/services/modules';
import { installFakeWx } from '../helpers/fake-wx';

const serverModules = (enabledKeys: string[]): HomeModule[] => MODULE_KEYS.map((key) => ({ key, title: key, enabled: enabledKeys.includes(key), todo: 3, path: `/${key}` }));

describe('module lock rules (G8)', () => {
  it('keeps the contract order whatever the payload order', () => {
    const shuffled = serverModules([...MODULE_KEYS]).reverse();
    expect(resolveModules(shuffled, 'approved').map((m) => m.key)).toEqual(['registration', 'logistics', 'filing', 'customs', 'tax-refund', 'fx', 'training', 'trading']);
  });

  it('only registration and training are open before registration is approved', () => {
    for (const status of ['not_started', 'filling', 'initial_review', 'onsite_check', 'returned', 'rejected', null]) {
      const open = MODULE_KEYS.filter((k) => isEnabledByRule(k, status));
      expect(open).toEqual(['registration', 'training']);
    }
    expect(MODULE_KEYS.every((k) => isEnabledByRule(k, 'approved'))).toBe(true);
  });

  it('trusts the server flag and falls back to the rule when it is missing', () => {
    const fromServer = resolveModules(serverModules(['registration', 'training', 'trading']), 'filling');
    expect(fromServer.filter((m) => m.enabled).map((m) => m.key)).toEqual(['registration', 'training', 'trading']);

    const partial = resolveModules([{ key: 'customs', title: '出口报关' }], 'filling');
    expect(partial).toHaveLength(8);
    expect(partial.filter((m) => m.locked).map((m) => m.key)).toEqual(['logistics', 'filing', 'customs', 'tax-refund', 'fx', 'trading']);
    expect(resolveModules(null, 'approved').every((m) => m.enabled)).toBe(true);
  });

  it('locked modules carry the hint and no to-do badge; titles default to the locale', () => {
    const entries = resolveModules(serverModules(['registration', 'training']), 'not_started');
    const customs = entries.find((m) => m.key === 'customs')!;
    expect(customs).toMatchObject({ locked: true, enabled: false, todo: 0, todoText: '', lockHint: '完成工商注册后开通' });
    expect(entries.find((m) => m.key === 'registration')!.todoText).toBe('3');
    expect(resolveModules([], 'approved').map((m) => m.title)).toEqual(['工商注册', '跨境物流', '跨境申报', '出口报关', '出口退税', '收结汇', '培训服务', '交易平台']);
  });

  it('a tap on a locked module toasts, an enabled one navigates to its subpackage', () => {
    const fake = installFakeWx();
    const [registration, logistics] = resolveModules(serverModules(['registration']), 'filling');
    expect(openModule(logistics)).toBe('locked');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '完成工商注册后开通', icon: 'none' }));
    expect(fake.api.navigateTo).not.toHaveBeenCalled();
    expect(openModule(registration)).toBe('opened');
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageRegistration/pages/index/index' });
  });

  it('every module route is a page of its own subpackage in app.json, with an icon', () => {
    const app = JSON.parse(readFileSync(join(__dirname, '../../src/app.json'), 'utf8'));
    const subs: Array<{ root: string; pages: string[] }> = app.subPackages;
    expect(app.pages).toEqual(['pages/home/index', 'pages/login/index', 'pages/mine/index', 'pages/messages/index']);
    // the page WeChat template messages open for 跨境申报 (contract "Links")
    expect(subs.find((s) => s.root === 'packageFiling')!.pages).toContain('pages/detail/index');
    // one subpackage per module, plus 成员管理 (packageAccount), which is no module
    expect(subs.filter((s) => s.root !== 'packageAccount')).toHaveLength(8);
    expect(subs.find((s) => s.root === 'packageAccount')!.pages).toEqual(['pages/members/index']);
    for (const key of MODULE_KEYS) {
      const route = MODULE_ROUTES[key];
      const sub = subs.find((s) => s.root === route.root)!;
      expect(sub).toBeDefined();
      expect(sub.pages.map((p) => `/${sub.root}/${p}`)).toContain(route.page);
      expect(() => readFileSync(join(__dirname, '../../src', route.icon))).not.toThrow();
    }
  });
});
