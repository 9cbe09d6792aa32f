/* consult-autosave.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "consult-autosave"

#include "consult-config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "consult-autosave-private.h"
#include "consult-record.h"

#define DEFAULT_DELAY_MS 2000

/* However long the changes keep coming, a change is written at most this
 * many delays after it was made. */
#define MAX_DELAYS 2

/* One draft to write: made on the main thread, written on a worker (or on
 * the main thread by consult_autosave_flush()). */
typedef struct {
  char *path;
  GBytes *bytes;
  gboolean tighten_folder;
  ConsultAutosaveWriteHook before_hook;
  ConsultAutosaveWriteHook after_hook;
  gpointer hook_data;

  /* Shared with the writer, under @mutex. @discarded: the draft was
   * discarded while being written, so the writer removes what it wrote.
   * @error: what to tell the user once done. */
  GMutex mutex;
  GCond cond;
  gboolean done;
  gboolean discarded;
  GThread *writer;
  GError *error;
} WriteJob;

struct _ConsultAutosave
{
  GObject parent_instance;

  char *drafts_folder;
  gboolean is_default_folder;
  guint delay_ms;

  ConsultConsultation *consultation;
  gulong changed_handler;
  char *draft_path;

  /* @change_pending while a change of @consultation is not serialized
   * yet: @timeout_id then runs, and @first_change_us is when the first
   * of those changes was made. */
  gboolean change_pending;
  guint timeout_id;
  gint64 first_change_us;

  /* Serialized drafts waiting for a write, at most one per path, and the
   * one being written (owned by its GTask). Only one write runs at a
   * time, so the same draft is never written twice at once. */
  GQueue queue;
  WriteJob *in_flight;

  GThread *last_writer;
  ConsultAutosaveWriteHook before_hook;
  ConsultAutosaveWriteHook after_hook;
  gpointer hook_data;
};

G_DEFINE_FINAL_TYPE (ConsultAutosave, consult_autosave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DRAFTS_FOLDER,
  PROP_DELAY_MS,
  PROP_CONSULTATION,
  N_PROPS,
};

enum {
  SAVED,
  FAILED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Files */

/* Makes @folder 0700 when missing; @tighten closes our own folder again
 * if someone opened it up, as consult_record_ensure_folder() does for the
 * records. */
static gboolean
ensure_drafts_folder (const char  *folder,
                      gboolean     tighten,
                      GError     **error)
{
  GStatBuf st;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_name = g_filename_display_name (folder);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second why it failed. */
                   _("Cannot make the drafts folder “%s”: %s"), display_name,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (tighten && g_stat (folder, &st) == 0 && (st.st_mode & 0077) != 0 &&
      st.st_uid == getuid () && g_chmod (folder, 0700) != 0)
    g_warning ("Cannot make %s private: %s", folder, g_strerror (errno));

  return TRUE;
}

static gboolean
write_draft (const char  *path,
             GBytes      *bytes,
             gboolean     tighten_folder,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  gconstpointer data;
  gsize length;

  if (!ensure_drafts_folder (folder, tighten_folder, error))
    return FALSE;

  /* As a record is saved (consult-record.h): a 0600 temporary file,
   * flushed, renamed over the draft, so a crash at any moment leaves the
   * previous draft or the new one, whole. */
  data = g_bytes_get_data (bytes, &length);
  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: the first %s is a file name, the second why it failed. */
                   _("Cannot save the draft “%s”: %s"), display_name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Removes the draft at @path; one already gone is no error. */
static gboolean
remove_file (const char  *path,
             GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a file name, the second why it failed. */
                   _("Cannot remove the draft “%s”: %s"), display_name,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Writing */

static WriteJob *
write_job_new (ConsultAutosave *self,
               const char      *path,
               GBytes          *bytes)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->path = g_strdup (path);
  job->bytes = bytes;
  job->tighten_folder = self->is_default_folder;
  job->before_hook = self->before_hook;
  job->after_hook = self->after_hook;
  job->hook_data = self->hook_data;
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);

  return job;
}

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  g_bytes_unref (job->bytes);
  g_clear_error (&job->error);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

/* Writes @job, on whichever thread calls it. */
static void
run_job (WriteJob *job)
{
  g_autoptr(GError) error = NULL;

  if (job->before_hook != NULL)
    job->before_hook (job->hook_data);

  write_draft (job->path, job->bytes, job->tighten_folder, &error);

  g_mutex_lock (&job->mutex);
  if (job->discarded)
    {
      /* Discarded while being written: whatever was written goes, and a
       * failure to write it no longer matters. */
      g_clear_error (&error);
      remove_file (job->path, &error);
    }
  job->error = g_steal_pointer (&error);
  job->writer = g_thread_self ();
  job->done = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);
}

/* Tells how @job, which is done, went. Returns FALSE when it failed. */
static gboolean
report_job (ConsultAutosave *self,
            WriteJob        *job)
{
  g_autoptr(GError) error = NULL;
  gboolean discarded;

  g_mutex_lock (&job->mutex);
  g_assert (job->done);
  error = g_steal_pointer (&job->error);
  discarded = job->discarded;
  self->last_writer = job->writer;
  g_mutex_unlock (&job->mutex);

  if (error != NULL)
    {
      g_debug ("%s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
      return FALSE;
    }

  if (!discarded)
    {
      g_debug ("Saved the draft %s", job->path);
      g_signal_emit (self, signals[SAVED], 0, job->path);
    }

  return TRUE;
}

/* Waits for the write in flight, if any, and reports it. Returns FALSE
 * when it failed. */
static gboolean
settle_in_flight (ConsultAutosave *self)
{
  WriteJob *job = self->in_flight;

  if (job == NULL)
    return TRUE;

  g_mutex_lock (&job->mutex);
  while (!job->done)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);

  /* Its task still owns it, and sees it was reported. */
  self->in_flight = NULL;

  return report_job (self, job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;

  run_job (job);
  g_task_return_boolean (task, TRUE);

  if (job->after_hook != NULL)
    job->after_hook (job->hook_data);
}

static void start_next_write (ConsultAutosave *self);

static void
write_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ConsultAutosave) self = user_data;
  WriteJob *job = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), NULL);

  /* Unless consult_autosave_flush() reported it already. */
  if (self->in_flight == job)
    {
      self->in_flight = NULL;
      report_job (self, job);
    }

  start_next_write (self);
}

static void
start_next_write (ConsultAutosave *self)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  if (self->in_flight != NULL || g_queue_is_empty (&self->queue))
    return;

  /* Not the task's source object: the writer drops its reference to the
   * task last, sometimes after the callback, and the autosave must not be
   * finalized there. The callback drops this reference, on this thread. */
  job = g_queue_pop_head (&self->queue);
  task = g_task_new (NULL, NULL, write_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_next_write);
  g_task_set_name (task, "[consult] autosave");
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  self->in_flight = job;
  g_task_run_in_thread (task, write_thread);
}

/* Queues @bytes (taking them) for @path, in place of older bytes waiting
 * for the same draft. */
static void
enqueue (ConsultAutosave *self,
         const char      *path,
         GBytes          *bytes)
{
  for (GList *l = self->queue.head; l != NULL; l = l->next)
    {
      WriteJob *job = l->data;

      if (g_str_equal (job->path, path))
        {
          g_bytes_unref (job->bytes);
          job->bytes = bytes;
          return;
        }
    }

  g_queue_push_tail (&self->queue, write_job_new (self, path, bytes));
}

static void
emit_draft_error (ConsultAutosave *self,
                  const char      *path,
                  const GError    *cause)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = g_filename_display_name (path);

  error = g_error_new (cause->domain, cause->code,
                       /* Translators: the first %s is a file name, the second why it failed. */
                       _("Cannot save the draft “%s”: %s"),
                       display_name, cause->message);
  g_debug ("%s", error->message);
  g_signal_emit (self, signals[FAILED], 0, error);
}

/* Serializes the watched consultation, when a change of it is pending,
 * and queues the bytes. This is done here, on the main thread: the
 * consultation is not thread-safe. Returns FALSE when it failed. */
static gboolean
queue_pending_change (ConsultAutosave *self)
{
  g_autoptr(GError) error = NULL;
  char *data;
  gsize length = 0;

  if (!self->change_pending)
    return TRUE;

  self->change_pending = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  /* Saved as a record meanwhile: there is nothing a draft would add. */
  if (!consult_consultation_get_modified (self->consultation))
    return TRUE;

  data = consult_record_serialize (self->consultation, &length, &error);
  if (data == NULL)
    {
      emit_draft_error (self, self->draft_path, error);
      return FALSE;
    }

  enqueue (self, self->draft_path, g_bytes_new_take (data, length));

  return TRUE;
}

static gboolean
timeout_cb (gpointer data)
{
  ConsultAutosave *self = data;

  self->timeout_id = 0;
  queue_pending_change (self);
  start_next_write (self);

  return G_SOURCE_REMOVE;
}

static void
consultation_changed_cb (ConsultConsultation *consultation,
                         ConsultAutosave     *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay_us = (gint64) self->delay_ms * 1000;
  gint64 deadline;

  if (!self->change_pending)
    self->first_change_us = now;
  self->change_pending = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  /* Restarted at each change, so that a burst of changes gives one
   * write, but never put off past MAX_DELAYS delays after the first
   * change, so that steady typing is saved too. */
  deadline = MIN (now + delay_us, self->first_change_us + MAX_DELAYS * delay_us);
  self->timeout_id = g_timeout_add ((guint) ((MAX (deadline - now, 0) + 999) / 1000),
                                    timeout_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[consult] autosave delay");
}

/* The object */

static void
consult_autosave_dispose (GObject *object)
{
  ConsultAutosave *self = CONSULT_AUTOSAVE (object);

  if (self->change_pending)
    g_debug ("A change of %s was not written: the autosave was dropped", self->draft_path);
  self->change_pending = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->consultation != NULL)
    g_clear_signal_handler (&self->changed_handler, self->consultation);
  g_clear_object (&self->consultation);

  G_OBJECT_CLASS (consult_autosave_parent_class)->dispose (object);
}

static void
consult_autosave_finalize (GObject *object)
{
  ConsultAutosave *self = CONSULT_AUTOSAVE (object);

  /* A write in flight holds a reference: none can be left. */
  g_assert (self->in_flight == NULL);
  g_queue_clear_full (&self->queue, (GDestroyNotify) write_job_free);
  g_clear_pointer (&self->drafts_folder, g_free);
  g_clear_pointer (&self->draft_path, g_free);

  G_OBJECT_CLASS (consult_autosave_parent_class)->finalize (object);
}

static void
consult_autosave_constructed (GObject *object)
{
  ConsultAutosave *self = CONSULT_AUTOSAVE (object);
  g_autofree char *default_folder = consult_autosave_default_folder ();

  G_OBJECT_CLASS (consult_autosave_parent_class)->constructed (object);

  if (self->drafts_folder == NULL)
    self->drafts_folder = g_strdup (default_folder);
  self->is_default_folder = g_str_equal (self->drafts_folder, default_folder);
}

static void
consult_autosave_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConsultAutosave *self = CONSULT_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_DRAFTS_FOLDER:
      g_value_set_string (value, self->drafts_folder);
      break;
    case PROP_DELAY_MS:
      g_value_set_uint (value, self->delay_ms);
      break;
    case PROP_CONSULTATION:
      g_value_set_object (value, self->consultation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_autosave_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConsultAutosave *self = CONSULT_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_DRAFTS_FOLDER:
      self->drafts_folder = g_value_dup_string (value);
      break;
    case PROP_DELAY_MS:
      consult_autosave_set_delay_ms (self, g_value_get_uint (value));
      break;
    case PROP_CONSULTATION:
      consult_autosave_watch (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
consult_autosave_class_init (ConsultAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = consult_autosave_constructed;
  object_class->dispose = consult_autosave_dispose;
  object_class->finalize = consult_autosave_finalize;
  object_class->get_property = consult_autosave_get_property;
  object_class->set_property = consult_autosave_set_property;

  properties[PROP_DRAFTS_FOLDER] =
    g_param_spec_string ("drafts-folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DELAY_MS] =
    g_param_spec_uint ("delay-ms", NULL, NULL, 0, G_MAXINT, DEFAULT_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONSULTATION] =
    g_param_spec_object ("consultation", NULL, NULL, CONSULT_TYPE_CONSULTATION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
consult_autosave_init (ConsultAutosave *self)
{
  self->delay_ms = DEFAULT_DELAY_MS;
  g_queue_init (&self->queue);
}

ConsultAutosave *
consult_autosave_new (const char *drafts_folder)
{
  return g_object_new (CONSULT_TYPE_AUTOSAVE, "drafts-folder", drafts_folder, NULL);
}

const char *
consult_autosave_get_drafts_folder (ConsultAutosave *self)
{
  g_return_val_if_fail (CONSULT_IS_AUTOSAVE (self), NULL);

  return self->drafts_folder;
}

guint
consult_autosave_get_delay_ms (ConsultAutosave *self)
{
  g_return_val_if_fail (CONSULT_IS_AUTOSAVE (self), 0);

  return self->delay_ms;
}

void
consult_autosave_set_delay_ms (ConsultAutosave *self,
                               guint            delay_ms)
{
  g_return_if_fail (CONSULT_IS_AUTOSAVE (self));
  g_return_if_fail (delay_ms <= G_MAXINT);

  if (self->delay_ms == delay_ms)
    return;

  /* A timer already running keeps its time: the next change uses this. */
  self->delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY_MS]);
}

ConsultConsultation *
consult_autosave_get_consultation (ConsultAutosave *self)
{
  g_return_val_if_fail (CONSULT_IS_AUTOSAVE (self), NULL);

  return self->consultation;
}

const char *
consult_autosave_get_draft_path (ConsultAutosave *self)
{
  g_return_val_if_fail (CONSULT_IS_AUTOSAVE (self), NULL);

  return self->draft_path;
}

void
consult_autosave_watch (ConsultAutosave     *self,
                        ConsultConsultation *consultation)
{
  g_return_if_fail (CONSULT_IS_AUTOSAVE (self));
  g_return_if_fail (consultation == NULL || CONSULT_IS_CONSULTATION (consultation));
  /* The record id names the draft: it must be a UUID, as in a record. */
  g_return_if_fail (consultation == NULL ||
                    g_uuid_string_is_valid (consult_consultation_get_record_id (consultation)));

  if (self->consultation == consultation)
    return;

  if (self->consultation != NULL)
    {
      /* Its last change is not lost for being left: it is written in
       * the background. To drop it, discard first. */
      queue_pending_change (self);
      g_clear_signal_handler (&self->changed_handler, self->consultation);
      g_clear_object (&self->consultation);
      g_clear_pointer (&self->draft_path, g_free);
    }

  if (consultation != NULL)
    {
      g_autofree char *name = g_strconcat (consult_consultation_get_record_id (consultation),
                                           CONSULT_RECORD_SUFFIX, NULL);

      self->consultation = g_object_ref (consultation);
      self->draft_path = g_build_filename (self->drafts_folder, name, NULL);
      self->changed_handler = g_signal_connect (consultation, "changed",
                                                G_CALLBACK (consultation_changed_cb), self);
    }

  start_next_write (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSULTATION]);
}

gboolean
consult_autosave_flush (ConsultAutosave *self)
{
  g_autoptr(ConsultAutosave) hold = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (CONSULT_IS_AUTOSAVE (self), FALSE);

  /* The handlers of "saved" and "failed" may drop their reference. */
  hold = g_object_ref (self);

  if (!queue_pending_change (self))
    ok = FALSE;

  /* Settled before each write: a handler may have started another. */
  for (;;)
    {
      WriteJob *job;

      if (!settle_in_flight (self))
        ok = FALSE;

      job = g_queue_pop_head (&self->queue);
      if (job == NULL)
        break;

      run_job (job);
      if (!report_job (self, job))
        ok = FALSE;
      write_job_free (job);
    }

  return ok;
}

void
consult_autosave_discard (ConsultAutosave *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CONSULT_IS_AUTOSAVE (self));

  if (self->draft_path == NULL)
    return;

  self->change_pending = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  for (GList *l = self->queue.head; l != NULL; l = l->next)
    {
      WriteJob *job = l->data;

      if (g_str_equal (job->path, self->draft_path))
        {
          g_queue_delete_link (&self->queue, l);
          write_job_free (job);
          break;
        }
    }

  if (self->in_flight != NULL && g_str_equal (self->in_flight->path, self->draft_path))
    {
      WriteJob *job = self->in_flight;

      /* Still writing: the writer removes the draft once written.
       * Written already: removed below, and how it went is moot. */
      g_mutex_lock (&job->mutex);
      job->discarded = TRUE;
      if (job->done)
        g_clear_error (&job->error);
      g_mutex_unlock (&job->mutex);
    }

  if (!remove_file (self->draft_path, &error))
    {
      g_debug ("%s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error);
    }
}

/* Restoring */

char *
consult_autosave_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "consult", "drafts", NULL);
}

typedef struct {
  char *path;
  const char *name;
  gint64 mtime_ns;
} FoundDraft;

static void
found_draft_clear (FoundDraft *draft)
{
  g_free (draft->path);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const FoundDraft *da = a;
  const FoundDraft *db = b;

  if (da->mtime_ns != db->mtime_ns)
    return da->mtime_ns > db->mtime_ns ? -1 : 1;

  return strcmp (da->name, db->name);
}

GPtrArray *
consult_autosave_find_drafts (const char *drafts_folder)
{
  g_autofree char *default_folder = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GArray) found = NULL;
  GPtrArray *drafts = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (drafts_folder == NULL)
    drafts_folder = default_folder = consult_autosave_default_folder ();

  /* A draft being written when the app was killed left its temporary
   * file, which holds patient data. */
  consult_record_clean_leftovers (drafts_folder);

  dir = g_dir_open (drafts_folder, 0, NULL);
  if (dir == NULL)
    return drafts;

  found = g_array_new (FALSE, FALSE, sizeof (FoundDraft));
  g_array_set_clear_func (found, (GDestroyNotify) found_draft_clear);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      FoundDraft draft;
      GStatBuf st;

      if (!g_str_has_suffix (name, CONSULT_RECORD_SUFFIX) ||
          strlen (name) == strlen (CONSULT_RECORD_SUFFIX))
        continue;

      /* lstat: a link is not a draft, wherever it points. */
      path = g_build_filename (drafts_folder, name, NULL);
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != getuid ())
        continue;

      draft.path = g_steal_pointer (&path);
      draft.name = strrchr (draft.path, G_DIR_SEPARATOR) + 1;
      draft.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
                       st.st_mtim.tv_nsec;
      g_array_append_val (found, draft);
    }

  g_array_sort (found, compare_newest_first);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (drafts, g_steal_pointer (&g_array_index (found, FoundDraft, i).path));

  return drafts;
}

ConsultConsultation *
consult_autosave_load_draft (const char  *path,
                             GError     **error)
{
  ConsultConsultation *consultation;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Reading never changes the file: a bad draft stays for the user to
   * look at or discard. */
  consultation = consult_record_load_file (path, NULL, error);
  if (consultation == NULL)
    return NULL;

  /* Never saved as a record: closing it must not lose it unasked. */
  consult_consultation_set_modified (consultation, TRUE);

  return consultation;
}

gboolean
consult_autosave_remove_draft (const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return remove_file (path, error);
}

/* For the tests */

GThread *
_consult_autosave_get_last_writer (ConsultAutosave *self)
{
  g_return_val_if_fail (CONSULT_IS_AUTOSAVE (self), NULL);

  return self->last_writer;
}

gboolean
_consult_autosave_is_busy (ConsultAutosave *self)
{
  g_return_val_if_fail (CONSULT_IS_AUTOSAVE (self), FALSE);

  return self->in_flight != NULL || !g_queue_is_empty (&self->queue);
}

void
_consult_autosave_set_write_hooks (ConsultAutosave          *self,
                                   ConsultAutosaveWriteHook  before,
                                   ConsultAutosaveWriteHook  after,
                                   gpointer                  data)
{
  g_return_if_fail (CONSULT_IS_AUTOSAVE (self));

  self->before_hook = before;
  self->after_hook = after;
  self->hook_data = data;
}
