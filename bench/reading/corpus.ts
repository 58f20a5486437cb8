/**
 * The reading benchmark's mail: N messages made up deterministically (a seeded generator),
 * so Tern's cache, Tern's index and FlexSearch all see exactly the same text. Words follow
 * a skewed distribution over a 6,000-word vocabulary, as real text does: a few words are in
 * most messages, most words in few.
 */
export interface CorpusMessage {
  uid: number;
  fromName: string;
  fromAddress: string;
  to: string;
  subject: string;
  body: string;
  date: number;
  seen: boolean;
  flagged: boolean;
  attachment: boolean;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const syllables = ['ka', 'lo', 'mi', 'ne', 'ra', 'tu', 'sa', 'vel', 'dor', 'an', 'is', 'por', 'ten', 'gra', 'bu', 'che', 'fin', 'ost', 'wel', 'zu'];

export function vocabulary(size = 6000): string[] {
  const next = random(7);
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => syllables[Math.floor(next() * syllables.length)]).join(''));
  }
  return [...words];
}

export function makeCorpus(count: number): CorpusMessage[] {
  const next = random(42);
  const words = vocabulary();
  // Skewed: index ~ size * r^3 puts most draws on the first words.
  const word = () => words[Math.floor(words.length * next() ** 3)]!;
  const phrase = (n: number) => Array.from({ length: n }, word).join(' ');
  const people = Array.from({ length: 2000 }, (_, i) => ({ name: `${phrase(1)} ${phrase(1)}`, address: `person${i}@example${i % 50}.org` }));
  const start = Date.UTC(2020, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const from = people[Math.floor(people.length * next() ** 2)]!;
    return {
      uid: i + 1,
      fromName: from.name,
      fromAddress: from.address,
      to: people[Math.floor(next() * people.length)]!.address,
      subject: (next() < 0.3 ? 'Re: ' : '') + phrase(3 + Math.floor(next() * 5)),
      body: phrase(30 + Math.floor(next() * 30)),
      // About one message every 25 minutes, in order, with some sharing a minute.
      date: start + i * 1_500_000 - (i % 7 === 0 ? 60_000 : 0),
      seen: next() < 0.8,
      flagged: next() < 0.05,
      attachment: next() < 0.15,
    };
  });
}

/** Query words: frequent, middling and rare words of the vocabulary, and prefixes being typed. */
export function queries(): string[] {
  const words = vocabulary();
  const picks = [0, 3, 10, 40, 150, 400, 900, 1500, 2500, 4000, 5500];
  const terms = picks.map((i) => words[i]!);
  return [...terms, ...terms.map((t) => t.slice(0, 3)), ...picks.slice(0, 6).map((i, n) => `${words[i]} ${words[picks[n + 4]!]}`)];
}
