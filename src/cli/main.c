/* framelint command-line tool: arguments, files, exit codes. */
#include <stdio.h>
#include "framelint/framelint.h"
int main(void)
{
    printf("framelint %s\n", FL_VERSION_STRING);
    return 0;
}
