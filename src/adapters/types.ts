/** A platform adapter: started and stopped by main; everything else is its own business. */
export interface Adapter {
  readonly name: string;
  /** Resolves once the adapter is receiving messages. */
  start(): Promise<void>;
  /** Stops receiving, finishes in-flight work, releases connections. */
  stop(): Promise<void>;
  /**
   * Settles with the error if the adapter dies after start for good (e.g. a
   * revoked token, another instance polling): main then stops the process.
   */
  readonly fatal?: Promise<Error>;
}
