import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LruCache } from '../../../server/src/tokens/lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1); // a is now most recent
    cache.set('c', 3);
    assert.equal(cache.has('b'), false);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('overwriting a key does not evict another', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), 10);
    assert.equal(cache.get('b'), 2);
  });

  it('clear empties it and capacity must be positive', () => {
    const cache = new LruCache<number, string>(3);
    cache.set(1, 'x');
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(cache.get(1), undefined);
    assert.throws(() => new LruCache(0), RangeError);
  });
});
