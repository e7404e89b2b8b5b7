import { setTimeout as delay } from 'node:timers/promises';
import { DEMO_HASHING, FeatureHasher, tokenize } from '../../core/feature-hashing';
import { modelInputError } from './endpoint-errors';

/** The longest question the assistant reads, in characters. */
export const MAX_QUESTION_LENGTH = 4000;
/** Words of the question it explains one by one; the rest are counted. */
const EXPLAINED_WORDS = 12;

export interface AssistantInput {
  question: string;
  chat_history: unknown[];
}

export const ASSISTANT_INPUT_EXAMPLE: AssistantInput = {
  question: 'How does feature hashing turn this sentence into numbers?',
  chat_history: [],
};

/** Reads a prompt flow's chat input `{"question": "...", "chat_history": [...]}`. */
export function readAssistantInput(body: unknown): AssistantInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw modelInputError(
      'The request body must be a JSON object: {"question": "...", "chat_history": []}.',
    );
  const { question, chat_history: history } = body as Record<string, unknown>;
  if (typeof question !== 'string' || question.trim() === '')
    throw modelInputError('"question" must be a non-empty string.');
  if (question.length > MAX_QUESTION_LENGTH)
    throw modelInputError(
      `"question" has ${question.length} characters; this flow reads at most ${MAX_QUESTION_LENGTH}.`,
    );
  if (history !== undefined && !Array.isArray(history))
    throw modelInputError('"chat_history" must be an array (of earlier turns), e.g. [].');
  return { question, chat_history: history ?? [] };
}

/**
 * The answer, deterministic for a question: it explains, with the tutorial's real hashing
 * (bitsize 3, 2-grams), where the question's words land. Long enough (100+ tokens) that a
 * stream can be stopped half-way.
 */
export function answerQuestion(input: AssistantInput): string {
  const hasher = new FeatureHasher(DEMO_HASHING);
  const words = tokenize(input.question);
  const width = hasher.width;
  const explained = words.slice(0, EXPLAINED_WORDS).map((word) => {
    const column = (hasher.tokenHash(word) & hasher.mask) >>> 0;
    return `"${word}" goes to column ${column}`;
  });
  const more = words.length - explained.length;
  const counts = hasher.featureCells(input.question).join(', ');
  const turns = input.chat_history.length;
  return [
    `You asked: "${input.question.trim()}".`,
    `Feature hashing, as the tutorial's experiment does it, splits the text on whitespace and hashes each word with MurmurHash3, then keeps the lowest ${DEMO_HASHING.bitSize} bits of the hash, so every word lands in one of ${width} columns.`,
    `In your question, ${explained.join(', ')}${more > 0 ? `, and ${more} more word${more === 1 ? '' : 's'} follow the same rule` : ''}.`,
    `Pairs of neighbouring words (2-grams) are hashed too, by folding the two word hashes together, and counted in the same ${width} columns.`,
    `The counts for your question are [${counts}]: that row of numbers is what a model downstream would read instead of the words.`,
    `Two different words can share a column (a collision); a larger bitsize makes that rarer at the cost of more columns.`,
    turns > 0
      ? `(I have read the ${turns} earlier turn${turns === 1 ? '' : 's'} of this chat.)`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The answer cut into the pieces it streams: each word with the whitespace before it. */
export function answerTokens(answer: string): string[] {
  return answer.match(/\s*\S+/g) ?? [];
}

/**
 * Yields the tokens one by one, `delayMs` apart, as a language model produces them. Stops
 * (without throwing) as soon as `signal` aborts: a client that goes away costs no more work.
 */
export async function* paceTokens(
  tokens: readonly string[],
  delayMs: number,
  signal: AbortSignal,
): AsyncGenerator<string> {
  for (const token of tokens) {
    if (signal.aborted) return;
    if (delayMs > 0) {
      try {
        await delay(delayMs, undefined, { signal });
      } catch {
        return;
      }
    }
    yield token;
  }
}

/**
 * One server-sent event as prompt flow writes it: `data: {"answer": "..."}` (Python's
 * json.dumps spacing) and a blank line.
 */
export function answerEvent(delta: string): string {
  return `data: {"answer": ${JSON.stringify(delta)}}\n\n`;
}
