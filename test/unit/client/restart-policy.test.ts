import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../../client/src/restart-policy';

describe('RestartPolicy (a crashed server is started again, within limits)', () => {
  function policyAt(): { policy: RestartPolicy; advance: (ms: number) => void } {
    let now = 1_000_000;
    return { policy: new RestartPolicy(() => now), advance: (ms) => (now += ms) };
  }

  it(`restarts the first ${MAX_RESTARTS} crashes, each with a log line that counts them`, () => {
    const { policy, advance } = policyAt();
    for (let i = 1; i <= MAX_RESTARTS; i++) {
      const decision = policy.crashed();
      assert.equal(decision.restart, true);
      assert.equal(decision.crashes, i);
      assert.match(decision.message, new RegExp(`stopped unexpectedly; restarting it \\(crash ${i} of ${MAX_RESTARTS} allowed in 3 minutes\\)`));
      advance(1000);
    }
  });

  it('gives up on one crash more within the window, telling the user how to start it again', () => {
    const { policy, advance } = policyAt();
    for (let i = 0; i < MAX_RESTARTS; i++) {
      policy.crashed();
      advance(1000);
    }
    const decision = policy.crashed();
    assert.equal(decision.restart, false);
    assert.match(decision.message, /crashed 5 times in 3 minutes and will not be restarted.*Restart Server/);
    assert.equal(policy.total, MAX_RESTARTS + 1);
  });

  it('counts only the crashes within the window, and none after a restart by hand', () => {
    const { policy, advance } = policyAt();
    for (let i = 0; i < MAX_RESTARTS; i++) policy.crashed();
    advance(RESTART_WINDOW_MS + 1);
    assert.deepEqual([policy.crashed().restart, policy.crashed().crashes], [true, 2]);
    for (let i = 0; i < MAX_RESTARTS; i++) policy.crashed();
    policy.reset();
    assert.equal(policy.crashed().restart, true);
  });
});
