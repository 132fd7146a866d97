import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidBusinessId } from '../../server/src/domain/business-id.js';

describe('isValidBusinessId', () => {
  it('accepts real-format IDs whose check digit matches', () => {
    // Check digits computed by hand: weights 7 9 10 5 8 4 2, sum mod 11, 11 − remainder.
    for (const id of ['1572860-0', '0112038-9', '2080163-0', '0000001-9']) assert.equal(isValidBusinessId(id), true, id);
  });

  it('refuses a wrong check digit, a remainder of 1, and other shapes', () => {
    for (const id of ['1572860-1', '0112038-8', '0000006-0', '0000010-1', '1572860', '15728600', '157286-00', ' 1572860-0', 'abcdefg-h', '']) {
      assert.equal(isValidBusinessId(id), false, id);
    }
  });
});
