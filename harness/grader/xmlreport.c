// xmlreport.c — reads the report Criterion's runner writes with --xml:
//   <testsuites> <testsuite name=S> <testcase name=T status=PASSED|FAILED|ERRORED|SKIPPED>
//     <failure type="assert" message="N assertion(s) failed.">CDATA lines</failure>
//     <error type="crash"|"timeout" message="..."/>
// Criterion 2.4.1 writes assertion messages as CDATA without escaping "]]>",
// so a message can make the file malformed. A malformed report is not
// trusted at all (recovering parsers guess, and a guess can move one test's
// result onto another); the grader then uses the suite library's runner
// records (records.c), which carry the same facts.
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "grader.h"

gr_test_t *gr_find_test(gr_lab_t *lab, size_t from, const char *suite, const char *name)
{
    for (size_t i = from; i < lab->ntests; i++) {
        gr_test_t *t = &lab->tests[i];
        if (t->suite && t->name && strcmp(t->suite, suite) == 0 && strcmp(t->name, name) == 0)
            return t;
    }
    return NULL;
}

// The value of attribute `name` of `node` as a new C string, or NULL.
static char *attr(xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    if (v == NULL)
        return NULL;
    char *s = gr_strdup((const char *)v);
    xmlFree(v);
    return s;
}

// Fills test `t` from its <testcase> element.
static void read_testcase(xmlNode *tc, gr_test_t *t)
{
    char *status = attr(tc, "status");
    t->in_xml = true;
    t->xml_status = status && strcmp(status, "PASSED") == 0 ? GR_PASSED : GR_FAILED;
    if (status && strcmp(status, "SKIPPED") == 0) { // disabled, or outside --filter
        t->xml_status = GR_NOT_RUN;
        t->skipped = true;
    }
    free(status);
    for (xmlNode *c = tc->children; c != NULL; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "error") == 0) {
            char *type = attr(c, "type");
            t->xml_status = type && strcmp(type, "timeout") == 0 ? GR_TIMED_OUT : GR_CRASHED;
            free(type);
        } else if (strcmp((const char *)c->name, "failure") == 0 && t->messages == NULL) {
            xmlChar *text = xmlNodeGetContent(c);
            if (text != NULL && *text != '\0') {
                size_t n = strlen((const char *)text);
                while (n > 0 && text[n - 1] == '\n')
                    n--;
                t->messages = gr_clean_text((const char *)text, n);
            }
            xmlFree(text);
        }
    }
}

// libxml2 reports some problems (a missing file) on stderr despite
// XML_PARSE_NOERROR; the grader says what matters in its own words.
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

int gr_xml_load(const char *path, gr_lab_t *lab, size_t from, char **why)
{
    xmlSetGenericErrorFunc(NULL, quiet);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        *why = gr_strdup("out of memory reading the test report");
        return -1;
    }
    xmlDoc *doc = xmlCtxtReadFile(ctxt, path, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int well_formed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    if (doc == NULL || !well_formed) {
        *why = gr_strdup(doc == NULL ? "the runner wrote no test report"
                                     : "the runner's test report is malformed");
        if (doc != NULL)
            xmlFreeDoc(doc);
        return -1;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    for (xmlNode *s = root ? root->children : NULL; s != NULL; s = s->next) {
        if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "testsuite") != 0)
            continue;
        char *suite = attr(s, "name");
        for (xmlNode *tc = s->children; suite != NULL && tc != NULL; tc = tc->next) {
            if (tc->type != XML_ELEMENT_NODE || strcmp((const char *)tc->name, "testcase") != 0)
                continue;
            char *name = attr(tc, "name");
            gr_test_t *t = name ? gr_find_test(lab, from, suite, name) : NULL;
            if (t != NULL && !t->in_xml)
                read_testcase(tc, t);
            free(name);
        }
        free(suite);
    }
    xmlFreeDoc(doc);
    return 0;
}
