import { describe, expect, test } from 'vitest';
import {
  checkChip,
  checkLine,
  parseGpiofind,
  parseGpiosetVersion,
  pulseCalls,
  setCall,
} from '../../../device/modem/power/gpiosetArgs.js';

const target = { chip: 'gpiochip0', line: '17' };

describe('parseGpiosetVersion', () => {
  test.each([
    ['gpioset (libgpiod) v1.6.3\nCopyright (C) 2017-2018 Bartosz Golaszewski', 1],
    ['gpioset (libgpiod) v1.4.1', 1],
    ['gpioset (libgpiod) v2.1.3\nCopyright (C) 2017-2023 Bartosz Golaszewski', 2],
    ['gpioset v2.2 (libgpiod v2.2.1)\nCopyright (C) 2017-2023 Bartosz Golaszewski', 2],
    ['gpioset: invalid option', undefined],
    ['gpioset (libgpiod) v3.0.0', undefined],
  ])('%j is libgpiod %s', (stdout, major) => {
    expect(parseGpiosetVersion(stdout)).toBe(major);
  });
});

describe('argv per libgpiod major', () => {
  test('v1: hold with --mode=time, then a plain set that exits at once', () => {
    expect(pulseCalls(1, target, 1, 3000)).toEqual([
      { args: ['--mode=time', '--sec=3', '--usec=0', 'gpiochip0', '17=1'], holdMs: 3000 },
      { args: ['gpiochip0', '17=0'], holdMs: 0 },
    ]);
    expect(setCall(1, target, 1).args).toEqual(['gpiochip0', '17=1']);
  });

  test('v2: -t <ms>ms,0 holds, toggles back and exits; -t 0 sets and exits', () => {
    expect(pulseCalls(2, target, 0, 250)).toEqual([
      { args: ['-c', 'gpiochip0', '-t', '250ms,0', '17=0'], holdMs: 250 },
    ]);
    expect(setCall(2, target, 0).args).toEqual(['-c', 'gpiochip0', '-t', '0', '17=0']);
  });
});

describe('strict chip and line validation', () => {
  test.each(['gpiochip0', 'gpiochip12', '/dev/gpiochip4', '0'])('accepts chip %s', (chip) => {
    expect(checkChip(chip)).toBe(chip);
  });

  test.each([
    '',
    'gpiochip',
    '-c',
    '--chip=gpiochip0',
    'gpiochip0 ',
    '/dev/sda',
    '/dev/../gpiochip0',
    7,
  ])('refuses chip %j', (chip) => {
    expect(() => checkChip(chip)).toThrow(expect.objectContaining({ code: 'MODEM_POWER_CONFIG' }));
  });

  test('accepts offsets as numbers or digits, and Raspberry Pi line names', () => {
    expect(checkLine(17)).toEqual({ offset: 17 });
    expect(checkLine('4')).toEqual({ offset: 4 });
    expect(checkLine('GPIO17')).toEqual({ name: 'GPIO17' });
    expect(checkLine('SPI_CE0_N')).toEqual({ name: 'SPI_CE0_N' });
  });

  test.each(['17=1', '-l', 'a b', 'GPIO17\n', '"GPIO17"', "'x'", '', '_x', 2000, 0.5])(
    'refuses line %j',
    (line) => {
      expect(() => checkLine(line)).toThrow(
        expect.objectContaining({ code: 'MODEM_POWER_CONFIG' }),
      );
    },
  );

  test('reads gpiofind output and nothing else', () => {
    expect(parseGpiofind('gpiochip0 17\n')).toEqual({ chip: 'gpiochip0', line: '17' });
    expect(parseGpiofind('gpiochip0 17 extra\n')).toBeUndefined();
    expect(parseGpiofind('')).toBeUndefined();
  });
});
