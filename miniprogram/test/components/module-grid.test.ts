/** @jest-environment jsdom */
import { resolveModules, MODULE_KEYS } from '../../src/services/modules';
import { flushPromises, installFakeWx, FakeWx } from '../helpers/fake-wx';
import { loadComponent, render } from '../helpers/simulate';

const notApproved = resolveModules(
  MODULE_KEYS.map((key) => ({ key, title: '', enabled: key === 'registration' || key === 'training', todo: key === 'registration' ? 2 : 0, path: '' })),
  'filling',
);

describe('components/module-grid (rendered with miniprogram-simulate + wcc)', () => {
  let id: string;
  let fake: FakeWx;

  beforeAll(() => {
    id = loadComponent('components/module-grid/index');
  });

  beforeEach(() => {
    fake = installFakeWx();
  });

  it('renders the eight module entries in contract order', () => {
    const comp = render(id, { modules: notApproved });
    const items = comp.querySelectorAll('.module-item');
    expect(items).toHaveLength(8);
    const titles = items.map((item: { dom: HTMLElement }) => item.dom.querySelector('[class*="module-title"]')!.textContent);
    expect(titles).toEqual(['工商注册', '跨境物流', '跨境申报', '出口报关', '出口退税', '收结汇', '培训服务', '交易平台']);
    expect(comp.data.modules[3].icon).toBe('/images/modules/customs.svg');
  });

  it('locked entries carry the locked class, data-enabled="false" and a 待开通 tag', () => {
    const comp = render(id, { modules: notApproved });
    const items = comp.querySelectorAll('.module-item');
    const enabledAttr = items.map((item: { dom: HTMLElement }) => item.dom.getAttribute('data-enabled'));
    expect(enabledAttr).toEqual(['true', 'false', 'false', 'false', 'false', 'false', 'true', 'false']);
    const locked = comp.querySelectorAll('.module-item--locked');
    expect(locked).toHaveLength(6);
    expect(locked.map((l: { dom: HTMLElement }) => l.dom.getAttribute('data-key'))).toEqual(['logistics', 'filing', 'customs', 'tax-refund', 'fx', 'trading']);
    expect(locked[0].dom.textContent).toContain('待开通');
    expect(items[0].dom.className).not.toContain('locked');
  });

  it('shows the to-do count with antd-mini Badge on enabled modules', () => {
    const comp = render(id, { modules: notApproved });
    const first = comp.querySelectorAll('.module-item')[0].dom as HTMLElement;
    expect(first.querySelector('ant-badge, [class*="ant-badge"]')).not.toBeNull();
    expect(first.textContent).toContain('2');
  });

  it('tap on a locked module shows the toast "完成工商注册后开通" and does not navigate', async () => {
    const comp = render(id, { modules: notApproved });
    const onLocked = jest.fn();
    comp.addEventListener('locked', (e: { detail: unknown }) => onLocked(e.detail));
    comp.querySelectorAll('.module-item')[3].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.showToast).toHaveBeenCalledTimes(1);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '完成工商注册后开通', icon: 'none' }));
    expect(fake.api.navigateTo).not.toHaveBeenCalled();
    expect(onLocked).toHaveBeenCalledWith({ key: 'customs' });
  });

  it('tap on an enabled module opens its subpackage page', async () => {
    const comp = render(id, { modules: notApproved });
    comp.querySelectorAll('.module-item')[6].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageTraining/pages/index/index' });
    expect(fake.api.showToast).not.toHaveBeenCalled();
  });

  it('after approval nothing is locked', async () => {
    const comp = render(id, { modules: resolveModules([], 'approved') });
    expect(comp.querySelectorAll('.module-item--locked')).toHaveLength(0);
    comp.querySelectorAll('.module-item')[3].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageCustoms/pages/index/index' });
  });
});
