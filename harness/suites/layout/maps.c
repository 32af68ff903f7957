// maps.c — the layout suite's tests of reading a maps file: one line
// (layout_parse_line), a whole file (layout_read_maps) against the oracle's
// reading, and finding the region of an address (layout_find_region).
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memlab/grade.h"
#include "layout_suite.h"

// ---- parsing a line ------------------------------------------------------------------

// visible — the first 300 bytes of a path for a message, a tab shown as \t
// (a path may end in one, and a raw tab looks like spaces).
static const char *visible(const char *path, char *buf, size_t len)
{
    size_t n = 0;
    for (const char *p = path; *p != '\0' && n + 3 < len && p - path < 300; p++) {
        if (*p == '\t')
            buf[n++] = '\\', buf[n++] = 't';
        else
            buf[n++] = *p;
    }
    buf[n] = '\0';
    return buf;
}

// region_differs — whether `got` differs from `want`; if so, `why` says how,
// in the student's terms.
static bool region_differs(const layout_region_t *want, const layout_region_t *got, char *why,
                           size_t len)
{
    char g[320], w[320];
    if (got->start != want->start || got->end != want->end)
        snprintf(why, len,
                 "range is %#" PRIxPTR "-%#" PRIxPTR ", should be %#" PRIxPTR "-%#" PRIxPTR,
                 got->start, got->end, want->start, want->end);
    else if (strncmp(got->perms, want->perms, 5) != 0)
        snprintf(why, len, "perms are '%.4s', should be '%s'", got->perms, want->perms);
    else if (got->offset != want->offset)
        snprintf(why, len, "offset is %#" PRIx64 ", should be %#" PRIx64, got->offset,
                 want->offset);
    else if (got->dev_major != want->dev_major || got->dev_minor != want->dev_minor)
        snprintf(why, len, "device is %x:%x, should be %x:%x", got->dev_major, got->dev_minor,
                 want->dev_major, want->dev_minor);
    else if (got->inode != want->inode)
        snprintf(why, len, "inode is %" PRIu64 ", should be %" PRIu64, got->inode, want->inode);
    else if (strncmp(got->path, want->path, sizeof want->path) != 0)
        snprintf(why, len, "path is '%s', should be '%s'", visible(got->path, g, sizeof g),
                 visible(want->path, w, sizeof w));
    else if (got->deleted != want->deleted)
        snprintf(why, len, "deleted is %s, should be %s", got->deleted ? "true" : "false",
                 want->deleted ? "true" : "false");
    else
        return false;
    return true;
}

// show_line — `line` for a message: without its newline, with tabs, CRs and
// a trailing space made visible (\t, \r, and the line quoted), cut at 300 bytes.
static const char *show_line(const char *line, char *buf, size_t len)
{
    size_t n = 0;
    for (const char *p = line; *p != '\0' && *p != '\n' && n + 3 < len && p - line < 300; p++) {
        if (*p == '\t' || *p == '\r') {
            buf[n++] = '\\';
            buf[n++] = *p == '\t' ? 't' : 'r';
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    return buf;
}

// check_lines — layout_parse_line on each line must give what the kernel
// meant. One failure message lists every line that went wrong, not only the
// first.
static void check_lines(const char *const *lines, size_t n)
{
    layout_region_t *want = malloc(sizeof *want), *got = malloc(sizeof *got);
    cr_assert(want != NULL && got != NULL, "the suite ran out of memory");
    char why[800], shown[400], all[4096] = "";
    size_t used = 0, bad = 0;
    for (size_t i = 0; i < n; i++) {
        cr_assert(suite_oracle_parse_line(lines[i], want) == 0, "suite error: bad line %s",
                  lines[i]);
        memset(got, 0x5a, sizeof *got);
        got->path[sizeof got->path - 1] = '\0';
        int rc = layout_parse_line(lines[i], got);
        if (rc != 0)
            snprintf(why, sizeof why, "layout_parse_line returned %d for this valid maps line", rc);
        else if (!region_differs(want, got, why, sizeof why))
            continue;
        bad++;
        if (used < sizeof all)
            used += (size_t)snprintf(all + used, sizeof all - used, "\n  line '%s': %s",
                                     show_line(lines[i], shown, sizeof shown), why);
    }
    free(want);
    free(got);
    cr_assert(bad == 0, "%zu of %zu lines parsed wrong (the handout, \"/proc/self/maps\"):%s", bad,
              n, all);
}

void suite_maps_parses_a_file_backed_line(void)
{
    static const char *const lines[] = {
        "55d0c1a02000-55d0c1a05000 r-xp 00002000 fe:00 247134                     /usr/bin/cat\n",
        "7f0e4f163000-7f0e4f165000 rw-p 001d3000 fe:01 332835                     "
        "/usr/lib/x86_64-linux-gnu/libc.so.6",
        "00400000-00452000 r-xp 00000000 08:01 393230 /usr/local/bin/server\n",
        // A recorded file saved with CRLF line ends: the CR ends the line.
        "00452000-00453000 r--p 00052000 08:01 393230 /usr/local/bin/server\r\n",
        "00453000-00454000 rw-p 00053000 08:01 393230 /usr/local/bin/server\r",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

void suite_maps_parses_anonymous_lines(void)
{
    static const char *const lines[] = {
        "7f0e4ef0e000-7f0e4ef30000 rw-p 00000000 00:00 0 \n", // the kernel's trailing space
        "7f0e4ef0e000-7f0e4ef30000 rw-p 00000000 00:00 0\n",
        "7f0e4ef0e000-7f0e4ef30000 ---p 00000000 00:00 0",
        "7f0e4ef0e000-7f0e4ef30000 rw-p 00000000 00:00 0 \r\n", // a CRLF line end
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

void suite_maps_keeps_spaces_in_paths(void)
{
    static const char *const lines[] = {
        "7f3a18c8c000-7f3a18c90000 r--p 00000000 fe:01 5555                       "
        "/usr/share/fonts/DejaVu Sans (Bold).ttf\n",
        "00400000-00401000 r--p 00000000 103:02 1835021                           "
        "/home/ann/lab work/my  prog\n",
        "7f3a17e01000-7f3a18601000 rw-p 00000000 00:00 0                          [anon:worker stack]\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

// Paths END in spaces and tabs too: the kernel prints a file's name as it is
// (it escapes only the newline), so "/tmp/report " and "/tmp/tab\t" are
// different files from "/tmp/report" and "/tmp/tab". Only the padding
// between the inode and the path is the kernel's.
void suite_maps_keeps_spaces_and_tabs_at_the_end_of_paths(void)
{
    static const char *const lines[] = {
        "7f3a18c8c000-7f3a18c90000 r--p 00000000 fe:01 5555                       "
        "/tmp/report \n",
        "7f3a18c90000-7f3a18c91000 r--p 00000000 fe:01 5556                       "
        "/tmp/two spaces  \n",
        "7f3a18c91000-7f3a18c92000 rw-s 00000000 fe:01 5557                       "
        "/tmp/tab\t\n",
        "7f3a18c92000-7f3a18c93000 r--p 00000000 fe:01 5558 /tmp/no newline ",
        "7f3a18c93000-7f3a18c94000 rw-s 00000000 fe:01 5559                       "
        "/tmp/gone  (deleted)\n",
        "7f3a18c94000-7f3a18c95000 rw-p 00000000 00:00 0                          "
        "[anon:ends in a space ]\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

void suite_maps_strips_the_deleted_suffix(void)
{
    static const char *const lines[] = {
        "7f54b70d8000-7f54b70d9000 rw-s 00000000 00:01 1026                       "
        "/memfd:layout-demo (deleted)\n",
        "7f3a18602000-7f3a18a02000 rw-s 00000000 00:05 3                          /SYSV00000000 (deleted)",
        "7f3a18c90000-7f3a18c91000 r--s 00000000 fe:01 98765 /var/cache/a (deleted) old/data.bin\n",
        "7f3a18a02000-7f3a18a28000 r--p 00000000 fe:01 12345                      "
        "/usr/lib/x86_64-linux-gnu/libc.so.6 (deleted)\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

void suite_maps_accepts_pseudo_paths_it_has_never_seen(void)
{
    static const char *const lines[] = {
        "7f0e4f184000-7f0e4f186000 r--p 00000000 00:00 0                          [vvar_vclock]\n",
        "7f3a18d00000-7f3a18d01000 r-xp 00000000 00:00 0                          [uprobes]\n",
        "7f0c92dff000-7f0c935ff000 rw-p 00000000 00:00 0                          [stack:2345]\n",
        "7f3a18d3e000-7f3a18d3f000 rw-p 00000000 00:00 0                          [some future region]\n",
        "7f3a18c80000-7f3a18c8c000 rw-s 00000000 00:01 77                         [anon_shmem:ring]\n",
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
}

// path_line — a maps line (malloc'd) whose path is `len` bytes: "/" and then
// letters, a new directory every 100 bytes.
static char *path_line(size_t len)
{
    static const char head[] = "7f3a18c95000-7f3a18c96000 r--p 00000000 fe:01 77 ";
    char *line = malloc(sizeof head + len + 1);
    cr_assert(line != NULL, "the suite ran out of memory");
    memcpy(line, head, sizeof head - 1);
    char *p = line + sizeof head - 1;
    for (size_t i = 0; i < len; i++)
        p[i] = i % 100 == 0 ? '/' : (char)('a' + i % 26);
    memcpy(p + len, "\n", 2);
    return line;
}

void suite_maps_parses_extreme_numbers(void)
{
    // The longest path a region can carry: LAYOUT_PATH_MAX - 1 bytes and the NUL.
    char *longest = path_line(LAYOUT_PATH_MAX - 1);
    const char *const lines[] = {
        "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n",
        "7f3a18c92000-7f3a18c93000 r--p 7ffffffffffff000 fff:fffff 18446744073709551615 /big\n",
        "1000-2000 r--s 00000000 00:00 0 /x\n",
        "7F3A18C94000-7F3A18C95000 r--p 0000ABCD FE:0A 77 /upper-case hex digits\n",
        longest,
    };
    check_lines(lines, sizeof lines / sizeof lines[0]);
    free(longest);
}

void suite_maps_rejects_lines_that_are_not_maps_lines(void)
{
    static const char *const fixed[] = {
        "",
        "\n",
        "hello world\n",
        "1000-2000\n",
        "1000 2000 r--p 00000000 00:00 0\n",
        "1000-2000 r--p 00000000 00:00\n",
        "1000-2000 r-- 00000000 00:00 0\n",
        "1000-2000 rwxq 00000000 00:00 0\n",
        // Permission letters out of their places: each place has its own.
        "1000-2000 w--p 00000000 00:00 0\n",
        "1000-2000 r-sp 00000000 00:00 0\n",
        "1000-2000 rwx- 00000000 00:00 0\n",
        "1000-2000 rw-r 00000000 00:00 0\n",
        "1000-2000 r--p 00000000 0000 0\n",
        "zz00-2000 r--p 00000000 00:00 0\n",
        "2000-1000 r--p 00000000 00:00 0\n",
        "2000-2000 r--p 00000000 00:00 0\n",
        "1000-2000 r--p 00000000 00:00 12x /p\n",
        "1000-2000 r--p 0000000g 00:00 0\n",
        "10000000000000000-10000000000001000 r--p 00000000 00:00 0\n",
        "1000-2000 r--p 00000000000000000 00:00 0\n",
        "1000-2000 r--pp 00000000 00:00 0\n",
        "1000-2000 r--p 00000000 1000:00 0\n",
        "1000-2000 r--p 00000000 00:100000 0\n",
        // Inodes that do not fit in 64 bits: 2^64, and 2^64 - 1 with a digit more.
        "1000-2000 r--p 00000000 00:00 18446744073709551616 /p\n",
        "1000-2000 r--p 00000000 00:00 184467440737095516150 /p\n",
    };
    enum { NFIXED = sizeof fixed / sizeof fixed[0] };
    // And, last, a path one byte too long for `path`.
    char *too_long = path_line(LAYOUT_PATH_MAX);
    const char *bad[NFIXED + 1];
    memcpy(bad, fixed, sizeof fixed);
    bad[NFIXED] = too_long;
    layout_region_t *r = malloc(sizeof *r);
    cr_assert(r != NULL);
    char all[4096] = "", shown[400];
    size_t used = 0, accepted = 0, nbad = sizeof bad / sizeof bad[0];
    for (size_t i = 0; i < nbad; i++) {
        int rc = layout_parse_line(bad[i], r);
        if (rc == -1)
            continue;
        accepted++;
        size_t len = strcspn(bad[i], "\n");
        char cut[64] = "";
        if (len > 300) // show_line shows the first 300 bytes
            snprintf(cut, sizeof cut, "... (%zu bytes before the newline)", len);
        if (used < sizeof all)
            used += (size_t)snprintf(all + used, sizeof all - used, "\n  '%s'%s (returned %d)",
                                     show_line(bad[i], shown, sizeof shown), cut, rc);
    }
    cr_assert(accepted == 0,
              "layout_parse_line accepted %zu of %zu lines that are not maps lines "
              "(each should return -1; the handout, \"/proc/self/maps\"):%s",
              accepted, nbad, all);
    // It must still accept a good one (an unwritten parser rejects everything).
    cr_assert(layout_parse_line("1000-2000 r--p 00000000 00:00 0 /ok\n", r) == 0,
              "layout_parse_line rejected the valid line '1000-2000 r--p 00000000 00:00 0 /ok'");
    free(r);
    free(too_long);
}

// read_text — layout_read_maps over `text`, as the file `name`.
static int read_text(const char *text, const char *name, layout_map_t *m, char *err, size_t errlen)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    cr_assert(f != NULL, "fmemopen failed");
    layout_map_init(m);
    err[0] = '\0';
    int rc = layout_read_maps(f, name, m, err, errlen);
    fclose(f);
    return rc;
}

// check_kept — fails the test when more heap blocks are allocated now than
// `before`, taken before layout_read_maps read `what` (the map since freed
// with layout_map_free).
static void check_kept(long before, const char *what)
{
    long kept = ml_heap_blocks() - before;
    cr_assert(kept <= 0,
              "layout_read_maps read %s; after layout_map_free of its map, %ld more heap "
              "block(s) are allocated than before the call (the handout, task 2: free what you "
              "allocate, on every path out of the function)",
              what, kept);
}

// same_maps — the student's map equals the oracle's; `why` says where not.
static bool same_maps(const layout_map_t *want, const layout_map_t *got, const char *name,
                      char *why, size_t len)
{
    char d[800];
    for (size_t i = 0; i < want->n && i < got->n; i++)
        if (region_differs(&want->regions[i], &got->regions[i], d, sizeof d)) {
            snprintf(why, len, "%s line %zu: %s", name, i + 1, d);
            return false;
        }
    if (want->n != got->n) {
        snprintf(why, len, "%s: %zu regions read, the file has %zu", name, got->n, want->n);
        return false;
    }
    return true;
}

void suite_maps_reads_recorded_maps_files(void)
{
    char dir[4096], path[4400], err[1024], why[1200];
    suite_data_dir(dir, sizeof dir);
    DIR *d = opendir(dir);
    cr_assert(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    int files = 0, right = 0;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".maps") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *text = suite_slurp(path, NULL);
        cr_assert(text != NULL, "cannot read %s", path);
        layout_map_t want, got;
        suite_oracle_parse(text, &want);
        files++;
        if (read_text(text, e->d_name, &got, err, sizeof err) != 0)
            ml_note("layout_read_maps failed on %s: %s", e->d_name, err);
        else if (!same_maps(&want, &got, e->d_name, why, sizeof why))
            ml_note("%s", why);
        else
            right++;
        layout_map_free(&want);
        layout_map_free(&got);
        free(text);
    }
    closedir(d);
    cr_assert(files >= 4, "the lab's recorded maps files are missing from %s", dir);
    ml_award((double)right / files, "%d of %d recorded maps files read exactly", right, files);
}

// A stream that yields `text` and then fails with EIO, as a disk or a
// network file system can: the read error comes after the last whole line.
typedef struct failing {
    const char *text;
    size_t len, at;
} failing_t;

static ssize_t failing_read(void *cookie, char *buf, size_t size)
{
    failing_t *c = cookie;
    if (c->at == c->len) {
        errno = EIO;
        return -1;
    }
    size_t n = c->len - c->at < size ? c->len - c->at : size;
    memcpy(buf, c->text + c->at, n);
    c->at += n;
    return (ssize_t)n;
}

// read_failing — layout_read_maps over a stream that reads `text`, then fails.
static int read_failing(const char *text, const char *name, layout_map_t *m, char *err,
                        size_t errlen)
{
    failing_t c = { text, strlen(text), 0 };
    FILE *f = fopencookie(&c, "r", (cookie_io_functions_t){ .read = failing_read });
    cr_assert(f != NULL, "fopencookie failed");
    layout_map_init(m);
    err[0] = '\0';
    int rc = layout_read_maps(f, name, m, err, errlen);
    fclose(f);
    return rc;
}

void suite_maps_reports_the_bad_line_and_leaves_the_map_empty(void)
{
    const char *bad_third = "00400000-00401000 r--p 00000000 08:01 12 /bin/x\n"
                            "00401000-00402000 r-xp 00001000 08:01 12 /bin/x\n"
                            "00402000-00403000 r-xp 00001000 08:01\n"
                            "00403000-00404000 rw-p 00000000 00:00 0\n";
    const char *overlap = "00400000-00402000 r--p 00000000 08:01 12 /bin/x\n"
                          "00401000-00403000 r-xp 00001000 08:01 12 /bin/x\n";
    layout_map_t m;
    char err[512];
    long before = ml_heap_blocks();
    int rc = read_text(bad_third, "t.maps", &m, err, sizeof err);
    cr_assert(rc == -1, "layout_read_maps returned %d for a file whose line 3 is malformed", rc);
    cr_assert(
        strstr(err, "t.maps:3:") != NULL,
        "the error for a malformed line 3 of t.maps should start 't.maps:3: ...', it was '%s'",
        err);
    cr_assert(strchr(err, '\n') == NULL,
              "the error for a malformed line 3 of t.maps should be one line (the line's own "
              "newline left out), it was '%s'",
              err);
    cr_assert(m.n == 0, "after an error the map should be empty, it has %zu regions", m.n);
    layout_map_free(&m);
    check_kept(before, "t.maps, whose line 3 is malformed");
    before = ml_heap_blocks();
    rc = read_text(overlap, "o.maps", &m, err, sizeof err);
    cr_assert(rc == -1, "layout_read_maps accepted a region that starts inside the previous one");
    cr_assert(strstr(err, "o.maps:2:") != NULL,
              "the error for overlapping regions should name line 2 ('o.maps:2: ...'), it was '%s'",
              err);
    cr_assert(m.n == 0, "after an error the map should be empty, it has %zu regions", m.n);
    layout_map_free(&m);
    check_kept(before, "o.maps, whose line 2 overlaps line 1");
    // Two whole lines, then the stream fails: the line that could not be
    // read is line 3.
    const char *two = "00400000-00401000 r--p 00000000 08:01 12 /bin/x\n"
                      "00401000-00402000 r-xp 00001000 08:01 12 /bin/x\n";
    before = ml_heap_blocks();
    rc = read_failing(two, "e.maps", &m, err, sizeof err);
    cr_assert(rc == -1,
              "layout_read_maps returned %d for a stream that failed (EIO) after 2 lines; a "
              "read error is an error too",
              rc);
    cr_assert(strstr(err, "e.maps:3:") != NULL,
              "a read error after 2 whole lines of e.maps should be reported at the line that "
              "could not be read ('e.maps:3: ...'), it was '%s'",
              err);
    cr_assert(m.n == 0, "after a read error the map should be empty, it has %zu regions", m.n);
    layout_map_free(&m);
    check_kept(before, "e.maps, a stream that failed after 2 lines");
}

void suite_maps_reads_very_long_lines(void)
{
    char *text = malloc(8192);
    cr_assert(text != NULL);
    int n = snprintf(text, 8192, "7f3a18c92000-7f3a18c93000 r--p 00000000 fe:01 77 /data");
    for (int i = 0; i < 400; i++)
        n += snprintf(text + n, 8192 - (size_t)n, "/dir%05d", i); // 3600 more bytes
    n += snprintf(text + n, 8192 - (size_t)n,
                  "/end\n7f3a18c93000-7f3a18c94000 rw-p 00000000 00:00 0\n");
    layout_map_t want, got;
    suite_oracle_parse(text, &want);
    char err[512], why[1200];
    long before = ml_heap_blocks();
    int rc = read_text(text, "long.maps", &got, err, sizeof err);
    cr_assert(rc == 0, "layout_read_maps failed on a line with a 3600-byte path: %s", err);
    cr_assert(same_maps(&want, &got, "long.maps", why, sizeof why), "%s", why);
    layout_map_free(&got);
    check_kept(before, "long.maps, a line with a 3600-byte path and a short one");
    layout_map_free(&want);
    free(text);
}

void suite_maps_reads_this_process(void)
{
    char *text = suite_slurp("/proc/self/maps", NULL);
    cr_assert(text != NULL, "cannot read /proc/self/maps");
    layout_map_t want, got;
    suite_oracle_parse(text, &want);
    char err[512], why[1200];
    int rc = read_text(text, "/proc/self/maps", &got, err, sizeof err);
    cr_assert(rc == 0, "layout_read_maps failed on this process's maps: %s", err);
    cr_assert(same_maps(&want, &got, "/proc/self/maps", why, sizeof why), "%s", why);
    layout_map_free(&want);
    layout_map_free(&got);
    free(text);
}

// ---- find ----------------------------------------------------------------------------

void suite_find_finds_the_region_of_an_address(void)
{
    layout_map_t m;
    layout_map_init(&m);
    cr_assert(layout_find_region(&m, 0x1000) == NULL,
              "an empty map has no region, yet one was found");
    layout_region_t *r = calloc(1, sizeof *r);
    cr_assert(r != NULL);
    memcpy(r->perms, "rw-p", 5);
    enum { N = 1000 };
    for (uintptr_t i = 0; i < N; i++) {
        r->start = 0x10000000 + i * 0x10000;
        r->end = r->start + 0x1000 * (1 + i % 3); // gaps between regions
        cr_assert(layout_map_append(&m, r) == 0);
    }
    for (size_t i = 0; i < N; i++) {
        const layout_region_t *want = &m.regions[i];
        uintptr_t in[3] = { want->start, want->start + (want->end - want->start) / 2,
                            want->end - 1 };
        for (int k = 0; k < 3; k++) {
            const layout_region_t *got = layout_find_region(&m, in[k]);
            cr_assert(got == want,
                      "layout_find_region(%#" PRIxPTR ") should be region %zu "
                      "[%#" PRIxPTR ", %#" PRIxPTR "), got %s",
                      in[k], i, want->start, want->end, got == NULL ? "NULL" : "another region");
        }
        const layout_region_t *gap = layout_find_region(&m, want->end);
        cr_assert(gap == NULL,
                  "%#" PRIxPTR " is the end of region %zu (ends are exclusive) and lies "
                  "in a gap, but layout_find_region found a region",
                  want->end, i);
    }
    cr_assert(layout_find_region(&m, 0) == NULL && layout_find_region(&m, 0x0fffffff) == NULL &&
                  layout_find_region(&m, UINTPTR_MAX) == NULL,
              "layout_find_region found a region for an address below or above every region");
    free(r);
    layout_map_free(&m);
}

// Regions that touch: the end of one is the start of the next (a program's
// r--p and r-xp mappings, a thread stack above its guard page). The end is
// exclusive, so that address belongs to the NEXT region, and the first byte
// past the last region belongs to none.
void suite_find_an_end_belongs_to_the_next_region(void)
{
    layout_map_t m;
    layout_map_init(&m);
    layout_region_t *r = calloc(1, sizeof *r);
    cr_assert(r != NULL);
    memcpy(r->perms, "r--p", 5);
    enum { N = 257 };
    uintptr_t at = 0x555500000000;
    for (size_t i = 0; i < N; i++) {
        r->start = at;
        r->end = at + 0x1000 * (1 + i % 4);
        at = r->end; // no gaps at all
        cr_assert(layout_map_append(&m, r) == 0);
    }
    char all[2048] = "";
    size_t used = 0, wrong = 0;
    for (size_t i = 0; i + 1 < N; i++) {
        uintptr_t a = m.regions[i].end;
        const layout_region_t *got = layout_find_region(&m, a);
        if (got == &m.regions[i + 1])
            continue;
        wrong++;
        char what[64];
        if (got == NULL)
            snprintf(what, sizeof what, "NULL");
        else
            snprintf(what, sizeof what, "region %td", got - m.regions);
        if (used < sizeof all)
            used += (size_t)snprintf(all + used, sizeof all - used,
                                     "\n  %#" PRIxPTR " (the end of region %zu, the start of "
                                     "region %zu): got %s",
                                     a, i, i + 1, what);
    }
    cr_assert(wrong == 0,
              "in a map of %d regions that touch (each ends where the next starts), "
              "layout_find_region got %zu of %d shared boundaries wrong; ends are exclusive:%s",
              N, wrong, N - 1, all);
    uintptr_t last_end = m.regions[N - 1].end;
    cr_assert(layout_find_region(&m, last_end) == NULL,
              "%#" PRIxPTR " is the end of the last region (exclusive): layout_find_region "
              "should return NULL",
              last_end);
    cr_assert(layout_find_region(&m, m.regions[0].start - 1) == NULL,
              "%#" PRIxPTR " is the byte before the first region: layout_find_region should "
              "return NULL",
              m.regions[0].start - 1);
    free(r);
    layout_map_free(&m);
}
