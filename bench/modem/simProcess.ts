/**
 * The parent's handle on `simChild`: starts it, waits for the pty path, and asks it to
 * change the line speed or to report (and reset) what it accepted.
 *
 * Built (`dist/bench/modem/simChild.js`) it runs on plain node; from the TypeScript sources
 * (vitest) through tsx's loader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface, type Interface } from 'node:readline';

export interface SimTake {
  /** SMS-SUBMITs the simulated network accepted since the previous take. */
  readonly sent: number;
  /** CPU time (user + system, µs) the simulator's process used since the previous take. */
  readonly cpuUs: number;
}

interface Reply {
  readonly id?: number;
  readonly path?: string;
  readonly sent?: number;
  readonly cpuUs?: number;
}

/** Generous: a safety net if the child dies or hangs, never a wait the bench relies on. */
const REPLY_TIMEOUT_MS = 20_000;

export class SimProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: Interface,
    /** The stable symlink to the simulated modem's pty. */
    readonly path: string,
  ) {
    lines.on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      const resolve = reply.id === undefined ? undefined : this.waiting.get(reply.id);
      if (resolve === undefined) return;
      this.waiting.delete(reply.id as number);
      resolve(reply);
    });
  }

  static async start(baudRate = 0): Promise<SimProcess> {
    const script = new URL(`./simChild${extensionOf(import.meta.url)}`, import.meta.url);
    const loader = extensionOf(import.meta.url) === '.ts' ? ['--import', 'tsx'] : [];
    const child = spawn(process.execPath, [...loader, fileURLToPath(script), String(baudRate)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
    try {
      const first = await withTimeout(
        new Promise<Reply>((resolve, reject) => {
          lines.once('line', (line) => resolve(JSON.parse(line) as Reply));
          child.once('exit', (code) =>
            reject(new Error(`simChild exited (${code}) before booting`)),
          );
          child.once('error', reject);
        }),
        'simChild boot',
      );
      if (first.path === undefined) throw new Error(`simChild said ${JSON.stringify(first)}`);
      return new SimProcess(child, lines, first.path);
    } catch (error) {
      child.kill();
      lines.close();
      throw error;
    }
  }

  /** Line speed of the simulated modem, both directions; 0 = as fast as the pty goes. */
  async setBaudRate(baudRate: number): Promise<void> {
    await this.request({ op: 'baud', value: baudRate });
  }

  /** What the modem accepted, and the CPU its process used, since the previous call. */
  async take(): Promise<SimTake> {
    const reply = await this.request({ op: 'take' });
    return { sent: reply.sent ?? 0, cpuUs: reply.cpuUs ?? 0 };
  }

  /** Closes the child's stdin (it stops the host and exits) and waits for it. */
  async stop(): Promise<void> {
    const { child } = this;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    await withTimeout(exited, 'simChild exit').catch(() => {
      child.kill('SIGKILL');
    });
    this.lines.close();
  }

  private request(body: { op: string; value?: number }): Promise<Reply> {
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve) => this.waiting.set(id, resolve));
    this.child.stdin?.write(`${JSON.stringify({ id, ...body })}\n`);
    return withTimeout(reply, `simChild ${body.op}`);
  }
}

function extensionOf(url: string): string {
  return url.endsWith('.ts') ? '.ts' : '.js';
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const safety = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${REPLY_TIMEOUT_MS} ms`)),
      REPLY_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, safety]).finally(() => clearTimeout(timer));
}
