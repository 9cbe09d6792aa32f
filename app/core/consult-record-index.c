/* consult-record-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scans run in a GTask thread and hand back a new list; the main thread
 * swaps it in and reports the rows that differ. Each scan keeps what it
 * read by path, with a stamp of the file (device, inode, size, modification
 * time), and the next scan reuses the info of every file whose stamp has
 * not changed. Saving one record then costs one file read, not one per
 * record in the folder, and rows of unchanged records stay the same
 * objects, so a list showing them keeps its rows, selection and focus.
 *
 * What a scan shares with the main thread never changes once made: the
 * infos are immutable and the table of a finished scan is never written
 * again, so no lock is needed.
 */

#define G_LOG_DOMAIN "consult-record-index"

#include "consult-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "consult-consultation.h"
#include "consult-i18n.h"
#include "consult-record-index.h"
#include "consult-record.h"
#include "consult-screening.h"
#include "consult-xml.h"

/* Names and titles longer than this are cut for listing; they are shown
 * in full when the record is opened. */
#define MAX_LINE_CHARS 256

/* How long to wait after a change in the folder before scanning it: a
 * save is several events (the temporary file, then the rename), and
 * copying many records is many more. */
#define RELOAD_DELAY_MS 300

/* What a scan asks of every file in the folder. */
#define SCAN_ATTRIBUTES                                        \
  G_FILE_ATTRIBUTE_STANDARD_NAME ","                           \
  G_FILE_ATTRIBUTE_STANDARD_TYPE ","                           \
  G_FILE_ATTRIBUTE_STANDARD_SIZE ","                           \
  G_FILE_ATTRIBUTE_TIME_MODIFIED ","                           \
  G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","                      \
  G_FILE_ATTRIBUTE_UNIX_DEVICE ","                             \
  G_FILE_ATTRIBUTE_UNIX_INODE

/* ConsultRecordInfo */

struct _ConsultRecordInfo
{
  GObject parent_instance;

  char *path;
  char *record_id;
  char *client_name;
  char *consultation_date;
  GDateTime *modified;
  char *outcome;
  char *procedure_title;
  gboolean is_signed;

  /* For searching, folded once (see fold_for_search()). */
  char *name_key;
  char *date_key;
  char *locale_date_key;

  /* The version of the file this was read from (see file_stamp()). */
  char *stamp;
};

G_DEFINE_FINAL_TYPE (ConsultRecordInfo, consult_record_info, G_TYPE_OBJECT)

enum {
  INFO_PROP_0,
  INFO_PROP_PATH,
  INFO_PROP_RECORD_ID,
  INFO_PROP_CLIENT_NAME,
  INFO_PROP_CONSULTATION_DATE,
  INFO_PROP_MODIFIED,
  INFO_PROP_SIGNED,
  INFO_PROP_OUTCOME,
  INFO_PROP_PROCEDURE_TITLE,
  N_INFO_PROPS,
};

static GParamSpec *info_properties[N_INFO_PROPS];

/* @text on one line, as a list shows it: runs of white space and control
 * characters become one space, the ends are trimmed, and past @max_chars
 * characters it is cut with an ellipsis. Invalid UTF-8 is replaced. */
static char *
clean_line (const char *text,
            guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *str = g_string_new (NULL);
  gboolean pending_space = FALSE;
  guint n_chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          pending_space = str->len > 0;
          continue;
        }

      if (n_chars + (pending_space ? 1 : 0) >= max_chars)
        {
          g_string_append (str, "…");
          break;
        }

      if (pending_space)
        {
          g_string_append_c (str, ' ');
          n_chars++;
          pending_space = FALSE;
        }
      g_string_append_unichar (str, c);
      n_chars++;
    }

  return g_string_free (str, FALSE);
}

/* @text as searches compare it: accents dropped (so that "Zoe" finds
 * "Zoë"), compatibility forms unified, case folded. */
static char *
fold_for_search (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autofree char *bare = NULL;
  GString *str;

  if (decomposed == NULL)
    return g_strdup ("");

  str = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (str, c);
    }
  bare = g_string_free (str, FALSE);

  return g_utf8_casefold (bare, -1);
}

/* The date in the locale's short form, folded; NULL when there is none. */
static char *
fold_locale_date (const char *iso)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *text = NULL;
  GDate date;

  if (iso == NULL || !consult_date_from_iso (iso, &date))
    return NULL;

  date_time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 0, 0, 0);
  if (date_time == NULL)
    return NULL;

  text = consult_format_date (date_time);

  return text != NULL ? fold_for_search (text) : NULL;
}

const char *
consult_record_info_get_path (ConsultRecordInfo *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), NULL);

  return self->path;
}

const char *
consult_record_info_get_record_id (ConsultRecordInfo *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), NULL);

  return self->record_id;
}

const char *
consult_record_info_get_client_name (ConsultRecordInfo *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), NULL);

  return self->client_name;
}

const char *
consult_record_info_get_consultation_date (ConsultRecordInfo *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), NULL);

  return self->consultation_date;
}

GDateTime *
consult_record_info_get_modified (ConsultRecordInfo *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), NULL);

  return self->modified;
}

gboolean
consult_record_info_get_signed (ConsultRecordInfo *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), FALSE);

  return self->is_signed;
}

const char *
consult_record_info_get_outcome (ConsultRecordInfo *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), NULL);

  return self->outcome;
}

const char *
consult_record_info_get_procedure_title (ConsultRecordInfo *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), NULL);

  return self->procedure_title;
}

gboolean
consult_record_info_matches (ConsultRecordInfo *self,
                             const char        *query)
{
  g_autofree char *line = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (CONSULT_IS_RECORD_INFO (self), FALSE);

  /* Typed text is cleaned as names are, so that "jane  example" still
   * finds "Jane Example". */
  line = clean_line (query, G_MAXUINT);
  if (*line == '\0')
    return TRUE;

  key = fold_for_search (line);

  return strstr (self->name_key, key) != NULL ||
         (self->date_key != NULL && strstr (self->date_key, key) != NULL) ||
         (self->locale_date_key != NULL && strstr (self->locale_date_key, key) != NULL);
}

/* Whether the client and the practitioner have both signed: each has a
 * signature with a valid signed-at time. */
static gboolean
read_both_signed (xmlNode *signatures)
{
  gboolean client = FALSE;
  gboolean practitioner = FALSE;

  for (xmlNode *node = signatures != NULL ? signatures->children : NULL;
       node != NULL;
       node = node->next)
    {
      g_autofree char *signer = NULL;
      g_autofree char *signed_at = NULL;
      g_autoptr(GDateTime) time = NULL;

      if (!consult_xml_is (node, CONSULT_RECORD_NAMESPACE, "signature"))
        continue;

      signer = consult_xml_get_prop (node, "signer");
      signed_at = consult_xml_get_prop (node, "signed-at");
      if (signed_at != NULL)
        time = g_date_time_new_from_iso8601 (signed_at, NULL);
      if (time == NULL)
        continue;

      if (g_strcmp0 (signer, "client") == 0)
        client = TRUE;
      else if (g_strcmp0 (signer, "practitioner") == 0)
        practitioner = TRUE;
    }

  return client && practitioner;
}

static char *
read_line (xmlNode    *parent,
           const char *name)
{
  g_autofree char *text = consult_xml_get_text (consult_xml_child (parent, CONSULT_RECORD_NAMESPACE,
                                                                   name));

  return clean_line (text, MAX_LINE_CHARS);
}

/* An info from the root of a parsed record. Nothing in the file is
 * trusted: every value is checked or cleaned, and what is missing or
 * wrong is left empty. */
static ConsultRecordInfo *
record_info_new_from_root (const char *path,
                           const char *stamp,
                           GDateTime  *file_modified,
                           xmlNode    *root)
{
  ConsultRecordInfo *self = g_object_new (CONSULT_TYPE_RECORD_INFO, NULL);
  xmlNode *content = consult_xml_child (root, CONSULT_RECORD_NAMESPACE, "content");
  xmlNode *client = consult_xml_child (root, CONSULT_RECORD_NAMESPACE, "client");
  xmlNode *screening = consult_xml_child (root, CONSULT_RECORD_NAMESPACE, "screening");
  g_autofree char *record_id = consult_xml_get_prop (root, "record-id");
  g_autofree char *modified = consult_xml_get_prop (root, "modified");
  g_autofree char *outcome = consult_xml_get_prop (screening, "outcome");
  g_autofree char *date = read_line (root, "date");
  g_autofree char *name_line = NULL;
  ConsultOutcome outcome_value;

  self->path = g_strdup (path);
  self->stamp = g_strdup (stamp);
  self->record_id = clean_line (record_id, 64);
  self->client_name = read_line (client, "name");
  self->procedure_title = read_line (content, "title");
  self->outcome = g_strdup (outcome != NULL && consult_outcome_from_string (outcome, &outcome_value)
                              ? outcome : "");
  self->is_signed = read_both_signed (consult_xml_child (root, CONSULT_RECORD_NAMESPACE,
                                                         "signatures"));

  if (consult_date_from_iso (date, NULL))
    self->consultation_date = g_steal_pointer (&date);

  if (modified != NULL)
    self->modified = g_date_time_new_from_iso8601 (modified, NULL);
  if (self->modified == NULL)
    self->modified = g_date_time_ref (file_modified);

  self->name_key = fold_for_search (self->client_name);
  self->date_key = g_strdup (self->consultation_date);
  self->locale_date_key = fold_locale_date (self->consultation_date);

  return self;
}

/* Reads what a list shows of the record at @path. Fails when the file
 * cannot be read, is not well-formed or is not a Consult record. */
static ConsultRecordInfo *
record_info_read (const char  *path,
                  const char  *stamp,
                  GDateTime   *file_modified,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *display_name = NULL;
  ConsultRecordInfo *info = NULL;
  xmlDoc *doc;
  xmlNode *root;

  bytes = consult_xml_read_file (path, CONSULT_XML_MAX_FILE_SIZE, error);
  if (bytes == NULL)
    return NULL;

  display_name = g_filename_display_name (path);
  problems = consult_problems_new ();
  doc = consult_xml_parse (bytes, display_name, problems);
  if (doc == NULL)
    {
      consult_problems_propagate (problems, CONSULT_XML_ERROR_MALFORMED, error);
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (consult_xml_is (root, CONSULT_RECORD_NAMESPACE, "consultation"))
    info = record_info_new_from_root (path, stamp, file_modified, root);
  else
    g_set_error (error, CONSULT_XML_ERROR, CONSULT_XML_ERROR_INVALID,
                 _("%s: not a Consult record"), display_name);

  xmlFreeDoc (doc);

  return info;
}

static void
consult_record_info_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConsultRecordInfo *self = CONSULT_RECORD_INFO (object);

  switch (prop_id)
    {
    case INFO_PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case INFO_PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;
    case INFO_PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case INFO_PROP_CONSULTATION_DATE:
      g_value_set_string (value, self->consultation_date);
      break;
    case INFO_PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case INFO_PROP_SIGNED:
      g_value_set_boolean (value, self->is_signed);
      break;
    case INFO_PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    case INFO_PROP_PROCEDURE_TITLE:
      g_value_set_string (value, self->procedure_title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_record_info_finalize (GObject *object)
{
  ConsultRecordInfo *self = CONSULT_RECORD_INFO (object);

  g_free (self->path);
  g_free (self->record_id);
  g_free (self->client_name);
  g_free (self->consultation_date);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_free (self->outcome);
  g_free (self->procedure_title);
  g_free (self->name_key);
  g_free (self->date_key);
  g_free (self->locale_date_key);
  g_free (self->stamp);

  G_OBJECT_CLASS (consult_record_info_parent_class)->finalize (object);
}

static void
consult_record_info_class_init (ConsultRecordInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = consult_record_info_finalize;
  object_class->get_property = consult_record_info_get_property;

  info_properties[INFO_PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_RECORD_ID] =
    g_param_spec_string ("record-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_CONSULTATION_DATE] =
    g_param_spec_string ("consultation-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_SIGNED] =
    g_param_spec_boolean ("signed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_OUTCOME] =
    g_param_spec_string ("outcome", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  info_properties[INFO_PROP_PROCEDURE_TITLE] =
    g_param_spec_string ("procedure-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_INFO_PROPS, info_properties);
}

static void
consult_record_info_init (ConsultRecordInfo *self)
{
}

/* Scanning */

/* What a scan knew of one file: its stamp, and its info, or NULL when the
 * file was skipped (so that a broken file is not parsed again until it
 * changes). */
typedef struct {
  char *stamp;
  ConsultRecordInfo *info;
} CacheEntry;

static CacheEntry *
cache_entry_new (const char        *stamp,
                 ConsultRecordInfo *info)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->stamp = g_strdup (stamp);
  entry->info = info != NULL ? g_object_ref (info) : NULL;

  return entry;
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_free (entry->stamp);
  g_clear_object (&entry->info);
  g_free (entry);
}

static GHashTable *
cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
}

typedef struct {
  char *folder;
  guint generation;
  GHashTable *previous; /* the last applied scan's cache, read only */

  /* The results. */
  GHashTable *cache;
  GPtrArray *infos;
  guint n_skipped;
} ScanData;

static void
scan_data_free (gpointer data)
{
  ScanData *scan = data;

  g_free (scan->folder);
  g_clear_pointer (&scan->previous, g_hash_table_unref);
  g_clear_pointer (&scan->cache, g_hash_table_unref);
  g_clear_pointer (&scan->infos, g_ptr_array_unref);
  g_free (scan);
}

/* Tells one version of a file from another: a save replaces the file (a
 * new inode), an edit in place changes its size or modification time. */
static char *
file_stamp (GFileInfo *info)
{
  return g_strdup_printf ("%u:%" G_GUINT64_FORMAT ":%" G_GOFFSET_FORMAT ":%" G_GUINT64_FORMAT
                          ".%06u",
                          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE),
                          g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                          g_file_info_get_attribute_uint32 (info,
                                                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC));
}

/* Newest first; records modified at the same time by consultation date,
 * newest first, then by path, so that the order never depends on the
 * order the folder lists its files in. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  ConsultRecordInfo *x = *(ConsultRecordInfo * const *) a;
  ConsultRecordInfo *y = *(ConsultRecordInfo * const *) b;
  int cmp;

  cmp = g_date_time_compare (y->modified, x->modified);
  if (cmp == 0)
    cmp = g_strcmp0 (y->consultation_date, x->consultation_date);
  if (cmp == 0)
    cmp = strcmp (x->path, y->path);

  return cmp;
}

static void
scan_file (ScanData  *scan,
           GFileInfo *file_info)
{
  const char *name = g_file_info_get_name (file_info);
  g_autofree char *path = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) file_modified = NULL;
  g_autoptr(ConsultRecordInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  CacheEntry *previous;

  /* Records only: not the leftovers of a save (NAME.xml.XXXXXX), not
   * hidden files, and never what a link points to. */
  if (name == NULL || name[0] == '.' || !g_str_has_suffix (name, CONSULT_RECORD_SUFFIX) ||
      g_file_info_get_file_type (file_info) != G_FILE_TYPE_REGULAR)
    return;

  path = g_build_filename (scan->folder, name, NULL);
  stamp = file_stamp (file_info);

  previous = g_hash_table_lookup (scan->previous, path);
  if (previous != NULL && g_strcmp0 (previous->stamp, stamp) == 0)
    {
      if (previous->info != NULL)
        info = g_object_ref (previous->info);
    }
  else
    {
      file_modified = g_file_info_get_modification_date_time (file_info);
      if (file_modified == NULL)
        file_modified = g_date_time_new_from_unix_utc (0);

      info = record_info_read (path, stamp, file_modified, &error);
      if (info == NULL)
        g_debug ("Not listed: %s", error->message);
    }

  if (info != NULL)
    g_ptr_array_add (scan->infos, g_object_ref (info));
  else
    scan->n_skipped++;

  g_hash_table_insert (scan->cache, g_steal_pointer (&path), cache_entry_new (stamp, info));
}

static gboolean
scan_folder (ScanData      *scan,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (scan->folder);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;

  scan->cache = cache_new ();
  scan->infos = g_ptr_array_new_with_free_func (g_object_unref);

  enumerator = g_file_enumerate_children (folder, SCAN_ATTRIBUTES,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, &local_error);
  if (enumerator == NULL)
    {
      /* No folder yet: nothing has been saved. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (;;)
    {
      GFileInfo *file_info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &file_info, NULL, cancellable, error))
        return FALSE;
      if (file_info == NULL)
        break;

      scan_file (scan, file_info);
    }

  g_ptr_array_sort (scan->infos, compare_newest_first);

  return TRUE;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (scan_folder (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* ConsultRecordIndex */

struct _ConsultRecordIndex
{
  GObject parent_instance;

  char *folder;
  GFile *folder_file;

  GPtrArray *infos;
  GHashTable *cache;
  guint n_skipped;
  gboolean loaded;

  /* Scans are numbered as they start; one that ends after a later one
   * has been applied is dropped. */
  guint generation;
  guint applied_generation;
  guint n_scanning;

  GFileMonitor *monitor;
  guint reload_source;
  gboolean reload_pending;
  GCancellable *cancellable;
};

static void consult_record_index_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConsultRecordIndex, consult_record_index, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      consult_record_index_list_model_init))

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_LOADED,
  PROP_N_SKIPPED,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void reload_internal (ConsultRecordIndex *self);

static GType
consult_record_index_get_item_type (GListModel *model)
{
  return CONSULT_TYPE_RECORD_INFO;
}

static guint
consult_record_index_get_n_items (GListModel *model)
{
  return CONSULT_RECORD_INDEX (model)->infos->len;
}

static gpointer
consult_record_index_get_item (GListModel *model,
                               guint       position)
{
  ConsultRecordIndex *self = CONSULT_RECORD_INDEX (model);

  if (position >= self->infos->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->infos, position));
}

static void
consult_record_index_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = consult_record_index_get_item_type;
  iface->get_n_items = consult_record_index_get_n_items;
  iface->get_item = consult_record_index_get_item;
}

/* Swaps in what @scan found, reporting only the rows that differ: infos
 * of unchanged files are the same objects, so a save shows as one row. */
static void
apply_scan (ConsultRecordIndex *self,
            ScanData           *scan)
{
  GPtrArray *old = self->infos;
  GPtrArray *new = scan->infos;
  guint prefix = 0;
  guint suffix = 0;
  guint removed;
  guint added;
  gboolean was_loaded = self->loaded;
  guint old_n_skipped = self->n_skipped;

  if (scan->generation < self->applied_generation)
    return;
  self->applied_generation = scan->generation;

  while (prefix < old->len && prefix < new->len &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (new, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < new->len - prefix &&
         g_ptr_array_index (old, old->len - 1 - suffix) ==
           g_ptr_array_index (new, new->len - 1 - suffix))
    suffix++;
  removed = old->len - prefix - suffix;
  added = new->len - prefix - suffix;

  self->infos = g_steal_pointer (&scan->infos);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  self->cache = g_steal_pointer (&scan->cache);
  self->n_skipped = scan->n_skipped;
  self->loaded = TRUE;

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  g_ptr_array_unref (old);

  if (self->n_skipped != old_n_skipped)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SKIPPED]);
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ConsultRecordIndex *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_assert (self->n_scanning > 0);
  self->n_scanning--;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      apply_scan (self, g_task_get_task_data (G_TASK (result)));
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);

  /* The folder changed while it was being scanned: scan it again. */
  if (self->n_scanning == 0 && self->reload_pending)
    {
      self->reload_pending = FALSE;
      reload_internal (self);
    }
}

void
consult_record_index_reload_async (ConsultRecordIndex  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) scan_task = NULL;
  ScanData *scan;

  g_return_if_fail (CONSULT_IS_RECORD_INDEX (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, consult_record_index_reload_async);

  scan = g_new0 (ScanData, 1);
  scan->folder = g_strdup (self->folder);
  scan->generation = ++self->generation;
  scan->previous = g_hash_table_ref (self->cache);

  /* The scan holds no reference to the index: its task may be freed in
   * the worker thread, and the index must not be disposed there. The
   * outer task keeps the index alive, and is only touched here. */
  self->n_scanning++;
  scan_task = g_task_new (NULL, cancellable, scan_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (scan_task, scan_thread);
  g_task_set_task_data (scan_task, scan, scan_data_free);
  g_task_run_in_thread (scan_task, scan_thread);
}

gboolean
consult_record_index_reload_finish (ConsultRecordIndex  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INDEX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                          consult_record_index_reload_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
reload_internal_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ConsultRecordIndex *self = CONSULT_RECORD_INDEX (object);
  g_autoptr(GError) error = NULL;

  if (!consult_record_index_reload_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot list the records in %s: %s", self->folder, error->message);
}

/* A scan the index starts itself: at construction, and when the folder
 * changes. */
static void
reload_internal (ConsultRecordIndex *self)
{
  if (self->n_scanning > 0)
    {
      self->reload_pending = TRUE;
      return;
    }

  consult_record_index_reload_async (self, self->cancellable, reload_internal_cb, NULL);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  ConsultRecordIndex *self = CONSULT_RECORD_INDEX (user_data);

  self->reload_source = 0;
  reload_internal (self);

  return G_SOURCE_REMOVE;
}

static gboolean
is_record_file (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  return name != NULL && g_str_has_suffix (name, CONSULT_RECORD_SUFFIX);
}

static void
folder_changed_cb (GFileMonitor       *monitor,
                   GFile              *file,
                   GFile              *other_file,
                   GFileMonitorEvent   event,
                   ConsultRecordIndex *self)
{
  /* A save writes a temporary file first: only its rename to NAME.xml
   * (other_file) matters. The folder itself may also come or go. */
  if (!is_record_file (file) && !is_record_file (other_file) &&
      !g_file_equal (file, self->folder_file))
    return;

  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

ConsultRecordIndex *
consult_record_index_new (const char *folder)
{
  g_return_val_if_fail (folder != NULL, NULL);

  return g_object_new (CONSULT_TYPE_RECORD_INDEX, "folder", folder, NULL);
}

const char *
consult_record_index_get_folder (ConsultRecordIndex *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INDEX (self), NULL);

  return self->folder;
}

gboolean
consult_record_index_get_loaded (ConsultRecordIndex *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INDEX (self), FALSE);

  return self->loaded;
}

guint
consult_record_index_get_n_skipped (ConsultRecordIndex *self)
{
  g_return_val_if_fail (CONSULT_IS_RECORD_INDEX (self), 0);

  return self->n_skipped;
}

static void
consult_record_index_constructed (GObject *object)
{
  ConsultRecordIndex *self = CONSULT_RECORD_INDEX (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (consult_record_index_parent_class)->constructed (object);

  g_return_if_fail (self->folder != NULL);

  /* GLib watches a folder that does not exist yet for its creation. */
  self->folder_file = g_file_new_for_path (self->folder);
  self->monitor = g_file_monitor_directory (self->folder_file, G_FILE_MONITOR_WATCH_MOVES,
                                            NULL, &error);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (folder_changed_cb), self);
  else
    g_warning ("Cannot watch %s for new records: %s", self->folder, error->message);

  reload_internal (self);
}

static void
consult_record_index_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ConsultRecordIndex *self = CONSULT_RECORD_INDEX (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, self->n_skipped);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_record_index_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ConsultRecordIndex *self = CONSULT_RECORD_INDEX (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_free (self->folder);
      self->folder = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_record_index_dispose (GObject *object)
{
  ConsultRecordIndex *self = CONSULT_RECORD_INDEX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  G_OBJECT_CLASS (consult_record_index_parent_class)->dispose (object);
}

static void
consult_record_index_finalize (GObject *object)
{
  ConsultRecordIndex *self = CONSULT_RECORD_INDEX (object);

  g_free (self->folder);
  g_clear_object (&self->folder_file);
  g_clear_pointer (&self->infos, g_ptr_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (consult_record_index_parent_class)->finalize (object);
}

static void
consult_record_index_class_init (ConsultRecordIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = consult_record_index_constructed;
  object_class->dispose = consult_record_index_dispose;
  object_class->finalize = consult_record_index_finalize;
  object_class->get_property = consult_record_index_get_property;
  object_class->set_property = consult_record_index_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SKIPPED] =
    g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
consult_record_index_init (ConsultRecordIndex *self)
{
  self->infos = g_ptr_array_new_with_free_func (g_object_unref);
  self->cache = cache_new ();
  self->cancellable = g_cancellable_new ();
}
