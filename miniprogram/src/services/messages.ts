import { api, type ApiClient } from './api';

/** 消息中心: opening a message marks it read (members may too). */
export function markMessageRead(documentId: string, client: ApiClient = api): Promise<{ data: { documentId: string; read: boolean } }> {
  return client.post(`/api/messages/${encodeURIComponent(documentId)}/read`);
}
