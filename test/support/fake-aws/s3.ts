import type * as AWS from 'aws-sdk';
import { createHash } from 'crypto';
import { Readable } from 'stream';
import { CallContext, OperationTable, ServiceBinding } from './call-context';
import { awsError } from './errors';
import { pageLimit, paginate } from './pagination';
import { clonePlain } from './objects';

export interface S3ObjectState {
  Key: string;
  Body: Buffer;
  ContentType?: string;
  Metadata: Record<string, string>;
  LastModified: Date;
  ETag: string;
}

interface BucketState {
  region: string;
  objects: Map<string, S3ObjectState>;
}

/**
 * S3's own page size. The framework's artifact listing ignores continuation tokens, so a
 * smaller page would make it lose objects where real S3 would not.
 */
const S3_MAX_KEYS = 1000;

const noSuchBucket = () => awsError('NoSuchBucket', 'The specified bucket does not exist', 404);
const invalidArgument = (message: string) => awsError('InvalidArgument', message, 400);

/** Buckets and objects: enough S3 for the framework's deployment bucket. */
export class FakeS3 {
  private readonly buckets = new Map<string, BucketState>();

  constructor(private readonly defaultRegion: string) {}

  createBucketDirectly(name: string, region = this.defaultRegion): void {
    if (!this.buckets.has(name)) this.buckets.set(name, { region, objects: new Map() });
  }

  /** Deletes the bucket unless it holds objects (as S3 does); false when it could not. */
  deleteBucketDirectly(name: string): boolean {
    const bucket = this.buckets.get(name);
    if (!bucket || bucket.objects.size > 0) return false;
    return this.buckets.delete(name);
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()];
  }

  objectKeys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.objects.keys() ?? [])].sort();
  }

  getObjectDirectly(bucket: string, key: string): S3ObjectState | undefined {
    return this.buckets.get(bucket)?.objects.get(key);
  }

  binding(): ServiceBinding {
    const operations = {
      createBucket: (
        p: AWS.S3.CreateBucketRequest,
        ctx: CallContext,
      ): AWS.S3.CreateBucketOutput => {
        if (this.buckets.has(p.Bucket)) {
          throw awsError(
            'BucketAlreadyOwnedByYou',
            'Your previous request to create the named bucket succeeded and you already own it.',
            409,
          );
        }
        this.createBucketDirectly(
          p.Bucket,
          p.CreateBucketConfiguration?.LocationConstraint ?? ctx.region,
        );
        return { Location: `/${p.Bucket}` };
      },

      deleteBucket: (p: AWS.S3.DeleteBucketRequest): Record<string, never> => {
        this.bucket(p.Bucket);
        if (!this.deleteBucketDirectly(p.Bucket)) {
          throw awsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
        }
        return {};
      },

      headBucket: (p: AWS.S3.HeadBucketRequest): Record<string, never> => {
        if (!this.buckets.has(p.Bucket)) throw awsError('NotFound', 'Not Found', 404);
        return {};
      },

      getBucketLocation: (p: AWS.S3.GetBucketLocationRequest): AWS.S3.GetBucketLocationOutput => {
        const region = this.bucket(p.Bucket).region;
        return { LocationConstraint: region === 'us-east-1' ? '' : region };
      },

      putObject: async (p: AWS.S3.PutObjectRequest): Promise<AWS.S3.PutObjectOutput> => ({
        ETag: (await this.store(p)).ETag,
      }),

      // `upload` is the SDK's managed upload, not an API operation; aws-sdk-mock can stub it
      // like one (without model validation), so it stores the object as putObject does.
      upload: async (p: AWS.S3.PutObjectRequest): Promise<AWS.S3.ManagedUpload.SendData> => {
        if (!p.Bucket || !p.Key)
          throw awsError(
            'MissingRequiredParameter',
            'Missing required key Bucket or Key in params',
            400,
          );
        const object = await this.store(p);
        return {
          Location: `https://${p.Bucket}.s3.amazonaws.com/${p.Key}`,
          ETag: object.ETag,
          Bucket: p.Bucket,
          Key: p.Key,
        };
      },

      getObject: (p: AWS.S3.GetObjectRequest): AWS.S3.GetObjectOutput => {
        const object = this.bucket(p.Bucket).objects.get(p.Key);
        if (!object) throw awsError('NoSuchKey', 'The specified key does not exist.', 404);
        return { ...describe(object), Body: Buffer.from(object.Body) };
      },

      headObject: (p: AWS.S3.HeadObjectRequest): AWS.S3.HeadObjectOutput => {
        const object = this.bucket(p.Bucket).objects.get(p.Key);
        if (!object) throw awsError('NotFound', 'Not Found', 404);
        return describe(object);
      },

      listObjectsV2: (p: AWS.S3.ListObjectsV2Request): AWS.S3.ListObjectsV2Output => {
        const prefix = p.Prefix ?? '';
        const startAfter = p.StartAfter ?? '';
        const entries = [...this.bucket(p.Bucket).objects.values()]
          .filter((object) => object.Key.startsWith(prefix) && object.Key > startAfter)
          .sort((a, b) => (a.Key < b.Key ? -1 : 1))
          .map((object) => [object.Key, object] as const);
        const limit = pageLimit(p.MaxKeys, S3_MAX_KEYS, invalidArgument);
        const page = paginate(
          entries,
          `objects:${p.Bucket}:${prefix}`,
          { limit, token: p.ContinuationToken },
          invalidArgument,
        );
        return {
          Name: p.Bucket,
          Prefix: prefix,
          MaxKeys: limit,
          KeyCount: page.items.length,
          IsTruncated: page.nextToken !== undefined,
          ContinuationToken: p.ContinuationToken,
          NextContinuationToken: page.nextToken,
          Contents: page.items.map((object) => ({
            Key: object.Key,
            LastModified: object.LastModified,
            ETag: object.ETag,
            Size: object.Body.length,
            StorageClass: 'STANDARD',
          })),
        };
      },

      deleteObject: (p: AWS.S3.DeleteObjectRequest): AWS.S3.DeleteObjectOutput => {
        this.bucket(p.Bucket).objects.delete(p.Key);
        return {};
      },

      deleteObjects: (p: AWS.S3.DeleteObjectsRequest): AWS.S3.DeleteObjectsOutput => {
        const objects = this.bucket(p.Bucket).objects;
        // S3 reports keys that did not exist as deleted too.
        for (const { Key } of p.Delete.Objects) objects.delete(Key);
        return {
          Deleted: p.Delete.Quiet ? [] : p.Delete.Objects.map(({ Key }) => ({ Key })),
          Errors: [],
        };
      },
    } satisfies OperationTable<AWS.S3>;
    return { service: 'S3', operations };
  }

  private bucket(name: string): BucketState {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket();
    return bucket;
  }

  private async store(p: AWS.S3.PutObjectRequest): Promise<S3ObjectState> {
    const bucket = this.bucket(p.Bucket);
    const body = await readBody(p.Body);
    const object: S3ObjectState = {
      Key: p.Key,
      Body: body,
      ContentType: p.ContentType,
      Metadata: clonePlain(p.Metadata ?? {}),
      LastModified: new Date(),
      ETag: `"${createHash('md5').update(body).digest('hex')}"`,
    };
    bucket.objects.set(p.Key, object);
    return object;
  }
}

function describe(object: S3ObjectState): AWS.S3.HeadObjectOutput {
  return {
    ContentLength: object.Body.length,
    ContentType: object.ContentType,
    ETag: object.ETag,
    LastModified: object.LastModified,
    Metadata: object.Metadata,
  };
}

async function readBody(body: AWS.S3.Body | undefined): Promise<Buffer> {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  throw awsError('InvalidParameterType', 'Unsupported Body type', 400);
}
