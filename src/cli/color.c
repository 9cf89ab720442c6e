/*
 * color: whether the output is for a person at a terminal. NO_COLOR
 * (no-color.org) is honoured whenever it is set and not empty.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_color_parse(const char *name)
{
    if (!strcmp(name, "auto"))
        return CLI_COLOR_AUTO;
    if (!strcmp(name, "always"))
        return CLI_COLOR_ALWAYS;
    if (!strcmp(name, "never"))
        return CLI_COLOR_NEVER;
    return -1;
}

int cli_use_color(cli_color choice)
{
    if (choice != CLI_COLOR_AUTO)
        return choice == CLI_COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return 0;
    const char *term = getenv("TERM");
    if (term && !strcmp(term, "dumb"))
        return 0;
    return isatty(STDOUT_FILENO);
}

int cli_stdin_is_tty(void)
{
    return isatty(STDIN_FILENO);
}
