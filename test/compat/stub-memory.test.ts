import * as fs from 'fs';
import type { AwsCall } from '../support/fake-aws';
import { releaseCommandMemory } from './stub-memory';

describe('releaseCommandMemory', () => {
  it('replaces request streams in recorded params and keeps the rest of the record', () => {
    const body = fs.createReadStream(__filename);
    const when = new Date(0);
    const data = Buffer.from('zip');
    const upload: AwsCall = {
      service: 'S3',
      operation: 'upload',
      params: { Bucket: 'b', Key: 'k', Body: body, Parts: [{ Body: data, When: when }] },
      write: true,
      sdk: 'v2',
    };
    releaseCommandMemory([upload]);
    body.destroy();
    expect(upload.params).toEqual({
      Bucket: 'b',
      Key: 'k',
      Body: '<stream>',
      Parts: [{ Body: data, When: when }],
    });
  });
});
