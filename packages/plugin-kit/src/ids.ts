import crypto from 'node:crypto';
import os from 'node:os';

/** A documentId in the Document Service's shape (24 lower-case letters and digits), for rows written below it. */
export function newDocumentId(): string {
  const bytes = crypto.randomBytes(24);
  let out = 'o';
  for (let i = 1; i < 24; i++) out += 'abcdefghijklmnopqrstuvwxyz0123456789'[bytes[i] % 36];
  return out;
}

/** This process among the cms instances: who holds a lease or a claimed row. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`.slice(0, 100);
