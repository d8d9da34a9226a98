import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { passesStreamFilter, streamFilter } from './stream-filter.js';

const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', entityType: string): DynamoDBRecord => {
  const image = { pk: { S: 'T#t#C#c' }, sk: { S: 'PROFILE' }, entityType: { S: entityType } };
  return {
    eventName,
    dynamodb: eventName === 'REMOVE' ? { OldImage: image } : { NewImage: image, OldImage: image },
  };
};

describe('passesStreamFilter', () => {
  it('lets inserts, modifies and removes of the listed entity types through', () => {
    for (const eventName of ['INSERT', 'MODIFY', 'REMOVE'] as const) {
      expect(passesStreamFilter(streamFilter, record(eventName, 'customer'))).toBe(true);
      expect(passesStreamFilter(streamFilter, record(eventName, 'interaction'))).toBe(true);
    }
  });

  it('drops records of other entity types and records without one', () => {
    expect(passesStreamFilter(streamFilter, record('INSERT', 'customerHistory'))).toBe(false);
    expect(passesStreamFilter(streamFilter, record('REMOVE', 'user'))).toBe(false);
    expect(passesStreamFilter(streamFilter, { eventName: 'INSERT', dynamodb: { NewImage: {} } })).toBe(false);
  });

  it('reads a remove from its old image and the rest from the new image, as the CDK patterns do', () => {
    const modify: DynamoDBRecord = {
      eventName: 'MODIFY',
      dynamodb: { NewImage: { entityType: { S: 'user' } }, OldImage: { entityType: { S: 'customer' } } },
    };
    expect(passesStreamFilter(streamFilter, modify)).toBe(false);
    const remove: DynamoDBRecord = {
      eventName: 'REMOVE',
      dynamodb: { OldImage: { entityType: { S: 'customer' } } },
    };
    expect(passesStreamFilter(streamFilter, remove)).toBe(true);
  });
});
