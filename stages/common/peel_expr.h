/* One expression engine for the rules (pipeline/rules.csv) and the workbook
 * layout (pipeline/workbook.csv): numbers, references, functions over
 * references, + - * / and parentheses, parsed once to a tree and evaluated
 * through a resolver the caller gives (reconcile's values carry their
 * tolerance, the workbooks' their cell and formula).
 *
 * What a reference looks like is a dialect's: `[name]` (the layout), or a
 * bare token with a known prefix (`fact:`, `table:`, `sidecar:` in rules).
 * Nesting (parentheses and signs) is limited to PEEL_EXPR_MAX_NEST levels, so
 * that hostile text cannot overflow the stack; long chains of + or * are
 * flat lists, not nested nodes. */
#ifndef PEEL_EXPR_H
#define PEEL_EXPR_H

#include <stddef.h>

#include "peel_mem.h"

enum { PEEL_EXPR_MAX_NEST = 100 };

typedef enum peel_ekind {
    PEEL_EX_NUM,   /* a number: num, text as written */
    PEEL_EX_REF,   /* a reference: text (a bracket name without its brackets) */
    PEEL_EX_CALL,  /* a function: text its name, arg[0..narg) references */
    PEEL_EX_NEG,   /* -operand */
    PEEL_EX_GROUP, /* (operand) */
    PEEL_EX_CHAIN  /* operand[0] op[0] operand[1] ...: + - or * /, left to right */
} peel_ekind;

typedef struct peel_expr peel_expr;
struct peel_expr {
    peel_ekind kind;
    double num;
    const char *text;
    const char *arg[2];
    size_t narg;
    peel_expr **operand; /* NEG, GROUP: one; CHAIN: n */
    const char *op;      /* CHAIN: n-1 operators */
    size_t n;
};

/* A dialect of the grammar. */
typedef struct peel_expr_syntax {
    int bracket_names;            /* [name] references */
    const char *const *prefixes;  /* bare references by prefix; NULL-terminated, or NULL */
    const char *const *functions; /* function names; NULL-terminated */
    const int *arity;             /* arguments of each function (1 or 2) */
    const char *expected;         /* what may stand where an operand is missing, for errors */
} peel_expr_syntax;

/* Parses text into a tree owned by a.  Returns NULL with *why (a static
 * message) on a syntax error. */
peel_expr *peel_expr_parse(peel_arena *a, const char *text, const peel_expr_syntax *syn,
                           const char **why);

/* Nonzero when the tree is one bare reference. */
int peel_expr_is_ref(const peel_expr *e);

/* How a caller's values are made and combined: each returns nonzero to go
 * on, 0 to stop the evaluation (a value missing, an error the caller keeps). */
typedef struct peel_expr_ops {
    size_t size; /* of one value */
    int (*number)(void *ctx, const peel_expr *n, void *out);
    int (*ref)(void *ctx, const peel_expr *n, void *out);
    int (*call)(void *ctx, const peel_expr *n, void *out);
    int (*neg)(void *ctx, void *v);
    int (*group)(void *ctx, void *v); /* NULL: parentheses change nothing */
    int (*binary)(void *ctx, char op, void *acc, const void *b);
} peel_expr_ops;

/* Folds the tree left to right into *out.  Returns 0 when an op stopped it. */
int peel_expr_eval(const peel_expr *e, const peel_expr_ops *ops, void *ctx, void *out);

#endif
