/** A message as every endpoint shows it (message centre, home feed): `read` derived from `readAt`. */
export interface MessageDoc {
  documentId: string;
  category: string;
  module: string | null;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export const presentMessage = (m: MessageDoc) => ({
  documentId: m.documentId,
  category: m.category,
  module: m.module,
  title: m.title,
  body: m.body,
  link: m.link,
  read: Boolean(m.readAt),
  readAt: m.readAt,
  createdAt: m.createdAt,
});
