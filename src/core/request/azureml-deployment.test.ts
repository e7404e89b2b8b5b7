import { describe, expect, it } from 'vitest';
import { emptyChoiceLabel } from './azureml-deployment';

describe('emptyChoiceLabel', () => {
  it('says the traffic split chooses when no deployment is picked', () => {
    expect(emptyChoiceLabel({ in: 'header', name: 'azureml-model-deployment' })).toBe(
      'automatic (the traffic split chooses)',
    );
    expect(emptyChoiceLabel({ in: 'header', name: 'AzureML-Model-Deployment' })).toBe(
      'automatic (the traffic split chooses)',
    );
  });

  it('says "not sent" for any other parameter, a query one of that name included', () => {
    expect(emptyChoiceLabel({ in: 'query', name: 'azureml-model-deployment' })).toBe('(not sent)');
    expect(emptyChoiceLabel({ in: 'header', name: 'details' })).toBe('(not sent)');
  });
});
