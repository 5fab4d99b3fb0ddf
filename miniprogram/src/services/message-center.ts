import { messages } from '../locales/index';
import { formatMessageTime } from '../utils/format';
import { api, ApiClient, listQuery } from './api';
import { REGISTRATION_KIND, TAX_REFUND_KIND, applicationPage } from './applications';
import { MEMBERS_PAGE } from './invitations';
import { MODULE_ROUTES, isModuleKey } from './modules';

/** 消息中心 (G4): GET /api/messages with filters, read-all, and where a message opens in the mini-program. */
export const MESSAGE_FILTERS = ['all', 'unread', 'business', 'todo', 'announcement'] as const;
export type MessageFilter = (typeof MESSAGE_FILTERS)[number];

export interface MessageRecord {
  documentId: string;
  category: string;
  module: string | null;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  readAt?: string | null;
  createdAt: string;
}

export interface MessagePage {
  data: MessageRecord[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number }; unread: number };
}

export interface MessageRow {
  documentId: string;
  title: string;
  body: string;
  read: boolean;
  time: string;
  categoryLabel: string;
  category: string;
  page: string;
}

export function fetchMessages(filter: MessageFilter, page = 1, pageSize = 20, client: ApiClient = api): Promise<MessagePage> {
  const filters = filter === 'unread' ? { read: 'false' } : filter === 'all' ? {} : { category: filter };
  return client.get<MessagePage>('/api/messages', { query: listQuery(page, pageSize, filters) });
}

export function markAllRead(client: ApiClient = api): Promise<{ data: { marked: number } }> {
  return client.post('/api/messages/read-all');
}

/**
 * 出口报关 web links (plugins/customs): `/customs/batches/<id>` → the batch page, `/customs/cancellations?invtNo=…`
 * → 撤销申请单, `/customs` → the module page. (Paths written out here: main-package code must not require the
 * packageCustoms subpackage.)
 */
function customsPage(link: string): string | null {
  const match = /^\/?customs(?:\/(batches|cancellations))?(?:\/([\w-]+))?\/?(?:\?(.*))?$/.exec(link);
  if (!match) return null;
  if (match[1] === 'batches' && match[2]) return `/packageCustoms/pages/batch/index?id=${encodeURIComponent(match[2])}`;
  if (match[1] === 'cancellations') {
    const invtNo = /(?:^|&)invtNo=([^&#]*)/.exec(match[3] || '');
    return `/packageCustoms/pages/cancellations/index${invtNo && invtNo[1] ? `?invtNo=${invtNo[1]}` : ''}`;
  }
  return MODULE_ROUTES.customs.page;
}

/**
 * 收结汇 web links (plugins/fx): `/fx/settlements/<id>` → 结汇详情, `/fx?currency=USD` (rate alerts) and `/fx`
 * (balance updates) → the FX home. (Paths written out: main-package code must not require packageFx.)
 */
function fxPage(link: string): string | null {
  const match = /^\/?fx(?:\/settlements\/([\w-]+))?\/?(?:\?(.*))?$/.exec(link);
  if (!match) return null;
  if (match[1]) return `/packageFx/pages/settlement/index?id=${encodeURIComponent(match[1])}`;
  const currency = /(?:^|&)currency=([A-Za-z]{3})(?:&|$)/.exec(match[2] || '');
  return `${MODULE_ROUTES.fx.page}${currency ? `?currency=${currency[1].toUpperCase()}` : ''}`;
}

/**
 * 出口退税 web links (plugins/taxrefund): `/tax-refund/<id>` → 退税详情 (what WeChat pushes open too), `/tax-refund`
 * → the refunds list. (Paths written out: main-package code must not require packageTaxRefund.)
 */
function taxRefundPage(link: string): string | null {
  const match = /^\/?tax-refund(?:\/([\w-]+))?\/?(?:\?.*)?$/.exec(link);
  if (!match) return null;
  return applicationPage(TAX_REFUND_KIND, match[1] || null);
}

/**
 * The mini-program page of a message: the web link (`/registration`, `/filing/<kind>`, with an optional
 * `?id=` / `/<id>`; `/customs/...`; `/fx/...`; `/tax-refund/...`; `/me?tab=members` → 成员管理) mapped to its subpackage
 * page, else the module's page, else ''.
 */
export function messagePage(m: Pick<MessageRecord, 'link' | 'module'>): string {
  const link = m.link || '';
  const customs = customsPage(link);
  if (customs) return customs;
  const fx = fxPage(link);
  if (fx) return fx;
  const taxRefund = taxRefundPage(link);
  if (taxRefund) return taxRefund;
  const match = /^\/?(registration|filing)(?:\/([\w-]+))?(?:\/([\w-]+))?(?:\?id=([\w-]+))?/.exec(link);
  if (match) {
    if (match[1] === 'registration') return applicationPage(REGISTRATION_KIND, match[4] || match[2] || null);
    if (match[2]) return applicationPage(match[2], match[3] || match[4] || null);
    return MODULE_ROUTES.filing.page;
  }
  // 成员邀请 (cms api/invitation): 「新成员已加入」 links the web's 我的 → 成员 tab.
  if (/^\/?me\/?\?(?:.*&)?tab=members(?:&|$)/.test(link)) return MEMBERS_PAGE;
  if (/^\/?package\w+\/pages\//.test(link)) return link.charAt(0) === '/' ? link : `/${link}`;
  return m.module && isModuleKey(m.module) ? MODULE_ROUTES[m.module].page : '';
}

export function messageRows(list: MessageRecord[], now: Date = new Date()): MessageRow[] {
  const labels = messages().messageCenter.filters;
  const fallback = messages().messageCategories;
  return (list || []).map((m) => ({
    documentId: m.documentId,
    title: m.title,
    body: m.body,
    read: !!m.read,
    time: formatMessageTime(m.createdAt, now),
    category: m.category,
    categoryLabel: labels[m.category] || fallback[m.category] || m.category || '',
    page: messagePage(m),
  }));
}
