/**
 * Puts a SimulatedModem behind a pseudo-terminal, so gsmgate (or minicom, or a test) opens it
 * with the real `serialport` binding like any USB modem.
 *
 * node-pty's `open()` gives a pty pair without spawning anything: `_master` (we read and write
 * it as the modem) and `_pty` (the slave path the client opens). node-pty also wraps the slave
 * fd in a socket that reads it and would steal the client's bytes, so we destroy that socket
 * at once and keep our own, never-read slave fd open instead: without any open slave fd the
 * master read fails with EIO until a client opens the slave (Linux pty semantics), and libuv
 * would stop reading. `stty raw -echo` on the slave switches off echo, CR/LF translation and
 * signal characters (Ctrl-Z is VSUSP in cooked mode!), so every byte passes unchanged both
 * ways whichever program is the client; serialport sets raw mode again when it opens.
 *
 * The client is given a stable symlink (`<dir>/modem`), not the `/dev/pts/N` path: vanishing
 * closes the pty and removes the link, restoring opens a new pty (a new N) and re-creates the
 * link, like `/dev/serial/by-id/…` across a USB re-enumeration.
 */
import { execFile } from 'node:child_process';
import { closeSync, constants as fsConstants, openSync } from 'node:fs';
import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { promisify } from 'node:util';
import { GatewayError } from '../../shared/GatewayError.js';
import { SimulatedModem } from './SimulatedModem.js';
import type { SimulatedModemOptions } from './SimModemOptions.js';

const run = promisify(execFile);

export interface PtyModemHostOptions extends SimulatedModemOptions {
  /** Directory for the stable symlink; created under the OS temp dir when absent. @default mkdtemp('gsmgate-sim-') */
  readonly dir?: string;
  /** A modem to host instead of a new one built from these options. */
  readonly modem?: SimulatedModem;
}

/** The parts of node-pty's `open()` result we use (they are not in its typings). */
interface PtyPair {
  readonly _master: Socket;
  readonly _slave: Socket;
  readonly _pty: string;
}

interface OpenPty {
  readonly master: Socket;
  /** Our slave fd: keeps the pty alive between clients; never read. */
  readonly holdFd: number;
  readonly devicePath: string;
}

export class PtyModemHost {
  private pty: OpenPty | undefined;
  private stopped = false;

  private constructor(
    readonly modem: SimulatedModem,
    /** The stable path to give to `--port` or SerialTransport. */
    readonly path: string,
    private readonly dir: string,
    private readonly ownsDir: boolean,
  ) {}

  /** Opens the pty and the symlink; the modem boots per its options. */
  static async start(options: PtyModemHostOptions = {}): Promise<PtyModemHost> {
    const modem = options.modem ?? new SimulatedModem(options);
    const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'gsmgate-sim-')));
    const host = new PtyModemHost(modem, join(dir, 'modem'), dir, options.dir === undefined);
    await host.openPty();
    return host;
  }

  /** The current `/dev/pts/N` behind the symlink; undefined while the port has vanished. */
  get devicePath(): string | undefined {
    return this.pty?.devicePath;
  }

  get present(): boolean {
    return this.pty !== undefined;
  }

  /** The port disappears (USB unplug): the client's reads fail, the symlink goes. */
  async vanishPort(): Promise<void> {
    const pty = this.pty;
    if (pty === undefined) return;
    this.pty = undefined;
    this.modem.detach();
    await unlink(this.path).catch(() => undefined);
    pty.master.destroy();
    closeSync(pty.holdFd);
  }

  /** The port comes back under the same symlink; `reboot` (default true) as a re-enumerated modem does. */
  async restorePort({ reboot = true }: { reboot?: boolean } = {}): Promise<void> {
    if (this.pty !== undefined || this.stopped) return;
    if (reboot) this.modem.reboot();
    await this.openPty();
  }

  /** Closes the pty, removes the symlink (and the temp dir it created) and stops the modem. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.vanishPort();
    this.modem.stop();
    if (this.ownsDir) await rm(this.dir, { recursive: true, force: true });
  }

  private async openPty(): Promise<void> {
    let pair: PtyPair;
    try {
      // Loaded lazily: only `gsmgate sim` and its tests need the native module.
      const pty = (await import('node-pty')) as unknown as { open(options: object): unknown };
      pair = pty.open({ encoding: null }) as PtyPair;
    } catch (cause) {
      throw new GatewayError(
        'MODEM_SIM_PTY_FAILED',
        'cannot open a pseudo-terminal',
        {},
        { cause },
      );
    }
    const devicePath = pair._pty;
    const holdFd = openSync(devicePath, fsConstants.O_RDWR | fsConstants.O_NOCTTY);
    pair._slave.destroy();
    try {
      await run('stty', ['-F', devicePath, 'raw', '-echo']);
    } catch (cause) {
      pair._master.destroy();
      closeSync(holdFd);
      throw new GatewayError(
        'MODEM_SIM_PTY_FAILED',
        'cannot set the pty to raw mode',
        { devicePath },
        { cause },
      );
    }
    const master = pair._master;
    // EIO/EBADF when the pty is torn down: the end of this link, not an error of the sim.
    master.on('error', () => undefined);
    master.on('data', (chunk: Buffer) => this.modem.receive(chunk));
    this.pty = { master, holdFd, devicePath };
    this.modem.attach({
      write: (bytes) => {
        if (!master.destroyed) master.write(bytes);
      },
    });
    await unlink(this.path).catch(() => undefined);
    await symlink(devicePath, this.path);
  }
}
