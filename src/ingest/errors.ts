/** A file that cannot be ingested; the message names the file and the reason. */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'IngestError';
  }
}
