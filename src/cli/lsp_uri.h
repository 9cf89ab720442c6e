/*
 * lsp_uri: between the `file:` URIs a client names documents by and the
 * paths the command line uses to find a document's .framelint.yml.
 * Strings returned are malloc'd; the caller frees them with free().
 */
#ifndef FL_LSP_URI_H
#define FL_LSP_URI_H

/**
 * The local path a `file:` URI names ("file:///a/b%20c.md" gives "/a/b c.md";
 * an empty host or "localhost" only). NULL for another scheme, a remote
 * host, a malformed or NUL escape, or when out of memory.
 */
char *lsp_uri_to_path(const char *uri);

/** The `file://` URI of an absolute path, with every byte other than
 *  RFC 3986's unreserved characters and '/' percent-encoded; NULL when out
 *  of memory. */
char *lsp_path_to_uri(const char *path);

/** The last segment of a URI's path, decoded where it can be
 *  ("untitled:Untitled-1" gives "Untitled-1"); NULL when out of memory. */
char *lsp_uri_name(const char *uri);

#endif
