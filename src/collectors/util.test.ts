import { describe, expect, it } from 'vitest';
import { decodePolicyDocument, omit, withoutMetadata } from './util.js';

describe('decodePolicyDocument', () => {
  const doc = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::a b/*' }],
  };
  it('decodes URL-encoded JSON (IAM API), plain JSON, and passes objects through', () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(decodePolicyDocument(JSON.stringify(doc))).toEqual(doc);
    expect(decodePolicyDocument(doc)).toBe(doc);
  });
  it('keeps a literal % in a plain JSON document', () => {
    const withPercent = { Statement: [{ Sid: '100%' }] };
    expect(decodePolicyDocument(JSON.stringify(withPercent))).toEqual(withPercent);
  });
  it('refuses text that is not a policy', () => {
    expect(() => decodePolicyDocument('not json')).toThrow(/neither JSON nor URL-encoded JSON/);
  });
});

describe('omit / withoutMetadata', () => {
  it('drops the named keys and the SDK response metadata', () => {
    expect(omit({ a: 1, b: 2 }, ['b'])).toEqual({ a: 1 });
    expect(withoutMetadata({ $metadata: { requestId: 'x' }, IsLogging: true })).toEqual({ IsLogging: true });
  });
});
