/**
 * Runs async tasks one after another. The inbox uses it so that a +CMTI read, a sweep and a
 * +CDSI read never interleave: each reads, waits for the handler and deletes before the next
 * looks at the storage, so an index is never handled twice at once or deleted under a reader.
 * A failing task does not stop the ones behind it.
 */
export class SerialWorker {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Tasks waiting or running. */
  get size(): number {
    return this.queued;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => this.queued--,
      () => this.queued--,
    );
    return result;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
