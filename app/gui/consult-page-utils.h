/* consult-page-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The few widgets the step pages build from the content in code: wrapped
 * labels, calm boxed lists of text, titled sections.
 */

#pragma once

#include <adwaita.h>

#include "consult-content.h"

G_BEGIN_DECLS

/* A label that wraps at word boundaries (or inside a long word), aligned
 * to the start, not selectable. @text is Pango markup when @use_markup. */
GtkWidget *consult_page_label_new          (const char        *text,
                                            gboolean           use_markup);

/* A page title, in the largest style, marked as a heading. */
GtkWidget *consult_page_heading_new        (const char        *markup);

/* An icon (@icon_name) or a text (a bullet) that only decorates: screen
 * readers skip it. */
GtkWidget *consult_page_decoration_new     (const char        *icon_name,
                                            const char        *text);

/* A label for content text, with its emphasis, in the large client-facing
 * style. */
GtkWidget *consult_page_content_label_new  (const ConsultText *text);

/* A titled section. @description may be NULL. */
GtkWidget *consult_page_group_new          (const char        *title,
                                            const char        *description);

/* A boxed list whose rows are only read, never activated or selected. */
GtkWidget *consult_page_list_new           (void);

/* Appends a row holding @child, with the usual row padding, to @list.
 * Returns the row. */
GtkWidget *consult_page_list_append        (GtkWidget         *list,
                                            GtkWidget         *child);

/* Removes every child of @box. */
void       consult_page_box_remove_all     (GtkBox            *box);

/* Makes Enter activate the focused row of @list, as Space does: GTK 4.8
 * binds only Space, and Enter reaches the window's default instead. */
void       consult_list_box_activate_on_enter (GtkListBox     *list);

/* The labels of the areas in @area_ids, as markup joined by commas; ""
 * when there is none. */
char      *consult_page_join_area_labels   (ConsultContent    *content,
                                            char             **area_ids);

G_END_DECLS
