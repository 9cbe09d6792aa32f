/* consult-metainfo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application's own AppStream metainfo, bundled in the GResource, read
 * for the About window (libadwaita 1.2 cannot build one from it itself).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;
  char *summary;
  char *developer_name;
  char *homepage;
  char *bugtracker;
  char *project_license;
  char *version;            /* of the newest release */
  char *release_date;
  char *release_notes;      /* the newest release's description, AppStream markup */
} ConsultMetainfo;

ConsultMetainfo *consult_metainfo_load_bytes (GBytes           *bytes,
                                              const char       *display_name,
                                              GError          **error);
void             consult_metainfo_free       (ConsultMetainfo  *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConsultMetainfo, consult_metainfo_free)

G_END_DECLS
