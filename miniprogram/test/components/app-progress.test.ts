/** @jest-environment jsdom */
import { installFakeWx } from '../helpers/fake-wx';
import { loadComponent, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;
const text = (comp: Comp) => (comp.dom as HTMLElement).textContent!.replace(/\s+/g, ' ');
const stepClass = (comp: Comp, kind: string) => comp.querySelectorAll(`.app-progress >>> .ant-steps-item-title-${kind}`).length;
const titles = (comp: Comp) => comp.querySelectorAll('.app-progress >>> .ant-steps-item-title').map((n: { dom: HTMLElement }) => n.dom.textContent);

const at = (iso: string) => new Date(iso).toISOString();

describe('components/app-progress (R3 progress board)', () => {
  let id: string;
  beforeAll(() => {
    installFakeWx();
    id = loadComponent('components/app-progress/index');
  });

  it('renders nothing without a status', () => {
    const comp = render(id, { kind: 'business-registration', status: '' });
    expect(comp.querySelector('.app-progress')).toBeFalsy();
  });

  it.each([
    ['filling', 0, '材料填报'],
    ['initial_review', 1, '材料初审'],
    ['onsite_check', 2, '现场核验'],
  ])('工商注册 %s → current step %i (%s), no error', (status, current, label) => {
    const comp = render(id, { kind: 'business-registration', status });
    expect(titles(comp)).toEqual(['材料填报', '材料初审', '现场核验', '核准通过']);
    expect(comp.data.model.current).toBe(current);
    expect(stepClass(comp, 'finish')).toBe(current);
    expect(stepClass(comp, 'active')).toBe(1);
    expect(stepClass(comp, 'error')).toBe(0);
    expect((comp.querySelector('.app-progress-status') as { dom: HTMLElement }).dom.textContent).toBe(label);
    expect(comp.querySelector('.app-progress-reason')).toBeFalsy();
  });

  it('approved → all four steps finished, success tone', () => {
    const comp = render(id, { kind: 'business-registration', status: 'approved', number: 'BR-20261122-0001' });
    expect(comp.data.model).toMatchObject({ current: 3, status: 'finish', tone: 'success' });
    expect(stepClass(comp, 'finish')).toBe(3);
    expect(stepClass(comp, 'error')).toBe(0);
    expect(text(comp)).toContain('核准通过');
    expect(text(comp)).toContain('申请编号 BR-20261122-0001');
    expect(comp.querySelector('.app-progress-status--success')).toBeTruthy();
  });

  it('returned from 现场核验 → error on that step with the staff reason', () => {
    const timeline = [
      { from: null, to: 'filling', createdAt: at('2026-11-20T08:00:00Z') },
      { from: 'filling', to: 'initial_review', createdAt: at('2026-11-21T08:00:00Z') },
      { from: 'initial_review', to: 'onsite_check', createdAt: at('2026-11-22T08:00:00Z') },
      { from: 'onsite_check', to: 'returned', note: '经营场所门牌与租赁合同不一致，请补充说明', createdAt: at('2026-11-23T08:00:00Z') },
    ];
    const comp = render(id, { kind: 'business-registration', status: 'returned', statusLabel: '补正', timeline });
    expect(comp.data.model).toMatchObject({ current: 2, status: 'error', errorKind: 'returned', tone: 'warning' });
    expect(stepClass(comp, 'error')).toBe(1);
    expect(stepClass(comp, 'finish')).toBe(2);
    expect(comp.querySelector('.app-progress-reason--warning')).toBeTruthy();
    expect(text(comp)).toContain('平台说明');
    expect(text(comp)).toContain('经营场所门牌与租赁合同不一致，请补充说明');
    expect(text(comp)).toContain('补正');
  });

  it('rejected from 材料初审 → error on step 2 with the reason, error tone', () => {
    const timeline = [
      { from: 'filling', to: 'initial_review', createdAt: at('2026-11-21T08:00:00Z') },
      { from: 'initial_review', to: 'rejected', note: '经营范围不符合要求', createdAt: at('2026-11-22T08:00:00Z') },
    ];
    const comp = render(id, { kind: 'business-registration', status: 'rejected', timeline });
    expect(comp.data.model).toMatchObject({ current: 1, status: 'error', errorKind: 'rejected', tone: 'error' });
    expect(stepClass(comp, 'error')).toBe(1);
    expect(comp.querySelector('.app-progress-reason--error')).toBeTruthy();
    expect(text(comp)).toContain('未通过');
    expect(text(comp)).toContain('经营范围不符合要求');
  });

  it('returned without a note still explains itself', () => {
    const comp = render(id, { kind: 'business-registration', status: 'returned' });
    expect(comp.data.model.current).toBe(1);
    expect(text(comp)).toContain('平台未填写原因，请联系客服');
  });

  it('跨境申报 kinds use 材料填报 → 待受理 → 办理中 → 已办结 (or the steps given)', () => {
    const comp = render(id, { kind: 'eport-card', status: 'processing' });
    expect(titles(comp)).toEqual(['材料填报', '待受理', '办理中', '已办结']);
    expect(comp.data.model.current).toBe(2);
    const custom = render(id, {
      kind: 'eport-card',
      status: 'completed',
      steps: [
        { key: 'filling', label: 'A' },
        { key: 'completed', label: 'B' },
      ],
    });
    expect(titles(custom)).toEqual(['A', 'B']);
    expect(custom.data.model).toMatchObject({ current: 1, status: 'finish' });
  });
});
