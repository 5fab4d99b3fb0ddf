/** 成员邀请: an admin invites a phone; the invitee accepts or declines. Every route needs a session. */
const session = () => ({ auth: { strategies: ['users-permissions'] } });

export default {
  routes: [
    { method: 'GET', path: '/invitations', handler: 'invitation.sent', config: session() },
    { method: 'POST', path: '/invitations', handler: 'invitation.invite', config: session() },
    { method: 'DELETE', path: '/invitations/:id', handler: 'invitation.revoke', config: session() },
    { method: 'GET', path: '/invitations/mine', handler: 'invitation.received', config: session() },
    { method: 'POST', path: '/invitations/:id/accept', handler: 'invitation.accept', config: session() },
    { method: 'POST', path: '/invitations/:id/decline', handler: 'invitation.decline', config: session() },
  ],
};
