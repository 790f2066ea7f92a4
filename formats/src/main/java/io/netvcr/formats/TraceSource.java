package io.netvcr.formats;

import java.io.InputStream;

/**
 * An opened input: the name to use in messages, a stream positioned at the first byte of the (already
 * decompressed) trace, and the options for the reader.
 *
 * @param name file name for messages ("-" shown as "&lt;stdin&gt;")
 * @param in buffered stream, decompressed
 * @param options reader options
 */
public record TraceSource(String name, InputStream in, ReaderOptions options) {}
