/* peel_xlsxxml.c: each of libxlsxwriter's XML writers the programs define
 * writes what libxlsxwriter's own writes (found past ours with dlsym
 * RTLD_NEXT), byte for byte: every byte value in an attribute and in data,
 * no attributes and several, values at and past the length the library
 * cuts them to, integers at their limits; and it is the definition the
 * library's own calls bind to. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT, RTLD_DEFAULT */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>
#include <xlsxwriter/xmlwriter.h>

typedef void (*tag_fn)(FILE *, const char *, struct xml_attribute_list *);
typedef void (*end_fn)(FILE *, const char *);
typedef void (*data_fn)(FILE *, const char *, const char *, struct xml_attribute_list *);
typedef struct xml_attribute *(*str_fn)(const char *, const char *);
typedef struct xml_attribute *(*int_fn)(const char *, uint32_t);

/* libxlsxwriter's own definition of name. */
static void *librarys(const char *name)
{
    void *sym = dlsym(RTLD_NEXT, name);
    assert_non_null(sym);
    return sym;
}

static const char *const TAGS[] = {"lxw_xml_start_tag", "lxw_xml_start_tag_unencoded",
                                   "lxw_xml_empty_tag", "lxw_xml_empty_tag_unencoded"};

/* What fn writes, as a string (the caller frees it). */
typedef struct out {
    char *text;
    size_t len;
    FILE *fp;
} out;

static FILE *open_out(out *o)
{
    o->text = NULL;
    o->len = 0;
    o->fp = open_memstream(&o->text, &o->len);
    assert_non_null(o->fp);
    return o->fp;
}

static char *close_out(out *o)
{
    assert_int_equal(fclose(o->fp), 0);
    return o->text;
}

/* Every writer, ours and the library's, over these attributes and data:
 * the same bytes. */
static void same_bytes(struct xml_attribute_list *attributes, const char *data)
{
    for (size_t i = 0; i < sizeof TAGS / sizeof *TAGS; i++) {
        out a, b;
        ((tag_fn)dlsym(RTLD_DEFAULT, TAGS[i]))(open_out(&a), "tag", attributes);
        ((tag_fn)librarys(TAGS[i]))(open_out(&b), "tag", attributes);
        char *ours = close_out(&a), *theirs = close_out(&b);
        assert_string_equal(ours, theirs);
        free(ours);
        free(theirs);
    }
    out a, b;
    lxw_xml_data_element(open_out(&a), "d", data, attributes);
    ((data_fn)librarys("lxw_xml_data_element"))(open_out(&b), "d", data, attributes);
    lxw_xml_end_tag(a.fp, "c:end");
    ((end_fn)librarys("lxw_xml_end_tag"))(b.fp, "c:end");
    char *ours = close_out(&a), *theirs = close_out(&b);
    assert_string_equal(ours, theirs);
    free(ours);
    free(theirs);
}

/* a at the list's end (STAILQ_INSERT_TAIL names its element more than once). */
static void push(struct xml_attribute_list *attributes, struct xml_attribute *a)
{
    STAILQ_INSERT_TAIL(attributes, a, list_entries);
}

static void free_list(struct xml_attribute_list *attributes)
{
    while (!STAILQ_EMPTY(attributes)) {
        struct xml_attribute *a = STAILQ_FIRST(attributes);
        STAILQ_REMOVE_HEAD(attributes, list_entries);
        free(a);
    }
}

/* Ours and the library's attribute hold the same strings. */
static void same_attribute(struct xml_attribute *ours, struct xml_attribute *theirs)
{
    assert_string_equal(ours->key, theirs->key);
    assert_string_equal(ours->value, theirs->value);
    free(ours);
    free(theirs);
}

static void test_ours_bound(void **state)
{
    (void)state;
    const char *names[] = {
        "lxw_xml_start_tag",     "lxw_xml_start_tag_unencoded", "lxw_xml_end_tag",
        "lxw_xml_empty_tag",     "lxw_xml_empty_tag_unencoded", "lxw_xml_data_element",
        "lxw_new_attribute_str", "lxw_new_attribute_int"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        void *ours = dlsym(RTLD_DEFAULT, names[i]);
        assert_non_null(ours);
        assert_ptr_not_equal(ours, librarys(names[i]));
    }
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "lxw_xml_end_tag"), (void *)lxw_xml_end_tag);
    /* The library's own writer beside ours (and a reference that keeps the
     * library linked: every other name here is defined by us). */
    out o;
    lxw_xml_declaration(open_out(&o));
    char *text = close_out(&o);
    assert_string_equal(text, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    free(text);
}

/* Each byte value in the middle of an attribute and of data. */
static void test_every_byte(void **state)
{
    (void)state;
    for (int c = 1; c < 256; c++) {
        char v[4] = {'a', (char)c, 'z', '\0'};
        struct xml_attribute_list attributes;
        STAILQ_INIT(&attributes);
        push(&attributes, lxw_new_attribute_str("k", v));
        same_bytes(&attributes, v);
        free_list(&attributes);
    }
}

static void test_lists_and_strings(void **state)
{
    (void)state;
    const char *values[] = {"",
                            "&",
                            "<<>>",
                            "\"quoted\" & \"more\"",
                            "line\nnext\n",
                            "£ – ’ ŵ ŷ",
                            "plain text with spaces",
                            "&amp; already"};
    for (size_t n = 0; n < sizeof values / sizeof *values; n++) {
        struct xml_attribute_list attributes;
        STAILQ_INIT(&attributes);
        same_bytes(NULL, values[n]);
        same_bytes(&attributes, values[n]); /* an empty list */
        for (size_t k = 0; k <= n; k++)
            push(&attributes, lxw_new_attribute_str("xmlns:k", values[k]));
        push(&attributes, lxw_new_attribute_int("count", (uint32_t)n));
        same_bytes(&attributes, values[n]);
        free_list(&attributes);
    }
}

/* Keys and values cut where the library cuts them; integers printed as the
 * library prints them, as signed. */
static void test_attributes(void **state)
{
    (void)state;
    str_fn their_str = (str_fn)librarys("lxw_new_attribute_str");
    int_fn their_int = (int_fn)librarys("lxw_new_attribute_int");
    size_t lengths[] = {0,
                        1,
                        LXW_MAX_ATTRIBUTE_LENGTH - 2,
                        LXW_MAX_ATTRIBUTE_LENGTH - 1,
                        LXW_MAX_ATTRIBUTE_LENGTH,
                        3 * LXW_MAX_ATTRIBUTE_LENGTH};
    for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
        char *s = malloc(lengths[i] + 1);
        assert_non_null(s);
        for (size_t k = 0; k < lengths[i]; k++)
            s[k] = (char)('a' + k % 26);
        s[lengths[i]] = '\0';
        same_attribute(lxw_new_attribute_str(s, s), their_str(s, s));
        same_attribute(lxw_new_attribute_int(s, 7), their_int(s, 7));
        struct xml_attribute_list attributes;
        STAILQ_INIT(&attributes);
        push(&attributes, lxw_new_attribute_str(s, s));
        same_bytes(&attributes, s);
        free_list(&attributes);
        free(s);
    }
    uint32_t ints[] = {0, 1, 9, 10, 99, 100, 12345, 2147483647u, 2147483648u, 4294967295u};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
        same_attribute(lxw_new_attribute_int("v", ints[i]), their_int("v", ints[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ours_bound),
        cmocka_unit_test(test_every_byte),
        cmocka_unit_test(test_lists_and_strings),
        cmocka_unit_test(test_attributes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
