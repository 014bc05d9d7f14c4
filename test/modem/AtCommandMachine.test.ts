import { describe, expect, test } from 'vitest';
import {
  initialState,
  transition,
  type CommandState,
  type MachineEvent,
} from '../../device/modem/engine/AtCommandMachine.js';

function run(state: CommandState, ...events: MachineEvent[]) {
  const effects: string[] = [];
  for (const event of events) {
    const next = transition(state, event);
    state = next.state;
    effects.push(...next.effects.map((e) => e.type));
  }
  return { state, effects };
}

const ok: MachineEvent = { type: 'final', line: 'OK', result: { type: 'ok' } };

describe('AtCommandMachine', () => {
  test('a simple command collects lines and ends on OK', () => {
    const { state } = run(initialState(false), { type: 'info', line: '+CSQ: 17,0' }, ok);
    expect(state).toMatchObject({ phase: 'done', lines: ['+CSQ: 17,0'], finalLine: 'OK' });
  });

  test('the prompt writes the payload and re-arms the timer for the final result', () => {
    const { state, effects } = run(initialState(true), { type: 'prompt' });
    expect(state).toMatchObject({ phase: 'awaitingFinal', payloadSent: true });
    expect(effects).toEqual(['writePayload', 'armFinalTimer']);
  });

  test('a second prompt does nothing', () => {
    expect(run(initialState(true), { type: 'prompt' }, { type: 'prompt' }).effects).toEqual([
      'writePayload',
      'armFinalTimer',
    ]);
  });

  test('a timeout while waiting for the prompt fails with noPrompt and sends ESC', () => {
    const { state, effects } = run(initialState(true), { type: 'timeout' });
    expect(state).toMatchObject({ phase: 'failed', reason: 'noPrompt', payloadSent: false });
    expect(effects).toEqual(['sendEscape']);
  });

  test('a timeout while waiting for the final result fails with timeout and sends nothing', () => {
    const { state, effects } = run(initialState(true), { type: 'prompt' }, { type: 'timeout' });
    expect(state).toMatchObject({ phase: 'failed', reason: 'timeout', payloadSent: true });
    expect(effects).toEqual(['writePayload', 'armFinalTimer']);
  });

  test('OK before the prompt is a missing prompt, not a success', () => {
    expect(run(initialState(true), ok).state).toMatchObject({
      phase: 'failed',
      reason: 'noPrompt',
    });
  });

  test.for([
    [{ type: 'error' }, 'error'],
    [{ type: 'cme', code: 10, meaning: 'SIM not inserted', verbose: false }, 'cmeError'],
    [
      { type: 'cms', code: 500, meaning: 'unknown error', verbose: false, transient: true },
      'cmsError',
    ],
    [{ type: 'call', text: 'NO CARRIER' }, 'callResult'],
  ] as const)('final %j fails with reason %s', ([result, reason]) => {
    const { state } = run(initialState(false), { type: 'final', line: 'x', result });
    expect(state).toMatchObject({ phase: 'failed', reason, finalLine: 'x' });
  });

  test('write failure and close fail the command with their reasons', () => {
    expect(run(initialState(false), { type: 'writeFailed', cause: 'EIO' }).state).toMatchObject({
      reason: 'writeFailed',
      cause: 'EIO',
    });
    expect(run(initialState(true), { type: 'closed' }).state).toMatchObject({ reason: 'closed' });
  });

  test('a settled command ignores everything that comes later', () => {
    const done = run(initialState(false), ok).state;
    const after = run(
      done,
      { type: 'timeout' },
      { type: 'info', line: 'late' },
      { type: 'closed' },
    );
    expect(after.state).toBe(done);
    expect(after.effects).toEqual([]);
  });
});
