/**
 * Context windows (input token limits) for catalogue models whose genai-prices 0.1.8 entry has none,
 * keyed by the catalogue's model id. Used only when the catalogue (and custom settings) say nothing.
 */
export const CONTEXT_WINDOW_FALLBACKS: Readonly<Record<string, { tokens: number; source: string }>> = {
  'gemini-2.5-pro': { tokens: 1_048_576, source: 'Google AI for Developers, Gemini models: gemini-2.5-pro input token limit 1,048,576' },
  'gemini-2.5-flash-preview': { tokens: 1_048_576, source: 'Google AI for Developers, Gemini models: gemini-2.5-flash input token limit 1,048,576' },
  'gemini-3-pro-preview': { tokens: 1_048_576, source: 'Google AI for Developers, Gemini models: gemini-3-pro-preview input token limit 1,048,576' },
  'gemini-3.1-pro-preview': { tokens: 1_048_576, source: 'Google AI for Developers, Gemini models: gemini-3.1-pro-preview input token limit 1,048,576' },
  'gpt-4.5-preview': { tokens: 128_000, source: 'OpenAI platform docs, GPT-4.5 preview: 128,000 context window' },
};
