// What reaches the wire: a user turn with images becomes OpenAI content parts; every other turn stays text.
import { describe, expect, it } from 'vitest';
import { requestBody } from '../../../src/llm/request-body.ts';

describe('requestBody', () => {
  it('sends a user turn’s images as image_url parts after its text', () => {
    const body = requestBody(
      {
        model: 'vision-model',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'what is this?', images: ['data:image/png;base64,AAAA'] },
        ],
      },
      'off',
    );
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ]);
  });

  it('sends an image alone without an empty text part, and plain turns as strings', () => {
    const body = requestBody(
      {
        model: 'm',
        messages: [
          { role: 'user', content: '', images: ['https://cdn.example/cat.png'] },
          { role: 'assistant', content: 'A cat.' },
        ],
      },
      'off',
    );
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://cdn.example/cat.png' } }] },
      { role: 'assistant', content: 'A cat.' },
    ]);
  });
});
