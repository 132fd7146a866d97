import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readBusinessId } from '../../contract/contact-details.js';

describe('readBusinessId', () => {
  it('accepts real-format IDs whose check digit matches', () => {
    // Check digits computed by hand: weights 7 9 10 5 8 4 2, sum mod 11, 11 − remainder.
    for (const id of ['1572860-0', '0112038-9', '2080163-0', '0000001-9']) assert.equal(readBusinessId(id), id);
  });

  it('reads an ID without its hyphen, and an old six-digit one with the leading zero added', () => {
    assert.equal(readBusinessId('15728600'), '1572860-0');
    assert.equal(readBusinessId('112038-9'), '0112038-9');
  });

  it('refuses a wrong check digit, a remainder of 1, and other shapes', () => {
    for (const id of ['1572860-1', '0112038-8', '0000006-0', '0000010-1', '1572860', '157286000', '157286-00', '1120389', 'abcdefg-h', '']) {
      assert.equal(readBusinessId(id), null, id);
    }
  });
});
