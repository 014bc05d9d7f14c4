import { describe, expect, test } from 'vitest';
import {
  initialState,
  transition,
  type FailureReason,
} from '../../device/modem/engine/AtCommandMachine.js';
import {
  failureToError,
  isModemError,
  isModemTimeout,
  redactCommand,
} from '../../device/modem/engine/ModemErrors.js';
import { GatewayError } from '../../device/shared/GatewayError.js';

describe('failureToError', () => {
  test.for([
    ['timeout', 'MODEM_TIMEOUT'],
    ['noPrompt', 'MODEM_NO_PROMPT'],
    ['error', 'MODEM_ERROR'],
    ['callResult', 'MODEM_ERROR'],
    ['writeFailed', 'MODEM_WRITE_FAILED'],
    ['closed', 'MODEM_CLOSED'],
    ['queueFull', 'MODEM_BUSY'],
  ] as const)('reason %s becomes %s', ([reason, code]: readonly [FailureReason, string]) => {
    const error = failureToError({ reason, command: 'AT+CSQ', timeoutMs: 100 });
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.code).toBe(code);
    expect(isModemError(error)).toBe(true);
  });

  test('a +CMS final result carries the number, meaning and class in the context', () => {
    const { state } = transition(initialState(false), {
      type: 'final',
      line: '+CMS ERROR: 42',
      result: { type: 'cms', code: 42, meaning: 'Congestion', verbose: false, transient: true },
    });
    const error = failureToError({ reason: 'cmsError', command: 'AT+CMGS=23', state });
    expect(error.toJSON()).toMatchObject({
      code: 'MODEM_CMS_ERROR',
      atCode: 42,
      meaning: 'Congestion',
      transient: true,
      finalLine: '+CMS ERROR: 42',
    });
  });

  test('the stack is the one captured when the command was queued', () => {
    const source = new Error();
    const error = failureToError({ reason: 'timeout', command: 'AT', source });
    expect(error.stack?.split('\n')[0]).toBe(`GatewayError: ${error.message}`);
    expect(error.stack).toContain('ModemErrors.test.ts');
  });

  test('guards look at the code only', () => {
    expect(isModemTimeout(failureToError({ reason: 'timeout', command: 'AT' }))).toBe(true);
    expect(isModemTimeout(new GatewayError('QUEUE_TIMEOUT', 'x'))).toBe(false);
    expect(isModemTimeout(new Error('MODEM_TIMEOUT'))).toBe(false);
  });
});

describe('redactCommand', () => {
  test.for([
    ['AT+CPIN="1234"', 'AT+CPIN=***'],
    ['AT+CPIN="12345678","1234"', 'AT+CPIN=***'],
    ['AT+CLCK="SC",0,"1234"', 'AT+CLCK=***'],
    ['AT+CMEE=1;+CPWD="SC","1111","2222";+CSQ', 'AT+CMEE=1;+CPWD=***;+CSQ'],
    ['AT+CPIN?', 'AT+CPIN?'],
    ['AT+CSQ', 'AT+CSQ'],
  ] as const)('%s → %s', ([command, shown]) => {
    expect(redactCommand(command)).toBe(shown);
  });
});
