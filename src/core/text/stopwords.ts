import type { Lang } from '../data/schema.js';

/**
 * Function words that carry no topic, per language: ignored when measuring how
 * much of a question the domain vocabulary covers (the classifier still sees
 * them). Written in normalised form (lower case, ё → е, Persian letters, no ZWNJ).
 */
const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

export const STOPWORDS: Record<Lang, Set<string>> = {
  en: words(
    'a an the and or but if of to in on at by for with from about as into over under after before between through during per upon via toward towards across along among around regarding concerning ' +
      'is are was were be been being am do does did done doing have has had having will would shall should can could may might must ' +
      'i me my we our us you your he him his she her it its they them their this that these those there here ' +
      'what which who whom whose when where why how whats hows wheres whos ' +
      'now then today currently still yet already ever anymore ' +
      'meant intended supposed theyre theyve theyll theyd youre youve youll im ive weve hes shes thats theres heres whove isnt arent wasnt werent havent hasnt hadnt wont wouldnt cant couldnt shouldnt ' +
      'terms ngl tbh idk imo pls plz please dont don t doesnt didnt gimme wanna gonna kinda sorta ya yo u ur hey bit real quick quickly stuff thing things like just basically actually ' +
      'not no yes so just also too very really any some all more most much many such than then now still ' +
      'tell say said know explain give show please thanks thank ok okay hey hi hello yo bro dude mate ' +
      'up out off down again ever even only own same other another each both either neither ' +
      'thing things stuff anything something everything lot lots kind sort way get got going go goes gonna wanna want let like think lol lmao rofl nah yeah yep nope fr bruh honestly curious wondering wonder idea bot wait',
  ),
  ru: words(
    'а и или но если то что чтобы как так же ли не ни да нет в во на к ко с со от до по за из у о об обо при про для без над под между через ' +
      'это этот эта эти тот та те там тут здесь вот уже еще ещё все всё весь вся очень просто тоже также только даже сейчас теперь ' +
      'я мы ты вы он она оно они меня мне нас нам вас вам его ему ее её ей их им них ними себя свой свои ' +
      'кто что какой какая какое какие каков какова каково каковы когда где куда откуда почему зачем сколько чем чему ' +
      'есть был была было были будет будут быть бы можно нужно надо может могут сможет смогут мог могла могли смогли скажи расскажи расскажите объясни подскажи пожалуйста ну привет спасибо',
  ),
  fa: words(
    'و یا اما اگر که تا از به با در برای بر بی بین درباره مورد این آن اینها آنها اینجا آنجا همه هم نیز فقط خیلی الان اکنون هنوز ' +
      'من ما تو شما او وی آنها ایشان مرا ما را تو را خود ' +
      'چه چی چیست چیه چرا کی کجا کدام چطور چگونه چقدر چند آیا ' +
      'است هست هستند بود بودند شد شده شود می باشد دارد دارند داشت کرد کرده کند کنند میتواند میتوانند بتواند بتوانند ' +
      'را رو هم یک یه لطفا بگو بگید توضیح سلام ممنون مرسی',
  ),
};
