/**
 * The V8 old-space limit the language server runs with, in MB. The server's live data for a 5,000-file
 * workspace is about 100 MB (texts, finder results, a bounded cache of syntax trees; bench/), but without
 * a limit V8 lets the heap grow with garbage to over 800 MB before collecting (bench: peak RSS 977 MB vs
 * 408 MB with this limit, same scan time). The background scan stops before the heap gets near it
 * (server/src/features/workspace-scan.ts), so a larger workspace degrades instead of running out.
 */
export const SERVER_HEAP_LIMIT_MB = 384;

/** Node options the client starts the language server with (the benchmark starts it the same way). */
export const SERVER_EXEC_ARGV: readonly string[] = [`--max-old-space-size=${SERVER_HEAP_LIMIT_MB}`];
