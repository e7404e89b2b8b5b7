import { describe, expect, it } from 'vitest';
import { approvalCommand } from './subscription-approval';

describe('approvalCommand', () => {
  it('is the management API call an administrator makes, the admin key a variable', () => {
    expect(approvalCommand('http://127.0.0.1:8791/management/', '65f0c0ffee0000000000beef')).toBe(
      `curl -X PATCH 'http://127.0.0.1:8791/management/subscriptions/65f0c0ffee0000000000beef' -H "Authorization: Bearer $APIM_ADMIN_KEY" -H 'Content-Type: application/json' -d '{"properties":{"state":"active"}}'`,
    );
  });
});
