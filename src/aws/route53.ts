import type { Route53 as Sdk } from 'aws-sdk';
import { operation, type AwsRequest } from './request';

/** The Route 53 operations the plugin uses: the custom domain's A alias record. */
export class Route53Client {
  constructor(private readonly request: AwsRequest) {}

  readonly changeResourceRecordSets = this.op<
    Sdk.ChangeResourceRecordSetsRequest,
    Sdk.ChangeResourceRecordSetsResponse
  >('changeResourceRecordSets');
  private readonly listResourceRecordSets = this.op<
    Sdk.ListResourceRecordSetsRequest,
    Sdk.ListResourceRecordSetsResponse
  >('listResourceRecordSets');

  /** The A record of exactly that name in the zone, or undefined (one read: the list starts there). */
  async findARecord(
    HostedZoneId: string,
    name: string,
  ): Promise<Sdk.ResourceRecordSet | undefined> {
    const { ResourceRecordSets } = await this.listResourceRecordSets({
      HostedZoneId,
      StartRecordName: name,
      StartRecordType: 'A',
      MaxItems: '1',
    });
    const record = ResourceRecordSets[0];
    return record && sameDnsName(record.Name, name) && record.Type === 'A' ? record : undefined;
  }

  private op<Params extends object, Result>(method: string): (params: Params) => Promise<Result> {
    return operation<Params, Result>(this.request, 'Route53', method);
  }
}

/** Route 53 answers names fully qualified (trailing dot) and compares them without case. */
export function sameDnsName(a: string | undefined, b: string | undefined): boolean {
  const bare = (name: string | undefined) => name?.toLowerCase().replace(/\.$/, '');
  return bare(a) === bare(b);
}
