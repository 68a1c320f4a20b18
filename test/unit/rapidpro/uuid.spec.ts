import { expect } from 'chai';
import { CHT_RAPIDPRO_UUID_NAMESPACE, derivedUuid, isUuid, uuidV5 } from '../../../src/rapidpro/uuid';

describe('rapidpro derived UUIDs', () => {
  it('computes RFC 4122 version 5 UUIDs', () => {
    // the RFC's DNS namespace example, as computed by Python's uuid.uuid5
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).to.equal('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('cht-rapidpro', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).to.equal(CHT_RAPIDPRO_UUID_NAMESPACE);
  });

  it('derives the same UUID for the same path, different ones otherwise', () => {
    const a = derivedUuid('checkin', 'node', 'ask');
    expect(a).to.equal(derivedUuid('checkin', 'node', 'ask'));
    expect(a).to.not.equal(derivedUuid('checkin', 'node', 'answer'));
    expect(derivedUuid('a/b', 'c')).to.not.equal(derivedUuid('a', 'b/c'));
    // version 4 shaped: RapidPro before May 2025 accepts nothing else
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses empty path parts and checks UUID syntax', () => {
    expect(() => derivedUuid('checkin', '')).to.throw(/non-empty/);
    expect(isUuid('A1000000-0000-4000-8000-000000000001')).to.equal(false);
    expect(isUuid('a1000000-0000-4000-8000-000000000001')).to.equal(true);
    expect(isUuid(42)).to.equal(false);
  });
});
