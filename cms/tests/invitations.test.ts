import { api, bearer, freshPhone, login, outbox, PHONES } from './support/api';
import { eventually, signUpWithSms, type SignedUp } from './support/workflow';

/**
 * M3 成员邀请: adding a member by phone sends an invitation (SMS through the outbox, and in the invitee's account)
 * that the invitee accepts; until then the inviter sees only the masked phone and nobody is added to anything.
 * Once this answered 201 with another merchant's user's real name and silently made them a member.
 */
let admin: SignedUp;

beforeAll(async () => {
  admin = await signUpWithSms();
});

const invite = (jwt: string, phone: string, role = 'member') => api().post('/api/invitations').set(bearer(jwt)).send({ data: { phone, role } });
const membersOf = async (jwt: string) => (await api().get('/api/memberships').set(bearer(jwt)).expect(200)).body.data as any[];

describe('inviting a member', () => {
  it('reveals nothing about an existing user of another merchant and adds nobody until they accept', async () => {
    // 紫晶坊's admin already has an account (and a real name) on the platform.
    const theirs = await login(PHONES.zijingAdmin);
    const theirMe = (await api().get('/api/me').set(bearer(theirs)).expect(200)).body;
    const res = await invite(admin.jwt, PHONES.zijingAdmin).expect(201);
    expect(res.body.data).toMatchObject({ phone: '139****0003', status: 'pending', role: 'member' });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(PHONES.zijingAdmin);
    if (theirMe.user.realName) expect(text).not.toContain(theirMe.user.realName);
    // Not a member of anything new.
    expect((await membersOf(admin.jwt)).map((m) => m.user?.phone)).not.toContain(PHONES.zijingAdmin);
    expect((await api().get('/api/me').set(bearer(theirs))).body.merchants.map((m: any) => m.documentId)).not.toContain(admin.merchantDocumentId);
    // The invitee hears about it: an SMS (through the outbox) and the invitation in their account.
    await eventually(
      () => outbox(PHONES.zijingAdmin),
      (sms) => sms.some((m: any) => m.code === null && /邀请您加入/.test(m.content)),
    );
    const mine = (await api().get('/api/invitations/mine').set(bearer(theirs)).expect(200)).body.data;
    expect(mine).toEqual([
      expect.objectContaining({ documentId: res.body.data.documentId, role: 'member', merchant: expect.objectContaining({ documentId: admin.merchantDocumentId }) }),
    ]);
    expect((await api().get('/api/me').set(bearer(theirs))).body.invitations.map((i: any) => i.documentId)).toContain(res.body.data.documentId);
    // They decline: still nobody added, and the invitation is answered for good.
    const declined = await api().post(`/api/invitations/${res.body.data.documentId}/decline`).set(bearer(theirs)).expect(200);
    expect(declined.body.data.status).toBe('declined');
    expect((await api().post(`/api/invitations/${res.body.data.documentId}/accept`).set(bearer(theirs))).body.error.code).toBe('INVITATION_NOT_PENDING');
    expect((await membersOf(admin.jwt)).map((m) => m.user?.phone)).not.toContain(PHONES.zijingAdmin);
    const sent = (await api().get('/api/invitations').set(bearer(admin.jwt)).expect(200)).body.data;
    expect(sent.find((i: any) => i.documentId === res.body.data.documentId)).toMatchObject({ status: 'declined', phone: '139****0003' });
  });

  it('makes the invitee a member when they accept, acting for the merchant they joined', async () => {
    const phone = freshPhone();
    const res = await invite(admin.jwt, phone, 'member').expect(201);
    const invitee = await signUpWithSms(phone);
    // Only the invitee can answer: another user gets 404.
    const stranger = await signUpWithSms();
    expect((await api().post(`/api/invitations/${res.body.data.documentId}/accept`).set(bearer(stranger.jwt))).status).toBe(404);
    const accepted = await api().post(`/api/invitations/${res.body.data.documentId}/accept`).set(bearer(invitee.jwt)).expect(200);
    expect(accepted.body.data).toMatchObject({ role: 'member', merchant: { documentId: admin.merchantDocumentId } });
    const me = (await api().get('/api/me').set(bearer(accepted.body.jwt)).expect(200)).body;
    expect(me).toMatchObject({ role: 'member', merchant: { documentId: admin.merchantDocumentId } });
    expect((await membersOf(admin.jwt)).find((m) => m.user?.phone === phone)).toMatchObject({ role: 'member' });
    // A second accept (another device) changes nothing.
    expect((await api().post(`/api/invitations/${res.body.data.documentId}/accept`).set(bearer(invitee.jwt))).body.error.code).toBe('INVITATION_NOT_PENDING');
    expect((await membersOf(admin.jwt)).filter((m) => m.user?.phone === phone)).toHaveLength(1);
    // The inviting merchant is told.
    const messages = (await api().get('/api/messages').set(bearer(admin.jwt)).expect(200)).body.data;
    expect(messages.some((m: any) => m.title === '新成员已加入')).toBe(true);
    // Once a member, inviting them again says so.
    expect((await invite(admin.jwt, phone)).body.error.code).toBe('MEMBER_EXISTS');
  });

  it('invites a phone once at a time, even when the button is pressed twice at once; a revoked invitation can be sent again', async () => {
    const phone = freshPhone();
    const answers = await Promise.all([invite(admin.jwt, phone), invite(admin.jwt, phone), invite(admin.jwt, phone)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'INVITATION_EXISTS')).toBe(true);
    const created = answers.find((a) => a.status === 201)!.body.data;
    const revoked = await api().delete(`/api/invitations/${created.documentId}`).set(bearer(admin.jwt)).expect(200);
    expect(revoked.body.data.status).toBe('revoked');
    await invite(admin.jwt, phone).expect(201);
  });

  it('refuses bad phones, members, other merchants and anonymous callers', async () => {
    expect((await invite(admin.jwt, '12345')).body.error.code).toBe('PHONE_INVALID');
    const role = await invite(admin.jwt, freshPhone(), 'owner');
    expect([role.status, role.body.error.code, role.body.error.details.errors[0].field]).toEqual([400, 'VALIDATION_FAILED', 'role']);
    const member = await login(PHONES.jinghuaMember);
    const asMember = await invite(member, freshPhone());
    expect([asMember.status, asMember.body.error.code]).toEqual([403, 'MEMBER_READ_ONLY']);
    expect(
      (
        await api()
          .post('/api/invitations')
          .send({ data: { phone: freshPhone() } })
      ).status,
    ).toBeGreaterThanOrEqual(401);
    // Another merchant cannot see or revoke ours.
    const ours = (await invite(admin.jwt, freshPhone()).expect(201)).body.data;
    const other = await login(PHONES.jinghuaAdmin);
    expect((await api().get('/api/invitations').set(bearer(other)).expect(200)).body.data.map((i: any) => i.documentId)).not.toContain(ours.documentId);
    expect((await api().delete(`/api/invitations/${ours.documentId}`).set(bearer(other))).status).toBe(404);
    // And nobody adds a member directly any more.
    expect(
      (
        await api()
          .post('/api/memberships')
          .set(bearer(admin.jwt))
          .send({ data: { phone: freshPhone() } })
      ).status,
    ).toBeGreaterThanOrEqual(404);
  });
});
