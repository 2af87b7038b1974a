/**
 * Function words that carry no topic: ignored when measuring how much of a
 * question the domain vocabulary covers (the classifier still sees them).
 */
export const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from about as into over after before between through during ' +
    'is are was were be been being am do does did done doing have has had having will would shall should can could may might must ' +
    'i me my we our us you your he him his she her it its they them their this that these those there here ' +
    'what which who whom whose when where why how whats hows wheres whos ' +
    'not no yes so just also too very really any some all more most much many such than then now still ' +
    'tell say said know explain give show please thanks thank ok okay hey hi hello yo bro dude mate ' +
    'up out off down again ever even only own same other another each both either neither ' +
    'thing things stuff lot lots kind sort way ' +
    'get got going go goes gonna wanna want let like think' 
  ).split(/\s+/).filter(Boolean),
);
