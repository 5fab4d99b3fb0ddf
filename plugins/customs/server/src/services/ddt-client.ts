/**
 * The 点点通 adapter (DOMAIN.md §1: its API is not public, so this interface is ours and its payloads are
 * CEB documents). The HTTP implementation talks to the local simulator by default; a real deployment points
 * DDT_BASE_URL at the real gateway — configuration, not code.
 */
import { parseReceipts, type ParsedReceipt } from '../ceb';

export interface RemoteReceipt {
  cursor: string;
  guid: string;
  messageType: string;
  xml: string;
}

export type SendOutcome =
  | { kind: 'accepted'; preNos: string[] }
  /** A CEB900 format-error receipt: sending the same document again cannot succeed. */
  | { kind: 'refused'; receipts: ParsedReceipt[] };

export interface DdtAdapter {
  /** Sends one CEB document; resolves when 点点通 has it. Throws on transient failures (to be retried). */
  send(xml: string, dxpId: string): Promise<SendOutcome>;
  receipts(dxpId: string, after: string, limit?: number): Promise<{ receipts: RemoteReceipt[]; next: string }>;
  verify(config: Record<string, unknown>): Promise<{ ok: boolean; errors: { field: string; message: string }[] }>;
}

export class TransientError extends Error {}

export function ddtBaseUrl(): string {
  const configured = process.env.DDT_BASE_URL;
  if (configured) return configured.replace(/\/+$/, '');
  if (process.env.NODE_ENV === 'production') throw new Error('[jmt] DDT_BASE_URL must be set in production (the 点点通 simulator never runs there)');
  return `http://127.0.0.1:${process.env.DDT_SIM_PORT || 1342}`;
}

/** How long one call to 点点通 may take (DDT_TIMEOUT_MS, default 10 s). */
export const timeoutMs = (): number => Number(process.env.DDT_TIMEOUT_MS ?? 10_000);

async function call(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${ddtBaseUrl()}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs()) });
  } catch (e) {
    const reason = (e as Error).name === 'TimeoutError' ? `点点通 ${timeoutMs()} ms 内未应答` : `无法连接点点通：${(e as Error).message}`;
    throw new TransientError(reason);
  }
}

export function httpDdtAdapter(): DdtAdapter {
  return {
    async send(xml, dxpId) {
      const res = await call('/ceb/messages', { method: 'POST', headers: { 'content-type': 'application/xml; charset=utf-8', 'x-dxp-id': dxpId }, body: xml });
      const text = await res.text();
      if (res.status >= 500 || res.status === 429) throw new TransientError(`点点通暂时不可用（HTTP ${res.status}）`);
      if (res.status !== 200) throw new Error(`点点通拒收报文（HTTP ${res.status}）：${text.slice(0, 300)}`);
      if ((res.headers.get('content-type') ?? '').includes('xml')) return { kind: 'refused', receipts: parseReceipts(text) };
      const body = JSON.parse(text) as { accepted?: boolean; declarations?: { preNo: string }[] };
      if (!body.accepted) throw new Error(`点点通应答无法识别：${text.slice(0, 300)}`);
      return { kind: 'accepted', preNos: (body.declarations ?? []).map((d) => d.preNo) };
    },
    async receipts(dxpId, after, limit = 500) {
      const res = await call(`/ceb/receipts?dxpId=${encodeURIComponent(dxpId)}&after=${encodeURIComponent(after)}&limit=${limit}`, { method: 'GET' });
      if (res.status !== 200) throw new TransientError(`读取回执失败（HTTP ${res.status}）`);
      const body = (await res.json()) as { receipts: (Omit<RemoteReceipt, 'cursor'> & { cursor: number | string })[]; next: number | string };
      return { receipts: body.receipts.map((r) => ({ ...r, cursor: String(r.cursor) })), next: String(body.next) };
    },
    async verify(config) {
      const res = await call('/config/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) });
      if (res.status !== 200) throw new TransientError(`点点通配置校验暂不可用（HTTP ${res.status}）`);
      const body = (await res.json()) as { ok: boolean; errors?: { field: string; message: string }[] };
      return { ok: body.ok, errors: body.errors ?? [] };
    },
  };
}
