/* consult-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <check.h>
#include <glib.h>

G_BEGIN_DECLS

/* check's counterpart of g_assert_error. */
#define ck_assert_error(err, dom, c)                                              \
  ck_assert_msg ((err) != NULL && (err)->domain == (dom) && (err)->code == (c),   \
                 "expected error %s:%d, got %s:%d (%s)", g_quark_to_string (dom),  \
                 (int) (c), (err) ? g_quark_to_string ((err)->domain) : "none",    \
                 (err) ? (err)->code : -1, (err) ? (err)->message : "")

/* Runs @suite in check's normal mode and returns the process exit status:
 * 0 when every test passed, 1 otherwise, 77 (a skip for meson) when the
 * suite needs a display and there is none. */
int         consult_test_run_suite      (Suite      *suite,
                                         gboolean    needs_display);

/* A checked fixture for headless tests: the C locale and our text domain. */
void        consult_test_setup_core     (void);

/* A checked fixture for widget tests: runs inside each forked test, so
 * every test gets its own display connection. XDG_DATA_HOME points to a
 * fresh temporary folder. */
void        consult_test_setup_gtk      (void);

/* Spins the main loop until @widget has been painted once, or fails. */
void        consult_test_wait_for_frame (gpointer    widget);

/* Spins the main loop until @condition is true or @timeout_ms passes. */
gboolean    consult_test_wait_until     (gboolean  (*condition) (gpointer data),
                                         gpointer    data,
                                         guint       timeout_ms);

/* Spins the main loop until nothing is pending. */
void        consult_test_flush          (void);

/* The path of a file under tests/data in the source tree. */
char       *consult_test_data_path      (const char *first_element,
                                         ...) G_GNUC_NULL_TERMINATED;

/* A fresh temporary directory, removed with its contents at exit. */
char       *consult_test_make_tmpdir    (void);

/* Runs @argv (a tool found in PATH, such as pdfinfo) and returns what it
 * printed; fails the test when it cannot run or does not succeed. */
char       *consult_test_run_tool       (const char * const *argv);

/* @text with every run of white space, line breaks included, as one
 * space, and none at either end: wrapped text compares with the text it
 * came from. */
char       *consult_test_squeeze_spaces (const char *text);

/* The text of a PDF as pdftotext -layout reads it (poppler-utils). */
char       *consult_test_pdf_text       (const char *path);

/* The number of pages of a PDF, as pdfinfo says. */
guint       consult_test_pdf_pages      (const char *path);

/* The user and group a test drops to when it runs as root. */
#define CONSULT_TEST_NOBODY 65534

/* Runs @func (@data) in a forked child without the power to override file
 * permissions: as root, the child becomes nobody, who is given @owned
 * (NULL-terminated, may be NULL) first. Returns the child's exit status;
 * the child reports by exit status, not with check's assertions. */
int         consult_test_run_unprivileged (void             (*func) (gpointer data),
                                           gpointer            data,
                                           const char * const *owned);

G_END_DECLS
