/* consult-recent-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recent consultations, for the start screen: the records of a
 * ConsultRecordIndex, most recent first, searchable by client name and
 * date. Activating one activates "win.open-record" with its path: the
 * window provides that action.
 */

#pragma once

#include <adwaita.h>

#include "consult-record-index.h"

G_BEGIN_DECLS

#define CONSULT_TYPE_RECENT_PAGE (consult_recent_page_get_type ())
G_DECLARE_FINAL_TYPE (ConsultRecentPage, consult_recent_page, CONSULT, RECENT_PAGE, AdwBin)

GtkWidget          *consult_recent_page_new       (ConsultRecordIndex *index);

ConsultRecordIndex *consult_recent_page_get_index (ConsultRecentPage  *self);

G_END_DECLS
