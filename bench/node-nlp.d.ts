// The parts of node-nlp (nlp.js 4, CommonJS, untyped) the benchmark uses.
declare module 'node-nlp' {
  namespace nodeNlp {
    interface NlpResult {
      intent: string;
      score: number;
    }
    class NlpManager {
      constructor(settings?: { languages?: string[]; [key: string]: unknown });
      addDocument(locale: string, utterance: string, intent: string): void;
      train(): Promise<unknown>;
      process(locale: string, utterance: string): Promise<NlpResult>;
    }
  }
  export = nodeNlp;
}
