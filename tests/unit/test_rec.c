/* Unit tests for the typed records: the vocabularies, the schema, and its
 * two codecs (records -> CSV -> the same records), printed precision. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_rec.h"

static void test_vocab_round_trip(void **state)
{
    (void)state;
    int known;
    for (int p = 0; p < PEEL_NPILLAR; p++)
        assert_int_equal(peel_pillar_parse(peel_pillar_name((peel_pillar)p), &known), p);
    assert_int_equal(peel_pillar_parse("", &known), PEEL_NOPILLAR);
    assert_true(known);
    peel_pillar_parse("Efficiency", &known);
    assert_false(known);
    assert_string_equal(peel_pillar_label(PEEL_LEGITIMACY), "Legitimacy");
    for (int g = 0; g < PEEL_NGRADE; g++)
        assert_int_equal(peel_grade_parse(peel_grade_name((peel_grade)g), &known), g);
    assert_int_equal(peel_grade_parse("Great", &known), PEEL_GRADE_NONE);
    assert_false(known);
    assert_int_equal(peel_kind_parse("recommendation"), PEEL_RECOMMENDATION);
    assert_int_equal(peel_kind_parse("finding"), PEEL_NKIND);
    assert_string_equal(peel_kind_title(PEEL_AREA_FOR_IMPROVEMENT), "Areas for improvement");
    assert_int_equal(peel_verdict_parse("WARN"), PEEL_WARN);
    assert_int_equal(peel_verdict_parse("pass"), PEEL_NVERDICT);
    assert_int_equal(peel_yesno_parse("no", &known), PEEL_NO);
    assert_int_equal(peel_grade_text_rgb(PEEL_INADEQUATE), 0xFFFFFF);
    assert_int_equal(peel_grade_rgb(PEEL_GRADE_NONE), peel_grade_rgb(PEEL_UNGRADED));
}

static void test_schema_headers(void **state)
{
    (void)state;
    char h[512];
    peel_schema_header(PEEL_META, h, sizeof h);
    assert_string_equal(h, "key,value,source_line");
    peel_schema_header(PEEL_FINDINGS, h, sizeof h);
    assert_string_equal(h, "pillar,component,kind,text,source_line,number,last_line");
    peel_schema_header(PEEL_REJECTS, h, sizeof h);
    assert_string_equal(h, "file,line,field,value,reason,source_line,message");
    /* Every file's fields fit the limit the codecs size their tables by. */
    for (int f = 0; f < PEEL_NFILE; f++)
        assert_true(peel_schema((peel_file)f)->nfield <= PEEL_MAXFIELD);
    assert_non_null(peel_schema_field(peel_schema(PEEL_TABLES), "column_label"));
    assert_null(peel_schema_field(peel_schema(PEEL_TABLES), "label"));
}

/* Writes f's records to a string (the caller frees it). */
static char *write_text(peel_records *r, peel_file f, size_t *len)
{
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);
    assert_non_null(fp);
    assert_int_equal(peel_records_write(r, f, fp), 0);
    fclose(fp);
    return buf;
}

static void test_codecs_round_trip(void **state)
{
    (void)state;
    peel_records r, back;
    peel_records_init(&r);
    peel_records_init(&back);
    peel_finding *f = peel_records_add(&r, PEEL_FINDINGS);
    f->pillar = PEEL_EFFICIENCY;
    f->component = "planning-for-the-future";
    f->kind = PEEL_AREA_FOR_IMPROVEMENT;
    f->text = "=cmd|' /C calc'!A0, a point\n- a nested one";
    f->line = 41;
    f->number = 2;
    f->last_line = 43;
    f = peel_records_add(&r, PEEL_FINDINGS);
    f->pillar = PEEL_LEGITIMACY;
    f->kind = PEEL_CAUSE_OF_CONCERN;
    f->text = "plain";
    f->line = 50;
    f->number = 1;
    size_t len;
    char *text = write_text(&r, PEEL_FINDINGS, &len);
    /* The formula guard is on, the nested point keeps the row on two lines. */
    assert_non_null(strstr(text, "\"'=cmd|' /C calc'!A0, a point\n- a nested one\""));
    assert_int_equal(r.findings[0].row, 2);
    assert_int_equal(r.findings[1].row, 4);
    peel_csv_doc doc;
    peel_err err = {0};
    assert_int_equal(peel_csv_parse("findings.csv", text, len, &doc, &err), PEEL_OK);
    assert_int_equal(peel_records_read(&back, PEEL_FINDINGS, &doc, "findings.csv", &err), PEEL_OK);
    assert_int_equal(back.nfinding, 2);
    assert_string_equal(back.findings[0].text, r.findings[0].text);
    assert_int_equal(back.findings[0].kind, PEEL_AREA_FOR_IMPROVEMENT);
    assert_int_equal(back.findings[1].row, 4);
    assert_string_equal(back.findings[1].component, "");
    assert_int_equal(back.findings[1].last_line, 0);
    size_t len2;
    char *again = write_text(&back, PEEL_FINDINGS, &len2);
    assert_int_equal(len, len2);
    assert_memory_equal(text, again, len);
    free(again);
    free(text);
    peel_csv_doc_release(&doc);
    peel_records_release(&back);
    peel_records_release(&r);
}

/* A stream that cannot take the text is a nonzero return (unbuffered, so
 * the write itself fails rather than a later flush); the text written is
 * what peel_records_text makes. */
static void test_write_error_and_text(void **state)
{
    (void)state;
    peel_records r;
    peel_records_init(&r);
    peel_meta *m = peel_records_add(&r, PEEL_META);
    m->key = "force";
    m->value = "=A1, \"two\"\nlines";
    m->line = 3;
    size_t len;
    char *text = write_text(&r, PEEL_META, &len);
    const char *kept;
    size_t klen;
    peel_err err = {0};
    assert_int_equal(peel_records_text(&r, PEEL_META, &kept, &klen, &err), PEEL_OK);
    assert_int_equal(klen, len);
    assert_memory_equal(kept, text, len);
    assert_string_equal(text, "key,value,source_line\r\nforce,\"'=A1, \"\"two\"\"\nlines\",3\r\n");
    free(text);
    FILE *fp = fopen("/dev/full", "wb");
    if (!fp) {
        peel_records_release(&r);
        skip();
    }
    setvbuf(fp, NULL, _IONBF, 0);
    assert_int_not_equal(peel_records_write(&r, PEEL_META, fp), 0);
    fclose(fp);
    peel_records_release(&r);
}

/* The fields records keep with a record file's text are what a parse of
 * that text gives; taken, they go with the caller, and taking them again
 * encodes the text again; a field that is not UTF-8 fails as the parse
 * fails, naming the line. */
static void test_take_fields(void **state)
{
    (void)state;
    peel_records r;
    peel_records_init(&r);
    peel_figure *g = peel_records_add(&r, PEEL_FIGURES);
    g->value = peel_value_make(18.4, 1);
    g->unit = PEEL_UNIT_PCT;
    g->raw = "18.4%";
    g->sentence = "Crime rose by 18.4%,\nthen \"fell\".";
    g->line = 7;
    g = peel_records_add(&r, PEEL_FIGURES);
    g->value = peel_value_make(-2, 0);
    g->raw = "-2";
    g->sentence = "=2-4";
    g->line = 9;
    const char *text;
    size_t len;
    peel_err err = {0};
    assert_int_equal(peel_records_text(&r, PEEL_FIGURES, &text, &len, &err), PEEL_OK);
    peel_csv_doc parsed, kept;
    assert_int_equal(peel_csv_parse("data/figures.csv", text, len, &parsed, &err), PEEL_OK);
    for (int round = 0; round < 2; round++) {
        assert_int_equal(
            peel_records_take_fields(&r, PEEL_FIGURES, "data/figures.csv", &kept, &err), PEEL_OK);
        assert_string_equal(kept.name, "data/figures.csv");
        assert_int_equal(kept.ncol, parsed.ncol);
        for (size_t i = 0; i < kept.ncol; i++)
            assert_string_equal(kept.header[i], parsed.header[i]);
        assert_int_equal(kept.nrow, 2);
        for (size_t k = 0; k < kept.nrow; k++) {
            assert_int_equal(kept.row[k].line, parsed.row[k].line);
            assert_int_equal(kept.row[k].nfield, parsed.row[k].nfield);
            for (size_t i = 0; i < kept.row[k].nfield; i++)
                assert_string_equal(kept.row[k].field[i], parsed.row[k].field[i]);
        }
        peel_csv_doc_release(&kept);
    }
    assert_int_equal(parsed.row[1].line, 4);
    peel_csv_doc_release(&parsed);

    g = peel_records_add(&r, PEEL_FIGURES);
    g->raw = "1";
    g->sentence = "not \xFF UTF-8";
    assert_int_equal(peel_records_take_fields(&r, PEEL_FIGURES, "data/figures.csv", &kept, &err),
                     PEEL_EDATA);
    assert_string_equal(err.file, "data/figures.csv");
    assert_int_equal(err.line, 5);
    assert_null(kept.name);
    peel_records_release(&r);
}

static peel_reject *add_reject(peel_records *r, const char *file, long line)
{
    peel_reject *j = peel_records_add(r, PEEL_REJECTS);
    j->file = file;
    j->line = line;
    return j;
}

/* The records rejects name (by file and CSV line) are left out, and only
 * they: rejects about a whole file (line 0), or naming a file's line no
 * record has, leave out nothing, and a file no reject names keeps its
 * records and text.  A sidecar's records are named by their own file. */
static void test_drop_rejected(void **state)
{
    (void)state;
    peel_records r;
    peel_records_init(&r);
    for (int i = 0; i < 4; i++) {
        peel_finding *f = peel_records_add(&r, PEEL_FINDINGS);
        f->number = i;
    }
    for (int i = 0; i < 2; i++) {
        peel_summary *m = peel_records_add(&r, PEEL_SUMMARIES);
        m->text = i ? "two" : "one";
    }
    const char *sidecar[] = {"sidecars/a.csv", "sidecars/b.csv", "sidecars/b.csv"};
    for (int i = 0; i < 3; i++) {
        peel_sidecar *c = peel_records_add(&r, PEEL_SIDECAR);
        c->file = sidecar[i];
        c->row = 2 + (i == 2);
    }
    const char *text, *summaries;
    size_t len, slen;
    peel_err err = {0};
    assert_int_equal(peel_records_text(&r, PEEL_FINDINGS, &text, &len, &err), PEEL_OK);
    assert_int_equal(peel_records_text(&r, PEEL_SUMMARIES, &summaries, &slen, &err), PEEL_OK);
    char *before = strndup(summaries, slen);
    add_reject(&r, "findings.csv", 5); /* rows 2 to 5: the last finding */
    add_reject(&r, "findings.csv", 3);
    add_reject(&r, "findings.csv", 0);
    add_reject(&r, "findings.csv", 9);
    add_reject(&r, "tables.csv", 2);
    add_reject(&r, "sidecars/b.csv", 2);
    peel_records_drop_rejected(&r);
    assert_int_equal(r.nfinding, 2);
    assert_int_equal(r.findings[0].number, 0);
    assert_int_equal(r.findings[1].number, 2);
    assert_int_equal(r.nsummary, 2);
    assert_int_equal(peel_records_text(&r, PEEL_SUMMARIES, &summaries, &slen, &err), PEEL_OK);
    assert_int_equal(slen, strlen(before));
    assert_memory_equal(summaries, before, slen);
    assert_int_equal(r.nsidecar, 2);
    assert_string_equal(r.sidecars[0].file, "sidecars/a.csv");
    assert_string_equal(r.sidecars[1].file, "sidecars/b.csv");
    assert_int_equal(r.sidecars[1].row, 3);
    assert_int_equal(r.nreject, 6);
    free(before);

    /* Read back, the rows the rejects name are left out the same way. */
    peel_csv_doc doc;
    const char *csv = "pillar,component,kind,text,source_line\n"
                      "effectiveness,,cause_of_concern,a,1\neffectiveness,,cause_of_concern,b,2\n"
                      "effectiveness,,cause_of_concern,c,3\n";
    assert_int_equal(peel_csv_parse("findings.csv", csv, strlen(csv), &doc, &err), PEEL_OK);
    r.nfinding = 0;
    assert_int_equal(peel_records_read(&r, PEEL_FINDINGS, &doc, "findings.csv", &err), PEEL_OK);
    assert_int_equal(r.nfinding, 2);
    assert_string_equal(r.findings[0].text, "a");
    assert_string_equal(r.findings[1].text, "c");
    peel_csv_doc_release(&doc);
    const char *side = "force,key,value,unit,period,source\nF,a,1,GBP,,s\nF,b,2,GBP,,s\n";
    assert_int_equal(peel_csv_parse("b.csv", side, strlen(side), &doc, &err), PEEL_OK);
    r.nsidecar = 0;
    assert_int_equal(peel_records_read(&r, PEEL_SIDECAR, &doc, "sidecars/b.csv", &err), PEEL_OK);
    assert_int_equal(r.nsidecar, 1);
    assert_string_equal(r.sidecars[0].key, "b");
    assert_string_equal(r.sidecars[0].file, "sidecars/b.csv");
    peel_csv_doc_release(&doc);
    peel_records_release(&r);
}

static void test_unknown_word_named(void **state)
{
    (void)state;
    static const char csv[] = "pillar,component,kind,text,source_line\r\n"
                              "efficiency,,recommendation,x,5\r\n"
                              "efficiency,,finding,y,6\r\n";
    peel_records r;
    peel_csv_doc doc;
    peel_err err = {0};
    peel_records_init(&r);
    assert_int_equal(peel_csv_parse("findings.csv", csv, strlen(csv), &doc, &err), PEEL_OK);
    assert_int_equal(peel_records_read(&r, PEEL_FINDINGS, &doc, "findings.csv", &err), PEEL_EDATA);
    char msg[600];
    peel_err_format(&err, msg, sizeof msg);
    assert_string_equal(msg, "findings.csv:3: kind: \"finding\" is not a kind of finding this "
                             "file may hold");
    peel_csv_doc_release(&doc);
    peel_records_release(&r);
}

static void test_values(void **state)
{
    (void)state;
    peel_value v = peel_value_make(1580000000.0000002, 0);
    assert_true(v.v == 1580000000.0);
    assert_int_equal(v.dec, 0);
    v = peel_value_parse("-2.50");
    assert_true(v.has && v.v == -2.5 && v.dec == 2);
    assert_false(peel_value_parse("").has);
    peel_records r;
    peel_records_init(&r);
    peel_cval c = peel_cval_number(&r, 39.920200001);
    assert_string_equal(c.text, "39.9202");
    assert_true(c.num && c.dec == 4);
    c = peel_cval_number(&r, 30435.0000000001);
    assert_string_equal(c.text, "30435");
    c = peel_cval_number(&r, NAN);
    assert_string_equal(c.text, "");
    assert_false(c.num);
    c = peel_cval_word(&r, "Good");
    assert_false(c.num);
    peel_records_release(&r);
}

static void test_printed(void **state)
{
    (void)state;
    peel_printed p = peel_printed_of("£154m", NULL);
    assert_true(p.parsed && p.scale == 1e6 && p.decimals == 0);
    assert_true(fabs(p.half - 500000) < 1e-6);
    p = peel_printed_of("31,000", "officer numbers at around 31,000 by 2021");
    assert_true(p.approx);
    assert_true(fabs(p.half - 500) < 1e-9);
    p = peel_printed_of("18.4%", "18.4% of the workforce");
    assert_false(p.approx);
    assert_true(fabs(p.half - 0.05) < 1e-12);
    p = peel_printed_of("n/a", NULL);
    assert_false(p.parsed);
    assert_true(p.half == 0 && p.scale == 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vocab_round_trip),
        cmocka_unit_test(test_schema_headers),
        cmocka_unit_test(test_codecs_round_trip),
        cmocka_unit_test(test_write_error_and_text),
        cmocka_unit_test(test_take_fields),
        cmocka_unit_test(test_drop_rejected),
        cmocka_unit_test(test_unknown_word_named),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_printed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
