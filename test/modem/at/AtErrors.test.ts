import { describe, expect, test } from 'vitest';
import {
  CMS_ERRORS,
  describeCmeError,
  describeCmsError,
  isTransientCmsError,
  parseFinalResult,
  UNKNOWN_VERBOSE_CODE,
} from '../../../device/modem/at/AtErrors.js';

describe('parseFinalResult', () => {
  test.for([
    ['OK', { type: 'ok' }],
    ['ERROR', { type: 'error' }],
    ['NO CARRIER', { type: 'call', text: 'NO CARRIER' }],
    ['+CME ERROR: 10', { type: 'cme', code: 10, meaning: 'SIM not inserted', verbose: false }],
    [
      '+CME ERROR: SIM PIN required',
      { type: 'cme', code: 11, meaning: 'SIM PIN required', verbose: true },
    ],
    [
      '+CME ERROR: incorrect password',
      { type: 'cme', code: 16, meaning: 'incorrect password', verbose: true },
    ],
    [
      '+CME ERROR: no network service',
      { type: 'cme', code: 30, meaning: 'no network service', verbose: true },
    ],
    ['+CME ERROR: unknown error', { type: 'cme', code: 100, meaning: 'unknown', verbose: true }],
    [
      '+CMS ERROR: 330',
      { type: 'cms', code: 330, meaning: 'SMSC address unknown', transient: true, verbose: false },
    ],
    [
      '+CMS ERROR: unknown error',
      { type: 'cms', code: 500, meaning: 'unknown error', transient: true, verbose: true },
    ],
    [
      '+CMS ERROR: SIM not inserted',
      { type: 'cms', code: 310, meaning: '(U)SIM not inserted', transient: true, verbose: true },
    ],
    [
      '+CMS ERROR: 1',
      {
        type: 'cms',
        code: 1,
        meaning: 'Unassigned (unallocated) number',
        transient: false,
        verbose: false,
      },
    ],
  ] as const)('%s', ([line, expected]) => {
    expect(parseFinalResult(line)).toEqual(expected);
  });

  test('lines that are not final results give undefined', () => {
    for (const line of ['+CMGS: 12', 'OKAY', 'RING', '+CME ERRORS', '']) {
      expect(parseFinalResult(line)).toBeUndefined();
    }
  });

  test('unknown verbose text keeps the text as meaning with the unknown-code marker', () => {
    expect(parseFinalResult('+CME ERROR: flux capacitor offline')).toEqual({
      type: 'cme',
      code: UNKNOWN_VERBOSE_CODE,
      meaning: 'flux capacitor offline',
      verbose: true,
    });
    expect(parseFinalResult('+CMS ERROR: weird')).toMatchObject({
      code: UNKNOWN_VERBOSE_CODE,
      transient: true,
    });
  });

  test('matching is case-insensitive', () => {
    expect(parseFinalResult('+cms error: 500')).toMatchObject({ type: 'cms', code: 500 });
  });
});

describe('error tables', () => {
  test('reserved and manufacturer-specific codes get a generic meaning', () => {
    expect(describeCmeError(8)).toBe('reserved error 8');
    expect(describeCmeError(772)).toBe('manufacturer-specific error 772');
    expect(describeCmsError(517)).toMatchObject({
      meaning: 'manufacturer-specific error 517',
      transient: true,
    });
  });

  test('permanent +CMS errors are the ones caused by the message itself', () => {
    const permanent = [...CMS_ERRORS].filter(([, info]) => !info.transient).map(([code]) => code);
    expect(permanent).toEqual([
      1, 8, 10, 21, 29, 30, 50, 69, 95, 96, 97, 99, 128, 129, 130, 143, 144, 145, 159, 160, 161,
      175, 176, 193, 195, 196, 197, 198, 199, 303, 304, 305, 321, 340,
    ]);
  });

  test('SIM, modem and network faults are transient: the message is fine', () => {
    for (const code of [41, 42, 300, 302, 310, 311, 314, 330, 331, 332, 500, 512]) {
      expect(isTransientCmsError(code)).toBe(true);
    }
  });

  test('every table row states a reason', () => {
    for (const info of CMS_ERRORS.values()) expect(info.reason.length).toBeGreaterThan(5);
  });
});
