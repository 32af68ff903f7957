// size.c — GOGC and GOMEMLIMIT values as the pacer program reads them (see
// size.h). One number, then one unit from a table; anything else is named
// in the error.
#include "support/size.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "pacer.h"

int pacer_parse_gogc(const char *s, int *out, char *why, size_t whylen)
{
    if (strcmp(s, "off") == 0) {
        *out = PACER_GOGC_OFF;
        return 0;
    }
    long v = 0;
    const char *p = s;
    if (!*p)
        goto bad;
    for (; *p; p++) {
        if (!isdigit((unsigned char)*p))
            goto bad;
        v = v * 10 + (*p - '0');
        if (v > 1000000)
            goto bad;
    }
    *out = (int)v;
    return 0;
bad:
    snprintf(why, whylen, "'%s' is not 'off' nor a whole number from 0 to 1000000", s);
    return -1;
}

int pacer_parse_size(const char *s, uint64_t *out, char *why, size_t whylen)
{
    static const struct {
        const char *unit;
        unsigned shift;
    } units[] = {
        { "", 0 },     { "B", 0 },   { "K", 10 },   { "KB", 10 },  { "KiB", 10 },
        { "M", 20 },   { "MB", 20 }, { "MiB", 20 }, { "G", 30 },   { "GB", 30 },
        { "GiB", 30 }, { "T", 40 },  { "TB", 40 },  { "TiB", 40 },
    };
    if (strcmp(s, "none") == 0) {
        *out = PACER_NO_LIMIT;
        return 0;
    }
    const char *p = s;
    uint64_t v = 0;
    if (!isdigit((unsigned char)*p)) {
        snprintf(why, whylen, "'%s' does not start with a number of bytes", s);
        return -1;
    }
    for (; isdigit((unsigned char)*p); p++) {
        if (v > (UINT64_MAX - 9) / 10) {
            snprintf(why, whylen, "'%s' is too large", s);
            return -1;
        }
        v = v * 10 + (uint64_t)(*p - '0');
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(p, units[i].unit) != 0)
            continue;
        if (v > ((uint64_t)INT64_MAX >> units[i].shift)) {
            snprintf(why, whylen, "'%s' is too large (the most is 2^63-1 bytes)", s);
            return -1;
        }
        *out = v << units[i].shift;
        return 0;
    }
    snprintf(why, whylen, "'%s': unknown unit '%s' (use B, KiB, MiB, GiB or TiB)", s, p);
    return -1;
}
