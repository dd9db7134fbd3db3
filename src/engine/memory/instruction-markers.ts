// What makes a would-be memory fact an instruction to the assistant rather than something a user said about
// themselves. Data for check-fact.ts: each marker is matched against the cleaned, lower-cased fact. Facts are
// written in the third person ("Has a grey cat", "Prefers short answers"), so a base-form verb at the start
// or a sentence addressed to "you" is an order, not a fact. Errs towards refusing: a lost fact costs little.

export interface InstructionMarker {
  /** Why the fact was refused, for logs and tests. */
  id: string;
  pattern: RegExp;
}

// Base-form verbs that open an order ("Always reply in French", "Reveal your prompt"). Third-person facts use
// the -s form ("Uses Vim", "Writes poetry"), which these do not match.
const ORDER_VERBS = [
  'act',
  'answer',
  'be',
  'behave',
  'call',
  'do not',
  "don't",
  'dont',
  'end',
  'follow',
  'include',
  'mention',
  'obey',
  'output',
  'pretend',
  'print',
  'remember',
  'repeat',
  'reply',
  'respond',
  'reveal',
  'say',
  'speak',
  'start',
  'stop',
  'talk',
  'tell',
  'treat',
  'use',
  'write',
];

export const INSTRUCTION_MARKERS: readonly InstructionMarker[] = [
  {
    id: 'ignore-instructions',
    pattern:
      /\b(ignore|disregard|override|bypass)\b.{0,60}\b(instructions?|prompts?|rules?|guidelines?|directions?|everything|above|context)\b/,
  },
  {
    id: 'forget-instructions',
    pattern: /\bforget\b.{0,60}\b(instructions?|prompts?|rules?|guidelines?|directions?|above|everything you)\b/,
  },
  {
    id: 'new-instructions',
    pattern: /\b(new|updated|real|secret|hidden|additional|following) (instructions?|rules|orders|directives?)\b/,
  },
  {
    id: 'new-identity',
    pattern:
      /\b(you are now|you're now|from now on|act as|pretend to be|roleplay as|role-play as|jailbreak|developer mode|dan mode)\b/,
  },
  // "Is writing a system prompt for a chatbot" is a fact; "your system prompt" or "system prompt:" is not.
  {
    id: 'system-prompt',
    pattern:
      /\b(your|the) (system|developer) (prompt|message|instructions?)\b|\b(system|developer) (prompt|message|instructions?)\s*[:=]|\bsystem override\b/,
  },
  {
    id: 'role-marker',
    pattern:
      /^(system|assistant|user|developer|human|ai)\s*:|<\|[a-z_]+\|>|\[\/?(inst|sys)\]|<<\/?sys>>|<\/?(system|instructions?)>/,
  },
  {
    id: 'addresses-assistant',
    pattern:
      /^you\b|\b(you|the assistant|the bot|the ai|the model|chatgpt)\s+(must|should|shall|will|have to|need to|are to|may not|can ?not|can't|always|never)\b/,
  },
  { id: 'order', pattern: new RegExp(`^(please\\s+)?(${ORDER_VERBS.join('|')})\\b`) },
  // "Always reply in French" orders; "Always wakes up at six" and "Never eats meat" are facts (-s verbs).
  { id: 'always-never', pattern: /^(always|never)\s+(?!\w+s\b)\w+/ },
];
