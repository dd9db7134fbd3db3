// Removes the reasoning that models such as DeepSeek-R1 or Qwen3 write inside <think>...</think> from the
// answer text, so only the answer is shown, voted on and exported.

export function stripThinking(text: string): string {
  let answer = text.replace(/<think>[\s\S]*?<\/think>/g, '');
  // Templates that open the block themselves leave only the closing tag in the output.
  const closing = answer.lastIndexOf('</think>');
  if (closing !== -1) answer = answer.slice(closing + '</think>'.length);
  // An unclosed block means the reasoning ran out of tokens: there is no answer after it.
  const opening = answer.indexOf('<think>');
  if (opening !== -1) answer = answer.slice(0, opening);
  return answer.trim();
}
