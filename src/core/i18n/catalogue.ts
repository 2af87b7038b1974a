import type { en } from './en/index.js';
import type { SectionOf } from './section.js';

/** The shape every language's interface text has: every key of the English catalogue (the type checker sees to it). */
export type Catalogue = SectionOf<typeof en>;
