/**
 * AWS's partitions and the regions in each, as the AWS SDK knows them: `partitions.json` of
 * aws-sdk-js-v3 (packages/util-endpoints/src/lib/aws/partitions.json, version 1.1, as shipped
 * in @aws-sdk/core 3.981), without its `*-global` pseudo-regions. A copy rather than a runtime
 * import: the SDK v3 packages need Node.js 20 and are loaded only on osls 4, while config
 * reading runs everywhere. test/unit/partitions.test.ts fails when the installed SDK knows a
 * region this list lacks.
 */
export interface Partition {
  id: string;
  dnsSuffix: string;
  regions: readonly string[];
}

export const PARTITIONS: readonly Partition[] = [
  {
    id: 'aws',
    dnsSuffix: 'amazonaws.com',
    regions: [
      'af-south-1',
      'ap-east-1',
      'ap-east-2',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-northeast-3',
      'ap-south-1',
      'ap-south-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-6',
      'ap-southeast-7',
      'ca-central-1',
      'ca-west-1',
      'eu-central-1',
      'eu-central-2',
      'eu-north-1',
      'eu-south-1',
      'eu-south-2',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'il-central-1',
      'me-central-1',
      'me-south-1',
      'me-west-1',
      'mx-central-1',
      'sa-east-1',
      'sa-west-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
    ],
  },
  { id: 'aws-cn', dnsSuffix: 'amazonaws.com.cn', regions: ['cn-north-1', 'cn-northwest-1'] },
  { id: 'aws-us-gov', dnsSuffix: 'amazonaws.com', regions: ['us-gov-east-1', 'us-gov-west-1'] },
  { id: 'aws-eusc', dnsSuffix: 'amazonaws.eu', regions: ['eusc-de-east-1'] },
  { id: 'aws-iso', dnsSuffix: 'c2s.ic.gov', regions: ['us-iso-east-1', 'us-iso-west-1'] },
  { id: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov', regions: ['us-isob-east-1', 'us-isob-west-1'] },
  { id: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk', regions: ['eu-isoe-west-1'] },
  { id: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov', regions: ['us-isof-east-1', 'us-isof-south-1'] },
];

export function findPartition(id: string): Partition | undefined {
  return PARTITIONS.find((partition) => partition.id === id);
}

/** The partition a region belongs to; undefined for a region no partition lists. */
export function partitionOfRegion(region: string): Partition | undefined {
  return PARTITIONS.find((partition) => partition.regions.includes(region));
}
