/*
 * freeze_rules: writes generated/rules_embedded.c, the project's rules/
 * folder inside the library. Each file is embedded twice: as written, and
 * as the tree libyaml makes of it, frozen in the byte format yaml_tree.h
 * describes, so that starting the command parses no YAML. A shipped rule
 * file that is not valid YAML fails the build here, with its position.
 * Usage: fl_freeze_rules RULES_DIR OUTPUT FILE...
 * (FILE is a path under RULES_DIR; the table names it "rules/<relative>".)
 * The output is rewritten only when it changes, so make rebuilds nothing
 * when the rules did not change.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "generated.h"
#include "yaml_tree.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s RULES_DIR OUTPUT FILE...\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1], *output = argv[2];
    size_t dirlen = strlen(dir);
    fl_buf out = FL_BUF_INIT(fl__default_allocator());
    fl_buf table = FL_BUF_INIT(fl__default_allocator());
    int ok = fl__buf_puts(&out, "/* Generated from rules/ by tools/freeze_rules.c: do not edit. */\n"
                                "#include \"rules_embedded.h\"\n\n") == 0;
    for (int i = 3; ok && i < argc; i++) {
        const char *path = argv[i];
        const char *rel = strncmp(path, dir, dirlen) ? path : path + dirlen;
        while (*rel == '/')
            rel++;
        size_t len = 0;
        char *text = fl_tool_read_all(path, &len);
        if (!text) {
            fprintf(stderr, "%s: cannot read\n", path);
            ok = 0;
            break;
        }
        fl_arena arena = FL_ARENA_INIT(fl__default_allocator());
        fl_error err = FL_ERROR_INIT;
        const fl_ynode *root = NULL;
        /* A parsed tree is already the bytes the program reads in place. */
        if (fl__yaml_parse(&root, &arena, path, text, len, &err) < 0) {
            char msg[1024];
            fl_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "%s\n", msg);
            ok = 0;
        }
        /* A run trusts the tree it embeds without a walk (yaml_tree.h):
         * this is the walk. */
        if (ok && root && !fl__yaml_tree_check((const unsigned char *)root, fl__ynode_bytes(root))) {
            fprintf(stderr, "%s: the parsed tree does not read back as a frozen tree\n", path);
            ok = 0;
        }
        char name[64], entry[1024];
        snprintf(name, sizeof name, "rule_%d", i - 3);
        ok = ok && fl_tool_put_bytes(&out, name, text, len) == 0;
        snprintf(name, sizeof name, "frozen_%d", i - 3);
        ok = ok && fl_tool_put_bytes(&out, name, (const char *)root, fl__ynode_bytes(root)) == 0;
        snprintf(entry, sizeof entry,
                 "    {\"rules/%s\", (const char *)rule_%d, %zu, frozen_%d, %zu},\n", rel,
                 i - 3, len, i - 3, fl__ynode_bytes(root));
        ok = ok && fl__buf_puts(&table, entry) == 0;
        fl__arena_free(&arena);
        free(text);
    }
    char tail[256];
    snprintf(tail, sizeof tail, "    {0, 0, 0, 0, 0}\n};\nconst size_t fl__embedded_rules_count = %d;\n",
             argc - 3);
    ok = ok && fl__buf_puts(&out, "\nconst fl_embedded_file fl__embedded_rules[] = {\n") == 0 &&
         fl__buf_put(&out, table.ptr, table.len) == 0 && fl__buf_puts(&out, tail) == 0;
    fl__buf_free(&table);
    if (!ok) {
        fl__buf_free(&out);
        return 1;
    }
    int written = fl_tool_write_if_changed(output, &out);
    fl__buf_free(&out);
    return written < 0 ? 1 : 0;
}
