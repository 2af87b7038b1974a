/** A platform adapter: started and stopped by main; everything else is its own business. */
export interface Adapter {
  readonly name: string;
  /** Resolves once the adapter is receiving messages. */
  start(): Promise<void>;
  /** Stops receiving, finishes in-flight work, releases connections. */
  stop(): Promise<void>;
}
