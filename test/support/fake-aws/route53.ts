import type * as AWS from 'aws-sdk';
import { OperationTable, ServiceBinding } from './call-context';
import { awsError } from './errors';
import { IdGenerator } from './ids';
import { clonePlain } from './objects';

type RecordSet = AWS.Route53.ResourceRecordSet;

interface Zone {
  /** Fully qualified, lower case: 'example.com.'. */
  name: string;
  records: Map<string, RecordSet>;
}

const invalidChangeBatch = (message: string) => awsError('InvalidChangeBatch', message, 400);
/** Route 53 keeps names fully qualified and lower case. */
const qualified = (name: string) => `${name.toLowerCase().replace(/\.$/, '')}.`;
const recordKey = (name: string, type: string) => `${qualified(name)}|${type}`;
/** Route 53 returns at most 300 records per page. */
const MAX_ITEMS = 300;

/** The fake Route 53: hosted zones made by tests, and their record sets. */
export class FakeRoute53 {
  private readonly zones = new Map<string, Zone>();

  constructor(private readonly ids: IdGenerator) {}

  binding(): ServiceBinding {
    const operations = {
      changeResourceRecordSets: (
        p: AWS.Route53.ChangeResourceRecordSetsRequest,
      ): AWS.Route53.ChangeResourceRecordSetsResponse => {
        const zone = this.requireZone(p.HostedZoneId);
        // All changes of a batch apply, or none.
        const records = new Map(zone.records);
        for (const { Action, ResourceRecordSet: record } of p.ChangeBatch.Changes) {
          const name = qualified(record.Name);
          if (name !== zone.name && !name.endsWith(`.${zone.name}`)) {
            throw invalidChangeBatch(
              `RRSet with DNS name ${name} is not permitted in zone ${zone.name}`,
            );
          }
          if (!record.AliasTarget && !record.ResourceRecords?.length) {
            throw invalidChangeBatch(
              `RRSet of type ${record.Type} with DNS name ${name} has no values`,
            );
          }
          const key = recordKey(name, record.Type);
          if (Action === 'CREATE' && records.has(key)) {
            throw invalidChangeBatch(
              `Tried to create resource record set ${name} type ${record.Type} but it already exists`,
            );
          }
          if (Action === 'DELETE') {
            if (!records.has(key)) {
              throw invalidChangeBatch(
                `Tried to delete resource record set ${name} type ${record.Type} but it was not found`,
              );
            }
            records.delete(key);
          } else {
            records.set(key, { ...record, Name: name });
          }
        }
        zone.records = records;
        return {
          ChangeInfo: {
            Id: `/change/C${this.ids.next(12).toUpperCase()}`,
            Status: 'PENDING',
            SubmittedAt: new Date(),
          },
        };
      },

      listResourceRecordSets: (
        p: AWS.Route53.ListResourceRecordSetsRequest,
      ): AWS.Route53.ListResourceRecordSetsResponse => {
        const zone = this.requireZone(p.HostedZoneId);
        const limit = Math.min(Number(p.MaxItems ?? MAX_ITEMS), MAX_ITEMS);
        const sorted = [...zone.records.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
        const start = p.StartRecordName
          ? recordKey(p.StartRecordName, p.StartRecordType ?? '')
          : '';
        const from = sorted.filter(([key]) => key >= start);
        const page = from.slice(0, limit).map(([, record]) => record);
        const next = from[limit]?.[1];
        return {
          ResourceRecordSets: page,
          IsTruncated: next !== undefined,
          MaxItems: String(limit),
          ...(next && { NextRecordName: next.Name, NextRecordType: next.Type }),
        };
      },
    } satisfies OperationTable<AWS.Route53>;
    return { service: 'Route53', operations };
  }

  /** A hosted zone that existed before the test. */
  createHostedZoneDirectly(id: string, name: string): void {
    this.zones.set(id, { name: qualified(name), records: new Map() });
  }

  /** A copy of the record of that name and type, or undefined. */
  record(zoneId: string, name: string, type: string): RecordSet | undefined {
    const record = this.zones.get(zoneId)?.records.get(recordKey(name, type));
    return record && clonePlain(record);
  }

  private requireZone(id: string): Zone {
    const zone = this.zones.get(id.replace(/^\/hostedzone\//, ''));
    if (!zone) throw awsError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404);
    return zone;
  }
}
