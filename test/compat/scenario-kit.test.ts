import type { AwsCall } from '../support/fake-aws';
import { summarizeCalls, withProviderSetting } from './scenario-kit';

const call = (operation: string, error?: string): AwsCall => ({
  service: 'CloudFormation',
  operation,
  params: {},
  write: false,
  sdk: 'v3',
  error,
});

describe('summarizeCalls', () => {
  it('lists each operation once, in first-call order, with counts and error codes', () => {
    const calls = [
      call('describeStacks', 'ValidationError'),
      call('createChangeSet'),
      call('describeStacks'),
    ];
    expect(summarizeCalls(calls).split('\n')).toEqual([
      'AWS calls:',
      '  v3 CloudFormation.describeStacks x2 (ValidationError)',
      '  v3 CloudFormation.createChangeSet',
    ]);
    expect(summarizeCalls([])).toBe('AWS calls: none');
  });
});

describe('withProviderSetting', () => {
  const yml = 'service: s\nprovider:\n  name: aws\n  runtime: nodejs18.x\n';

  it('replaces a provider key that is there and adds one that is not', () => {
    expect(withProviderSetting(yml, 'runtime', 'nodejs20.x')).toBe(
      'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\n',
    );
    expect(withProviderSetting(yml, 'region', 'cn-north-1')).toBe(
      'service: s\nprovider:\n  name: aws\n  region: cn-north-1\n  runtime: nodejs18.x\n',
    );
  });
});
