import { describe, expect, it } from 'vitest';
import { isArmManagementUrl } from './arm-token-store';

describe('isArmManagementUrl', () => {
  it('recognises an APIM service under Azure Resource Manager', () => {
    expect(
      isArmManagementUrl(
        'https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim',
      ),
    ).toBe(true);
    expect(isArmManagementUrl('http://127.0.0.1:8791/management')).toBe(false);
  });
});
