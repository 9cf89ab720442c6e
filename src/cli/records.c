/*
 * records: reads a JSONL stream (one JSON object a line) record by record,
 * so that a corpus of millions of posts is linted in bounded memory: only
 * the line being parsed is held here. It never prints; a line that is not
 * a usable record is handed to the caller with its number, to say in order.
 */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_record_free(cli_record *rec)
{
    if (!rec)
        return;
    free(rec->id);
    free(rec->text);
    free(rec->date);
    free(rec);
}

/* A field as text: a string as it is, a whole number in decimal (ids are
 * often numbers). NULL when absent or of another type; `*oom` set when
 * copying failed. */
static char *field_text(const json_t *obj, const char *name, int *oom)
{
    const json_t *v = json_object_get(obj, name);
    char *s = NULL;
    if (json_is_string(v)) {
        s = malloc(json_string_length(v) + 1);
        if (s)
            memcpy(s, json_string_value(v), json_string_length(v) + 1);
    } else if (json_is_integer(v)) {
        s = malloc(24);
        if (s)
            snprintf(s, 24, "%lld", (long long)json_integer_value(v));
    } else {
        return NULL;
    }
    *oom |= !s;
    return s;
}

/* "md", "markdown", "html", "txt"/"text"/"plain": a record's own format. */
static int parse_format(const char *name, fl_format *out)
{
    static const struct { const char *name; fl_format fmt; } names[] = {
        {"md", FL_FORMAT_MARKDOWN}, {"markdown", FL_FORMAT_MARKDOWN},
        {"html", FL_FORMAT_HTML}, {"htm", FL_FORMAT_HTML}, {"txt", FL_FORMAT_PLAIN},
        {"text", FL_FORMAT_PLAIN}, {"plain", FL_FORMAT_PLAIN},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!strcmp(name, names[i].name)) {
            *out = names[i].fmt;
            return 0;
        }
    }
    return -1;
}

/* One line into a record: 0, 1 with `why` filled for a bad line, -1 when
 * out of memory. */
static int parse_line(const cli_record_fields *fields, const char *line, size_t len,
                      size_t number, cli_record **out, char *why, size_t why_size)
{
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    *out = NULL;
    if (!obj) {
        snprintf(why, why_size, "not JSON: %s", jerr.text);
        return 1;
    }
    int oom = 0, bad = 0;
    cli_record *rec = json_is_object(obj) ? calloc(1, sizeof *rec) : NULL;
    const json_t *text = json_object_get(obj, fields->text);
    const json_t *format = json_object_get(obj, "format");
    if (!json_is_object(obj)) {
        snprintf(why, why_size, "not a JSON object");
        bad = 1;
    } else if (!rec) {
        oom = 1;
    } else if (!json_is_string(text)) {
        snprintf(why, why_size, "no string field '%s'", fields->text);
        bad = 1;
    } else if (format && (!json_is_string(format) ||
                          parse_format(json_string_value(format), &rec->format) < 0)) {
        snprintf(why, why_size, "unknown format (md, html or txt)");
        bad = 1;
    } else {
        rec->len = json_string_length(text);
        rec->text = malloc(rec->len + 1);
        if (rec->text)
            memcpy(rec->text, json_string_value(text), rec->len + 1);
        oom |= !rec->text;
        rec->id = field_text(obj, fields->id, &oom);
        if (!rec->id && !oom) {
            /* No id: the line number still finds the record again. */
            rec->id = malloc(24);
            if (rec->id)
                snprintf(rec->id, 24, "%zu", number);
            oom |= !rec->id;
        }
        if (fields->date)
            rec->date = field_text(obj, fields->date, &oom);
        rec->line = number;
    }
    json_decref(obj);
    if (oom || bad) {
        cli_record_free(rec);
        return oom ? -1 : 1;
    }
    *out = rec;
    return 0;
}

int cli_records_read(const char *path, const cli_record_fields *fields,
                     const cli_record_reader *reader, char *why, size_t why_size)
{
    int is_stdin = !strcmp(path, "-");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(why, why_size, "%s", strerror(errno));
        return CLI_RECORDS_UNREADABLE;
    }
    char *line = NULL, bad[200];
    size_t cap = 0, number = 0;
    ssize_t got = 0;
    int rc = 0;
    while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
        number++;
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (!len)
            continue; /* a blank line, often the last: no record, no complaint */
        cli_record *rec;
        int p = parse_line(fields, line, len, number, &rec, bad, sizeof bad);
        if (p < 0)
            rc = CLI_RECORDS_NO_MEMORY;
        else if (p > 0)
            rc = reader->bad_line(reader->payload, number, bad);
        else
            rc = reader->record(reader->payload, rec);
    }
    /* getline gives -1 at the end and on failure alike: feof tells them apart. */
    if (rc == 0 && got < 0 && !feof(f)) {
        int out_of_memory = errno == ENOMEM && !ferror(f);
        snprintf(why, why_size, "read error: %s", strerror(errno));
        rc = out_of_memory ? CLI_RECORDS_NO_MEMORY : CLI_RECORDS_UNREADABLE;
    }
    free(line);
    if (!is_stdin)
        fclose(f);
    return rc;
}
