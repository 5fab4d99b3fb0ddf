import { secret } from '../src/core/secrets';

export default () => ({
  // Local plugins (../plugins/<name>, compiled by their own tsc before the cms starts).
  workflow: { enabled: true, resolve: '../plugins/workflow' },
  customs: { enabled: true, resolve: '../plugins/customs' },
  fx: { enabled: true, resolve: '../plugins/fx' },
  taxrefund: { enabled: true, resolve: '../plugins/taxrefund' },
  'users-permissions': {
    config: {
      jwtSecret: secret('JWT_SECRET'),
      // Short sessions unless the user ticks "remember me" (7 days): see src/api/identity.
      jwt: { expiresIn: '12h' },
      register: { allowedFields: [] },
    },
  },
});
