/**
 * The modem benchmark's plumbing, run end to end in a tiny mode: a simulated modem in a
 * child process on a real pty, the bare serialport loop, the driver and the engine, unpaced
 * and paced. No timing is asserted (STYLE.md §9: speed targets are benchmarks, never timed
 * assertions); only that every part of the report is there and adds up.
 */
import { describe, expect, test } from 'vitest';
import {
  BARE,
  driverName,
  ENGINE_ONLY,
  GAP_CONFIGS,
  QUICK_SETTINGS,
  runModem,
  settingsFor,
  type ModemSettings,
} from '../../bench/modem/index.js';
import { buildPdus } from '../../bench/modem/messages.js';
import { summarise } from '../../bench/modem/measure.js';
import { lineShare } from '../../bench/modem/report.js';
import type { BenchContext } from '../../bench/run.js';

const TINY: ModemSettings = {
  ...QUICK_SETTINGS,
  messages: 12,
  defaultGapMessages: 4,
  pacedMessages: 4,
  pacedDefaultGapMessages: 2,
  sweepGaps: [1],
  sweepMessages: 4,
  rounds: 1,
  warmup: 2,
  pduCount: 20,
};

describe('the modem suite', () => {
  test('produces a complete report and the log a reader needs', async () => {
    const lines: string[] = [];
    const context: BenchContext = {
      quick: true,
      options: new Map(),
      log: (line = '') => lines.push(line),
    };
    const report = await runModem(context, TINY);

    const names = GAP_CONFIGS.map(driverName);
    expect(report.unpaced.map((r) => r.name)).toEqual([BARE, ...names, ENGINE_ONLY]);
    expect(report.paced.map((r) => r.name)).toEqual([BARE, ...names]);
    for (const result of [...report.unpaced, ...report.paced]) {
      expect(result.runs).toHaveLength(1);
      expect(result.rate).toBeGreaterThan(0);
      expect(result.cpuMsPerMessage).toBeGreaterThan(0);
      // Echo is off: the host writes the command, the PDU and Ctrl-Z; it reads the prompt and
      // `+CMGS: <mr>` and `OK`, whoever drives the exchange.
      expect(result.txPerMessage).toBeGreaterThan(30);
      expect(result.rxPerMessage).toBeGreaterThanOrEqual('\r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n'.length);
    }
    const bare = report.unpaced[0];
    const driver = report.unpaced[2];
    expect(driver?.txPerMessage).toBeCloseTo(bare?.txPerMessage ?? 0, 5);

    // The sweep holds the gaps timed on their own plus 0 and the default, in order.
    expect(report.sweep.map((p) => p.commandGapMs)).toEqual([0, 1, 20]);

    expect(report.targets).toHaveLength(6);
    for (const target of report.targets) {
      expect(target.suite).toBe('modem');
      expect(Number.isFinite(target.ratio)).toBe(true);
      expect(target.pass).toBe(target.ratio >= target.goal);
    }

    const text = lines.join('\n');
    expect(text).toContain('--- unpaced pty');
    expect(text).toContain('--- commandGapMs through the driver');
    expect(text).toContain('--- paced at 115,200 baud');
    expect(text).toMatch(/exchanges\/s at most/);
    expect(lines.filter((l) => /^(PASS|FAIL) {2}\S/.test(l))).toHaveLength(6);
  }, 30_000);
});

describe('the line limit', () => {
  test('counts both directions, since each step of AT+CMGS waits for the previous one', () => {
    const result = summarise('x', [
      { messages: 10, ms: 1000, cpuUs: 1, simCpuUs: 1, txBytes: 1000, rxBytes: 200 },
    ]);
    const share = lineShare(result, 115_200);
    expect(share.bytesPerSecond).toBe(11_520);
    expect(share.bytesPerExchange).toBe(120);
    expect(share.limit).toBeCloseTo(96);
    expect(share.share).toBeCloseTo(10 / 96);
  });
});

describe('settings and messages', () => {
  test('read --messages, --rounds and --seed, and refuse nonsense', () => {
    const options = new Map([
      ['messages', '500'],
      ['rounds', '2'],
    ]);
    const settings = settingsFor({ quick: false, options });
    expect(settings.messages).toBe(500);
    expect(settings.rounds).toBe(2);
    expect(() => settingsFor({ quick: true, options: new Map([['rounds', '0']]) })).toThrow(
      RangeError,
    );
  });

  test('are single-part PDUs whose length is the TPDU after the SCA octet', () => {
    const set = buildPdus(50, 7);
    expect(set.pdus).toHaveLength(50);
    for (const pdu of set.pdus) {
      expect(pdu.hex).toMatch(/^00(?:[0-9A-F]{2})+$/);
      expect(pdu.hex.length / 2 - 1).toBe(pdu.length);
    }
    expect(buildPdus(50, 7)).toEqual(set);
  });
});
