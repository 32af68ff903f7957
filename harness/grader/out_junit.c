// out_junit.c — junit.xml for CI systems, written with libxml2's text writer
// (which escapes), from text the grader has already cleaned (gr_clean_text:
// valid UTF-8, no control characters XML 1.0 forbids):
//
//   <testsuites name="memlab" tests= failures= errors= time=>
//     <testsuite name="<lab>" tests= failures= errors= time=>
//       <testcase classname="<lab>.<suite>" name="<name>" time=>
//         <properties> score, max_score, visibility </properties>
//         <failure|error message="reason" type="failed|crashed|...">output</...>
//         <system-out>output</system-out>        (tests that passed)
//
// A crash, timeout or a test that never ran is an <error>; a failed
// assertion or lost points a <failure>.
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "grader.h"

typedef struct {
    const gr_report_t *r;
    xmlBufferPtr buf;
} junit_ctx_t;

#define W(call)         \
    do {                \
        if ((call) < 0) \
            return -1;  \
    } while (0)

static const xmlChar *X(const char *s)
{
    return (const xmlChar *)(s ? s : "");
}

static int attr_num(xmlTextWriterPtr w, const char *name, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", v);
    return xmlTextWriterWriteAttribute(w, X(name), X(buf));
}

static int property(xmlTextWriterPtr w, const char *name, const char *value)
{
    W(xmlTextWriterStartElement(w, X("property")));
    W(xmlTextWriterWriteAttribute(w, X("name"), X(name)));
    W(xmlTextWriterWriteAttribute(w, X("value"), X(value)));
    return xmlTextWriterEndElement(w);
}

static int testcase(xmlTextWriterPtr w, const gr_lab_t *lab, const gr_test_t *t)
{
    char *cls = gr_printf("%s.%s", lab->name, t->suite);
    char *s = gr_points(t->score), *m = gr_points(t->points);
    int rc = -1;
    if (xmlTextWriterStartElement(w, X("testcase")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("classname"), X(cls)) < 0 ||
        xmlTextWriterWriteAttribute(w, X("name"), X(t->name)) < 0 ||
        attr_num(w, "time", t->elapsed) < 0 || xmlTextWriterStartElement(w, X("properties")) < 0 ||
        property(w, "title", t->title) < 0 || property(w, "score", s) < 0 ||
        property(w, "max_score", m) < 0 || xmlTextWriterEndElement(w) < 0)
        goto out;
    if (gr_test_passed(t)) {
        if (xmlTextWriterWriteElement(w, X("system-out"), X(t->output)) < 0)
            goto out;
    } else {
        bool error = t->outcome == GR_CRASHED || t->outcome == GR_TIMED_OUT ||
                     t->outcome == GR_NOT_RUN || t->outcome == GR_PROBLEM;
        const char *type = t->outcome == GR_CRASHED     ? "crashed"
                           : t->outcome == GR_TIMED_OUT ? "timed_out"
                           : t->outcome == GR_NOT_RUN   ? "not_run"
                           : t->outcome == GR_PROBLEM   ? "problem"
                           : t->outcome == GR_PASSED    ? "partial"
                                                        : "failed";
        if (xmlTextWriterStartElement(w, X(error ? "error" : "failure")) < 0 ||
            xmlTextWriterWriteAttribute(w, X("message"), X(t->reason)) < 0 ||
            xmlTextWriterWriteAttribute(w, X("type"), X(type)) < 0 ||
            xmlTextWriterWriteString(w, X(t->output)) < 0 || xmlTextWriterEndElement(w) < 0)
            goto out;
    }
    rc = xmlTextWriterEndElement(w);
out:
    free(cls);
    free(s);
    free(m);
    return rc < 0 ? -1 : 0;
}

// The number of a lab's tests a student may see (hidden tests are left out).
static size_t visible(const gr_lab_t *lab)
{
    size_t n = 0;
    for (size_t i = 0; i < lab->ntests; i++)
        n += !lab->tests[i].hidden;
    return n;
}

// Counts of a lab's tests that failed (assertions, points) and errored.
static void counts(const gr_lab_t *lab, size_t *failures, size_t *errors)
{
    for (size_t i = 0; i < lab->ntests; i++) {
        const gr_test_t *t = &lab->tests[i];
        if (gr_test_passed(t) || t->hidden)
            continue;
        if (t->outcome == GR_FAILED || t->outcome == GR_PASSED)
            (*failures)++;
        else
            (*errors)++;
    }
}

static int document(xmlTextWriterPtr w, const gr_report_t *r)
{
    size_t tests = 0, failures = 0, errors = 0;
    for (size_t i = 0; i < r->nlabs; i++) {
        tests += visible(&r->labs[i]);
        counts(&r->labs[i], &failures, &errors);
    }
    char num[3][32];
    snprintf(num[0], sizeof num[0], "%zu", tests);
    snprintf(num[1], sizeof num[1], "%zu", failures);
    snprintf(num[2], sizeof num[2], "%zu", errors);
    W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    W(xmlTextWriterStartElement(w, X("testsuites")));
    W(xmlTextWriterWriteAttribute(w, X("name"), X("memlab")));
    W(xmlTextWriterWriteAttribute(w, X("tests"), X(num[0])));
    W(xmlTextWriterWriteAttribute(w, X("failures"), X(num[1])));
    W(xmlTextWriterWriteAttribute(w, X("errors"), X(num[2])));
    W(attr_num(w, "time", r->seconds));
    for (size_t i = 0; i < r->nlabs; i++) {
        const gr_lab_t *lab = &r->labs[i];
        size_t f = 0, e = 0;
        counts(lab, &f, &e);
        snprintf(num[0], sizeof num[0], "%zu", visible(lab));
        snprintf(num[1], sizeof num[1], "%zu", f);
        snprintf(num[2], sizeof num[2], "%zu", e);
        W(xmlTextWriterStartElement(w, X("testsuite")));
        W(xmlTextWriterWriteAttribute(w, X("name"), X(lab->name)));
        W(xmlTextWriterWriteAttribute(w, X("tests"), X(num[0])));
        W(xmlTextWriterWriteAttribute(w, X("failures"), X(num[1])));
        W(xmlTextWriterWriteAttribute(w, X("errors"), X(num[2])));
        W(attr_num(w, "time", lab->seconds));
        for (size_t k = 0; k < lab->ntests; k++)
            if (!lab->tests[k].hidden)
                W(testcase(w, lab, &lab->tests[k]));
        W(xmlTextWriterEndElement(w));
    }
    W(xmlTextWriterEndElement(w));
    return xmlTextWriterEndDocument(w);
}

static int write_junit(FILE *f, void *vctx)
{
    junit_ctx_t *ctx = vctx;
    size_t n = (size_t)xmlBufferLength(ctx->buf);
    return fwrite(xmlBufferContent(ctx->buf), 1, n, f) == n ? 0 : -1;
}

int gr_out_junit(const gr_report_t *r, const char *path)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    if (w == NULL) {
        fprintf(stderr, "grader: cannot write %s: out of memory\n", path);
        if (buf)
            xmlBufferFree(buf);
        return -1;
    }
    xmlTextWriterSetIndent(w, 1);
    int rc = document(w, r);
    xmlFreeTextWriter(w); // flushes into buf
    if (rc < 0) {
        fprintf(stderr, "grader: cannot write %s: the XML writer failed\n", path);
    } else {
        junit_ctx_t ctx = { r, buf };
        rc = gr_write_atomic(path, write_junit, &ctx);
    }
    xmlBufferFree(buf);
    return rc < 0 ? -1 : 0;
}
