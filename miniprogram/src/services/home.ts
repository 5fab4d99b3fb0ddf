import type { HomeFx } from '@jmt/api-types';
import { format, messages } from '../locales/index';
import { compare, format as formatAmount, isDecimal } from '@jmt/money';
import { badgeText, formatDateTime, formatMessageTime } from '../utils/format';
import { api, ApiClient } from './api';
import { HomeModule, ModuleEntry, resolveModules } from './modules';
import { registrationBanner, RegistrationBanner } from './registration';
import { ApplicationTodo, applicationPage, applicationStatusLabel, toPageUrl } from './applications';
import { messagePage } from './message-center';

/** A row of 办理提醒 (GET /api/applications/todos): what the merchant must do next. */
export interface AppTodoRow {
  key: string;
  title: string;
  statusLabel: string;
  page: string;
}

export function appTodoRows(todos: ApplicationTodo[] | null | undefined): AppTodoRow[] {
  return (todos || []).map((todo, index) => ({
    key: `${todo.applicationId || todo.kind}-${index}`,
    title: todo.title,
    statusLabel: todo.statusLabel || applicationStatusLabel(todo.status),
    page: toPageUrl(todo.mpPath) || applicationPage(todo.kind, todo.applicationId),
  }));
}

/** GET /api/home (merchant). */
export interface HomePayload {
  merchant: {
    documentId: string;
    nameCn: string;
    nameEn?: string | null;
    type?: string | null;
    registrationStatus: string;
    memberCount?: number;
  } | null;
  modules: HomeModule[];
  todos: { total: number; customs: { orders: number; lists: number; summaries: number } };
  /** 收结汇 USD account (X2); null while the module is locked (absent from older servers). */
  fx?: HomeFx | null;
  messages: {
    unread: number;
    latest: Array<{
      documentId: string;
      category: string;
      module: string | null;
      title: string;
      body: string;
      link: string | null;
      read: boolean;
      createdAt: string;
    }>;
  };
}

export interface TodoEntry {
  key: 'orders' | 'lists' | 'summaries';
  label: string;
  count: number;
  countText: string;
}

export interface MessageEntry {
  documentId: string;
  title: string;
  body: string;
  read: boolean;
  time: string;
  categoryLabel: string;
  /** The message's module key ('' for none): a locked module only toasts. */
  module: string;
  /** Its mini-program page (link → page, e.g. a customs batch; else the module page; '' for none). */
  page: string;
}

/** The 美元账户 card on the home page (X2: balance and update time). */
export interface HomeFxCard {
  balance: string;
  available: string;
  frozen: string;
  hasFrozen: boolean;
  updatedText: string;
}

export function homeFxCard(fx: HomeFx | null | undefined): HomeFxCard | null {
  if (!fx) return null;
  const t = messages().home;
  const updated = formatDateTime(fx.updatedAt);
  return {
    balance: `${t.fxCurrency}${formatAmount(fx.balance)}`,
    available: `${t.fxCurrency}${formatAmount(fx.available)}`,
    frozen: `${t.fxCurrency}${formatAmount(fx.frozen)}`,
    hasFrozen: isDecimal(fx.frozen) && compare(fx.frozen, '0') > 0,
    updatedText: updated ? format(t.fxUpdatedAt, { time: updated }) : t.fxNeverUpdated,
  };
}

export interface HomeView {
  merchantName: string;
  merchantNameEn: string;
  banner: RegistrationBanner;
  modules: ModuleEntry[];
  todoTotal: number;
  todoSummary: string;
  customsTodos: TodoEntry[];
  customsEnabled: boolean;
  fx: HomeFxCard | null;
  unread: number;
  unreadText: string;
  messages: MessageEntry[];
}

export function fetchHome(client: ApiClient = api): Promise<HomePayload> {
  return client.get<HomePayload>('/api/home');
}

/** Shape the payload for the home page (pure: unit-tested). */
export function buildHomeView(payload: HomePayload, now: Date = new Date()): HomeView {
  const text = messages();
  const status = payload.merchant ? payload.merchant.registrationStatus : null;
  const modules = resolveModules(payload.modules, status);
  const customs = (payload.todos && payload.todos.customs) || { orders: 0, lists: 0, summaries: 0 };
  const total = Number(payload.todos && payload.todos.total) || 0;
  const unread = Number(payload.messages && payload.messages.unread) || 0;
  const customsModule = modules.filter((m) => m.key === 'customs')[0];
  const todoKeys: Array<TodoEntry['key']> = ['orders', 'lists', 'summaries'];
  const todoLabels = { orders: text.home.customsOrders, lists: text.home.customsLists, summaries: text.home.customsSummaries };

  return {
    merchantName: payload.merchant ? payload.merchant.nameCn : text.home.noMerchant,
    merchantNameEn: (payload.merchant && payload.merchant.nameEn) || '',
    banner: registrationBanner(status),
    modules,
    todoTotal: total,
    todoSummary: total > 0 ? format(text.home.todosTotal, { count: total }) : text.home.todosNone,
    customsTodos: todoKeys.map((key) => ({
      key,
      label: todoLabels[key],
      count: Number(customs[key]) || 0,
      countText: String(Number(customs[key]) || 0),
    })),
    customsEnabled: customsModule ? customsModule.enabled : false,
    fx: homeFxCard(payload.fx),
    unread,
    unreadText: badgeText(unread),
    messages: ((payload.messages && payload.messages.latest) || []).map((m) => ({
      documentId: m.documentId,
      title: m.title,
      body: m.body,
      read: !!m.read,
      time: formatMessageTime(m.createdAt, now),
      categoryLabel: text.messageCategories[m.category] || m.category || '',
      module: m.module || '',
      page: messagePage(m),
    })),
  };
}
