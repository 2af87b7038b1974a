import type { KnowledgeBase, Topic } from '../data/schema.js';
import { STOPWORDS } from '../text/stopwords.js';
import { stem } from '../text/stem.js';
import type { EntityFinder } from './entities.js';

/** A source paragraph's own heading: the words before its first colon ("Middle East Policy Adjustments: The collapse…"). */
const HEADING = /^([^:.!?\n]{3,80}):\s/u;
const MAX_HEADING_WORDS = 8;

/** A source's section heading and the topic whose claims quote its paragraph most. */
interface Heading {
  stems: string[];
  topic: Topic;
}

export interface HeadingIndex {
  /** The topic a question names by its section's heading in the source (every content word of a heading of two or more). */
  topicNamed(stems: readonly string[]): Topic | undefined;
  /** The content words of a topic's section headings, which the topic knows as its own. */
  stemsOf(topicId: string): readonly string[];
}

/**
 * The source's section headings, as people quote them ("the Middle East policy adjustments section"):
 * English only, the language of the sources. A heading belongs to the topic that quotes its paragraph most.
 */
export function createHeadingIndex(kb: KnowledgeBase, finder: EntityFinder): HeadingIndex {
  const stop = new Set([...STOPWORDS.en].map((w) => stem(w)));
  const headings: Heading[] = [];
  for (const [sourceId, paragraphs] of Object.entries(kb.sourceTexts)) {
    paragraphs.forEach((paragraph, n) => {
      const title = HEADING.exec(paragraph)?.[1];
      if (!title || title.split(/\s+/u).length > MAX_HEADING_WORDS) return;
      const counts = new Map<Topic, number>();
      for (const topic of kb.topics)
        for (const claim of topic.claims)
          if ((claim.source ?? topic.source.id) === sourceId && (claim.paragraph ?? (claim.source ? undefined : topic.source.paragraph)) === n)
            counts.set(topic, (counts.get(topic) ?? 0) + 1);
      const topic = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      const stems = [...new Set(finder.stemsOf(title).filter((s) => !stop.has(s)))];
      if (topic && stems.length >= 2) headings.push({ stems, topic });
    });
  }
  return {
    topicNamed(stems) {
      const asked = new Set(stems);
      return headings.filter((h) => h.stems.every((s) => asked.has(s))).sort((a, b) => b.stems.length - a.stems.length)[0]?.topic;
    },
    stemsOf: (topicId) => headings.filter((h) => h.topic.id === topicId).flatMap((h) => h.stems),
  };
}
