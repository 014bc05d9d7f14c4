import { describe, expect, test } from 'vitest';
import { runCliInProcess } from '../../helpers/cliHarness.js';

describe('gsmgate segment', () => {
  test('prints the contract fields for one text', async () => {
    const run = await runCliInProcess(['segment', '--json', 'a'.repeat(161)]);
    expect(run.status).toBe(0);
    expect(run.json).toEqual([
      {
        profile: 'generic',
        encoding: 'gsm7',
        segments: 2,
        credits: 2,
        units: 161,
        remaining: 145,
        parts: ['a'.repeat(153), 'a'.repeat(8)],
      },
    ]);
  });

  test('adds substitutions only when transliteration changed something', async () => {
    const changed = await runCliInProcess(['segment', '--transliterate', '--json', 'l’été']);
    expect(changed.json[0]).toMatchObject({
      encoding: 'gsm7',
      substitutions: [{ index: 1, from: '’', to: "'" }],
    });
    const unchanged = await runCliInProcess(['segment', '--transliterate', '--json', 'merci']);
    expect(unchanged.json[0]).not.toHaveProperty('substitutions');
  });

  test('applies the cely profile: its mention is counted and its refusals exit 2', async () => {
    const ok = await runCliInProcess(['segment', '--profile', 'cely', '--json', 'Reçu']);
    expect(ok.json[0]).toMatchObject({ profile: 'cely', encoding: 'gsm7', units: 4 + 9 });
    const refused = await runCliInProcess(['segment', '--profile', 'cely', '--json', 'Bonne fête']);
    expect(refused.status).toBe(2);
    expect(refused.json[0]).toMatchObject({
      error: {
        code: 'PROFILE_CHARSET',
        profile: 'cely',
        count: 1,
        characters: [{ char: 'ê', column: 8 }],
      },
    });
  });

  test('an unknown profile exits 2 with a typed error', async () => {
    const run = await runCliInProcess(['segment', '--profile', 'nope', '--json', 'x']);
    expect(run.status).toBe(2);
    expect(run.json[0]).toMatchObject({ error: { code: 'PROFILE_UNKNOWN' } });
  });

  test('without TEXT reads JSON Lines from stdin and answers each line', async () => {
    const input = [
      JSON.stringify({ text: 'bonjour' }),
      JSON.stringify({ text: 'ça va', profile: 'cely' }),
      '',
      'not json',
      JSON.stringify({ text: 12 }),
      JSON.stringify({ text: 'x'.repeat(1600), profile: 'sms4less' }),
    ].join('\n');
    const run = await runCliInProcess(['segment'], input);
    expect(run.status).toBe(2);
    expect(run.json).toHaveLength(5);
    expect(run.json[0]).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(run.json[1]).toMatchObject({ profile: 'cely', encoding: 'gsm7' });
    expect(run.json[2]).toMatchObject({ error: { code: 'CLI_BAD_JSON_LINE', line: 4 } });
    expect(run.json[3]).toMatchObject({ error: { code: 'SMS_BAD_TEXT', line: 5 } });
    expect(run.json[4]).toMatchObject({
      error: { code: 'PROFILE_TOO_LONG', limit: 'segments', line: 6 },
    });
  });

  test('prints a readable summary without --json', async () => {
    const run = await runCliInProcess(['segment', 'a'.repeat(161)]);
    expect(run.stdout).toContain(
      'gsm7: 2 segment(s), 2 credit(s), 161 septets, 145 left in the last segment',
    );
  });

  test('help lists the command', async () => {
    const run = await runCliInProcess(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('segment');
  });
});
