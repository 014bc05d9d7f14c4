/**
 * Builds the configured PowerControl from plain configuration (a config file, the CLI):
 * validated here, so a typo fails at startup with MODEM_POWER_CONFIG naming the field rather
 * than during the first recovery, when nobody is watching. `open()` runs too: a missing
 * `gpioset` or `johnny-five`, or an absent board, is reported at startup the same way.
 */
import { GpioPowerControl, type GpioPowerOptions, type PowerDeps } from './GpioPowerControl.js';
import type { JohnnyFiveLoader } from './johnnyFiveAdapter.js';
import { JohnnyFivePowerControl, type JohnnyFivePowerOptions } from './JohnnyFivePowerControl.js';
import { NoPowerControl } from './NoPowerControl.js';
import type { PowerControl } from './PowerControl.js';
import { configError } from './powerErrors.js';

export type PowerConfig =
  | { readonly kind: 'none' }
  | ({ readonly kind: 'gpio' } & GpioPowerOptions)
  | ({ readonly kind: 'johnny-five' } & JohnnyFivePowerOptions);

export interface PowerFactoryDeps extends PowerDeps {
  /** How johnny-five is imported. @default a dynamic `import('johnny-five')` */
  readonly loadJohnnyFive?: JohnnyFiveLoader;
}

const KEYS: Record<PowerConfig['kind'], readonly string[]> = {
  none: ['kind'],
  gpio: [
    'kind',
    'chip',
    'line',
    'activeLow',
    'offMs',
    'bootWaitMs',
    'statusLed',
    'blinkMs',
    'commandTimeoutMs',
    'libgpiodVersion',
  ],
  'johnny-five': [
    'kind',
    'port',
    'relayPin',
    'relayType',
    'ledPin',
    'offMs',
    'bootWaitMs',
    'blinkMs',
    'connectTimeoutMs',
  ],
};

/**
 * Checks the shape of a power configuration: a known kind, no unknown keys (a misspelt
 * `activelow` would otherwise be ignored and the relay driven the wrong way), booleans
 * where booleans go. Values are checked by the controls' constructors.
 */
export function parsePowerConfig(value: unknown): PowerConfig {
  if (value === undefined) return { kind: 'none' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw configError('power', value, 'must be an object with a kind');
  }
  const config = value as Record<string, unknown>;
  const kind = config.kind;
  if (kind !== 'none' && kind !== 'gpio' && kind !== 'johnny-five') {
    throw configError('kind', kind, "must be 'none', 'gpio' or 'johnny-five'");
  }
  for (const key of Object.keys(config)) {
    if (!KEYS[kind].includes(key))
      throw configError(key, config[key], `is not a setting of the ${kind} power control`);
  }
  if (config.activeLow !== undefined && typeof config.activeLow !== 'boolean') {
    throw configError('activeLow', config.activeLow, 'must be true or false');
  }
  const led = config.statusLed as Record<string, unknown> | undefined;
  if (led !== undefined) {
    if (
      typeof led !== 'object' ||
      led === null ||
      Object.keys(led).some((k) => k !== 'line' && k !== 'activeLow')
    ) {
      throw configError('statusLed', led, 'must be { line, activeLow? }');
    }
    if (led.activeLow !== undefined && typeof led.activeLow !== 'boolean') {
      throw configError('statusLed.activeLow', led.activeLow, 'must be true or false');
    }
  }
  return config as unknown as PowerConfig;
}

/** Validates, constructs and opens the configured power control. */
export async function createPowerControl(
  config: unknown,
  deps: PowerFactoryDeps = {},
): Promise<PowerControl> {
  const parsed = parsePowerConfig(config);
  switch (parsed.kind) {
    case 'none':
      return new NoPowerControl();
    case 'gpio': {
      const { kind: _kind, ...options } = parsed;
      const control = new GpioPowerControl(options, deps);
      await control.open();
      return control;
    }
    case 'johnny-five': {
      const { kind: _kind, ...options } = parsed;
      const { loadJohnnyFive: loader, clock, logger } = deps;
      const control = new JohnnyFivePowerControl(options, { loader, clock, logger });
      await control.open();
      return control;
    }
  }
}
