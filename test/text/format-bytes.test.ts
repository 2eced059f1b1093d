import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes } from '../../src/text/format-bytes.ts';

describe('formatBytes', () => {
  it('counts bytes below one kibibyte as they are', () => {
    assert.equal(formatBytes(0), '0 o');
    assert.match(formatBytes(1023), /^1\s023 o$/);
  });

  it('gives one decimal below ten units, in binary multiples', () => {
    assert.equal(formatBytes(1536), '1,5 Kio');
    assert.equal(formatBytes(3.25 * 1024 * 1024), '3,3 Mio');
  });

  it('gives whole numbers from ten units up', () => {
    assert.equal(formatBytes(20 * 1024 * 1024), '20 Mio');
    assert.equal(formatBytes(123.6 * 1024), '124 Kio');
  });

  it('moves to the next unit when rounding reaches it', () => {
    assert.equal(formatBytes(1024 * 1024 - 1), '1 Mio');
  });
});
