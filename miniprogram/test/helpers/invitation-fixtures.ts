/**
 * 成员邀请 fixtures, each checked against the cms contract (packages/contracts/src/invitations.ts: the schemas the
 * controller parses bodies with and the OpenAPI document is made from), so the fakes answer what the cms answers.
 * The contract is read from its source (zod/mini), not bundled into the mini-program.
 */
import { inviteInput, invitationRoutes, receivedInvitation, sentInvitation } from '../../../packages/contracts/src/invitations';

export { inviteInput, invitationRoutes };

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.UTC(2026, 10, 20, 2, 30) + offsetDays * DAY).toISOString();

type Sent = ReturnType<typeof sentInvitation.parse>;
type Received = ReturnType<typeof receivedInvitation.parse>;

/** As the inviting merchant sees one (GET/POST/DELETE /api/invitations): the phone masked. */
export function sent(overrides: Partial<Sent> = {}): Sent {
  return sentInvitation.parse({
    documentId: 'inv-sent-1',
    phone: '139****0003',
    role: 'member',
    status: 'pending',
    invitedByName: '王晶华',
    expiresAt: iso(7),
    respondedAt: null,
    createdAt: iso(0),
    ...overrides,
  });
}

/** As the invitee sees one (GET /api/me `invitations`, GET /api/invitations/mine). */
export function received(overrides: Partial<Received> = {}): Received {
  return receivedInvitation.parse({
    documentId: 'inv-1',
    merchant: { documentId: 'm3', nameCn: '东海县水晶之恋饰品商行' },
    role: 'member',
    invitedByName: '李水晶',
    expiresAt: iso(7),
    createdAt: iso(0),
    ...overrides,
  });
}

/** The route of the contract a request went to (undefined when the mini-program calls a route the cms lacks). */
export function routeOf(method: string, url: string) {
  const path = new URL(url).pathname.replace(/^\/api/, '');
  return invitationRoutes.find((r) => {
    if (r.method !== method) return false;
    const pattern = new RegExp(`^${r.path.replace(/:[^/]+/g, '[^/]+')}$`);
    return pattern.test(path);
  });
}
