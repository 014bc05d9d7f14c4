import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadTranscript, parseTranscript, replay, unescape } from './transcriptReplay.js';

const FIXTURES = readdirSync(new URL('../fixtures/modem/', import.meta.url)).filter((name) =>
  name.endsWith('.txt'),
);

describe('recorded modem transcripts replayed through the engine', () => {
  test('there is a transcript for each modem family we support', () => {
    expect(FIXTURES.sort()).toEqual([
      'huawei-e173.txt',
      'quectel-ec25.txt',
      'sim7600.txt',
      'sim800.txt',
    ]);
  });

  test.for(FIXTURES)('%s replays with every result and URC as recorded', async (name) => {
    const steps = loadTranscript(name);
    expect(steps.filter((s) => s.kind === 'result').length).toBeGreaterThan(5);
    await replay(steps);
  });
});

describe('transcript format', () => {
  test('escapes decode to the bytes they name', () => {
    expect(unescape('\\r\\n>\\x20\\\\')).toBe('\r\n> \\');
  });

  test('a diverging transcript fails the replay', async () => {
    const steps = parseTranscript(['>> AT', '<< \\r\\nERROR\\r\\n', '== ok'].join('\n'));
    await expect(replay(steps)).rejects.toThrow(/transcript line 3/);
  });

  test('an unknown tag is reported with its line number', () => {
    expect(() => parseTranscript('# fine\n?? what')).toThrow(/line 2/);
  });
});
