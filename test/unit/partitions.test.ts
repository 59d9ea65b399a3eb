import { readFileSync } from 'fs';
import * as path from 'path';
import { partitionOf } from '../../src/arns';
import { PARTITIONS } from '../../src/partitions';

/** The AWS SDK's own partitions data, in the copy of @aws-sdk/core the SDK clients here use. */
function sdkPartitions(): { id: string; dnsSuffix: string; regions: string[] }[] {
  const core = path.dirname(require.resolve('@aws-sdk/core/package.json'));
  const source = readFileSync(
    path.join(core, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'),
    'utf8',
  );
  const data = JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)) as {
    partitions: { id: string; outputs: { dnsSuffix: string }; regions: Record<string, unknown> }[];
  };
  return data.partitions.map((partition) => ({
    id: partition.id,
    dnsSuffix: partition.outputs.dnsSuffix,
    regions: Object.keys(partition.regions).filter((region) => !region.endsWith('-global')),
  }));
}

describe('the partitions and regions the plugin accepts', () => {
  it('are those the installed AWS SDK knows (update src/partitions.ts when this fails)', () => {
    const ours = PARTITIONS.map((p) => ({ ...p, regions: [...p.regions].sort() }));
    const sdk = sdkPartitions().map((p) => ({ ...p, regions: [...p.regions].sort() }));
    expect([...ours].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...sdk].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it.each([
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eusc-de-east-1', 'aws-eusc'],
    // Not (yet) in the list: named by its prefix.
    ['cn-south-9', 'aws-cn'],
    ['us-gov-north-9', 'aws-us-gov'],
    ['xx-new-1', 'aws'],
  ])('put %s in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});
