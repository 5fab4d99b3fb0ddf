/** @jest-environment jsdom */
import { installFakeWx } from '../helpers/fake-wx';
import { loadComponent, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;
const text = (comp: Comp) => (comp.dom as HTMLElement).textContent!.replace(/\s+/g, ' ');

describe('components/app-timeline (办理记录)', () => {
  let id: string;
  beforeAll(() => {
    installFakeWx();
    id = loadComponent('components/app-timeline/index');
  });

  it('shows an empty state', () => {
    const comp = render(id, { timeline: [] });
    expect(text(comp)).toContain('办理记录');
    expect(text(comp)).toContain('暂无办理记录');
    expect(comp.querySelectorAll('.app-timeline-item')).toHaveLength(0);
  });

  it('lists transitions newest first with labels, actor, note and China time', () => {
    const timeline = [
      { from: null, to: 'filling', toLabel: '材料填报', actorName: '赵晶', actorKind: 'merchant', createdAt: '2026-11-20T02:00:00.000Z' },
      { from: 'filling', to: 'initial_review', fromLabel: '材料填报', toLabel: '材料初审', actorName: '赵晶', actorKind: 'merchant', createdAt: '2026-11-21T03:05:00.000Z' },
      {
        from: 'initial_review',
        to: 'returned',
        fromLabel: '材料初审',
        toLabel: '补正',
        actorName: '王审核',
        actorKind: 'platform',
        note: '身份证国徽面不清晰',
        createdAt: '2026-11-22T06:30:00.000Z',
      },
    ];
    const comp = render(id, { timeline });
    const items = comp.querySelectorAll('.app-timeline-item');
    expect(items).toHaveLength(3);
    const first = (items[0] as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, ' ');
    expect(first).toContain('材料初审 → 补正');
    expect(first).toContain('平台 · 王审核');
    expect(first).toContain('说明：身份证国徽面不清晰');
    expect(first).toContain('2026-11-22 14:30');
    expect((items[1] as { dom: HTMLElement }).dom.textContent).toContain('材料填报 → 材料初审');
    expect((items[2] as { dom: HTMLElement }).dom.textContent).toContain('创建申请 · 材料填报');
    expect(comp.querySelector('.app-timeline-dot--warning')).toBeTruthy();
    expect(comp.querySelectorAll('.app-timeline-line')).toHaveLength(2);
  });

  it('falls back to the built-in status labels and marks approvals green', () => {
    const comp = render(id, { timeline: [{ from: 'onsite_check', to: 'approved', actorKind: 'system', createdAt: '2026-11-25T00:00:00.000Z' }] });
    expect(text(comp)).toContain('现场核验 → 核准通过');
    expect(text(comp)).toContain('系统');
    expect(comp.querySelector('.app-timeline-dot--success')).toBeTruthy();
  });
});
