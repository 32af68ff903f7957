// size.h — the pacer program's two settings, read the way Go reads them:
// GOGC ("off" or a whole number ≥ 0) and GOMEMLIMIT (a byte count with an
// optional unit: B, KiB, MiB, GiB, TiB, or their SI cousins KB, MB, GB, TB
// and the bare K, M, G, T, all powers of 1024 here; "none" for no limit).
#ifndef PACER_SIZE_H
#define PACER_SIZE_H

#include <stddef.h>
#include <stdint.h>

// pacer_parse_gogc — "off" → PACER_GOGC_OFF, "0".."1000000" → the number.
// 0 or -1 with the reason in `why`.
int pacer_parse_gogc(const char *s, int *out, char *why, size_t whylen);
// pacer_parse_size — "48MiB" → 50331648 etc.; "none" → PACER_NO_LIMIT.
// Rejects signs, fractions, empty numbers, unknown units and values of
// 2^63 bytes or more (Go's limit is an int64). 0 or -1 with the reason.
int pacer_parse_size(const char *s, uint64_t *out, char *why, size_t whylen);

#endif
